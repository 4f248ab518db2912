/**
 * Loaded into the kata CLI's test worker (a vitest setup file). Before each spec it posts,
 * synchronously, which spec is starting. A spec stuck in an endless loop blocks the worker, so
 * it can no longer report anything itself; the last of these messages is how the CLI's
 * watchdog learns what is stuck and since when (it then ends the worker through its pool).
 *
 * A BroadcastChannel rather than a file: the message is queued for the CLI the moment it is
 * posted, and posting costs microseconds where writing a file cost milliseconds per spec.
 */
import { BroadcastChannel } from 'node:worker_threads'
import { beforeEach } from 'vitest'

export interface RunningSpec {
  /** The spec's full name, or null while the spec file (and the learner's file) loads. */
  spec: string | null
  since: number
  /** The spec's own time limit, when it sets one longer than the usual (the capstone's property check). */
  limitMs?: number
}

const channelName = process.env.PODKATA_RUNNING_SPEC_CHANNEL
const channel = channelName ? new BroadcastChannel(channelName) : undefined
channel?.unref()

function mark(spec: string | null, limitMs?: number): void {
  channel?.postMessage({ spec, since: Date.now(), ...(limitMs === undefined ? {} : { limitMs }) } satisfies RunningSpec)
}

// Posted before the spec file is imported: a loop at the top level of a learner's file
// hangs while loading, before any spec starts.
mark(null)

beforeEach((context) => {
  mark(context.task.fullName, context.task.timeout)
})
