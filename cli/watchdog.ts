/**
 * Stops a spec that runs too long. Vitest's own timeout cannot interrupt synchronous code (an
 * endless `while` loop, or an async loop that never yields to the event loop), so the worker
 * posts which spec is starting (workbook/running-spec-marker.ts) and this side, whose event
 * loop stays free, ends the worker when one spec has run past its limit.
 */
import { BroadcastChannel } from 'node:worker_threads'
import type { RunningSpec } from '../workbook/running-spec-marker.ts'
import { SPEC_TIMEOUT_MS } from '../workbook/vitest-options.ts'

const POLL_MS = 50
/**
 * Loading the spec's modules (the learner's file's top level) may take longer than a spec on a
 * busy machine, the first time especially; a loop there is still stopped, a little later.
 */
export const LOAD_TIMEOUT_MS = 2 * SPEC_TIMEOUT_MS

/** How long a spec (or the loading, for null) may run: never less than SPEC_TIMEOUT_MS. */
export function limitOf(running: RunningSpec): number {
  return running.spec === null ? LOAD_TIMEOUT_MS : Math.max(SPEC_TIMEOUT_MS, running.limitMs ?? 0)
}

let channels = 0

export class Watchdog {
  /** Set on the worker as PODKATA_RUNNING_SPEC_CHANNEL; one per runner, so runners never mix. */
  readonly channelName = `podkata:running-spec:${process.pid}:${++channels}`
  private readonly channel = new BroadcastChannel(this.channelName)
  private latest: RunningSpec | undefined

  constructor() {
    this.channel.onmessage = (event) => (this.latest = (event as { data: RunningSpec }).data)
    this.channel.unref()
  }

  /**
   * Watches one run; `stop` is called once if a spec (or the file's loading) passes its limit.
   * Read `stuck` when the run is over.
   */
  watch(stop: () => void): { readonly stuck: RunningSpec | undefined; end: () => void } {
    const runStarted = Date.now()
    this.latest = undefined
    let stuck: RunningSpec | undefined
    const timer = setInterval(() => {
      const running = this.latest
      // Nothing posted yet, or a message left from the run before.
      if (!running || running.since < runStarted) return
      const limit = limitOf(running)
      if (Date.now() - running.since < limit) return
      stuck = running
      clearInterval(timer)
      stop()
    }, POLL_MS)
    return {
      get stuck() {
        return stuck
      },
      end: () => clearInterval(timer),
    }
  }

  close(): void {
    this.channel.close()
  }
}
