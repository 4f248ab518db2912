/**
 * Time on the simulated node. It only moves when a spec or scenario moves it, so traces,
 * ages and timestamps are the same on every run.
 */
export class Clock {
  /** Milliseconds since the Unix epoch. Starts at a fixed, readable moment. */
  private ms: number

  constructor(start = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.ms = start
  }

  now(): number {
    return this.ms
  }

  /** Nanoseconds since the epoch, as CRI timestamps (`created_at`) are. */
  nowNanos(): bigint {
    return BigInt(this.ms) * 1_000_000n
  }

  advance(ms: number): void {
    this.ms += ms
  }
}
