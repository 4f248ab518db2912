/**
 * client-go's flowcontrol.Backoff, which the kubelet uses for image pulls and for restarting
 * crashed containers: the first failure waits 10 s, each further one doubles it, up to 5
 * minutes; an entry that has been quiet for twice the maximum starts over.
 * (k/k pkg/kubelet/kubelet.go: backOffPeriod = 10 s, MaxContainerBackOff = 300 s.)
 */
export const BACKOFF_INITIAL_MS = 10_000
export const BACKOFF_MAX_MS = 300_000

interface Entry {
  backoffMs: number
  lastUpdate: number
}

export class Backoff {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly now: () => number,
    private readonly initialMs = BACKOFF_INITIAL_MS,
    private readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  /** Records one more failure: starts or doubles the wait. */
  next(key: string, at = this.now()): void {
    const entry = this.entries.get(key)
    if (!entry || at - entry.lastUpdate > 2 * this.maxMs) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: at })
      return
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs)
    entry.lastUpdate = at
  }

  /** The current wait for the key, 0 if none. */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0
  }

  /** Still waiting since the last failure was recorded (image pulls). */
  isInBackOffSinceUpdate(key: string, at = this.now()): boolean {
    const entry = this.entries.get(key)
    return entry !== undefined && at - entry.lastUpdate < entry.backoffMs
  }

  /** Still waiting since `since` (a container's finish time: restarts). */
  isInBackOffSince(key: string, since: number, at = this.now()): boolean {
    const entry = this.entries.get(key)
    return entry !== undefined && at - since < entry.backoffMs
  }
}
