/**
 * What happened on the simulated node, in order: the kubelet starting a sync, every CRI call
 * the runtime manager made (with what the runtime did inside it), and every event it recorded.
 * The lane diagrams in the terminal and on the site are drawn from this record, never by hand,
 * so they show what the code really did.
 *
 * The three lanes follow the 2016 CRI post: the kubelet, its generic runtime manager (the part
 * that speaks CRI and records events), and the container runtime behind the gRPC socket.
 */
import type { CriMethod } from '../runtime/cri.ts'

export type Lane = 'kubelet' | 'manager' | 'runtime'

/** The kubelet (its pod worker) starts a sync of a pod, or notes why it will retry. */
export interface SyncEntry {
  kind: 'sync'
  text: string
  /** Milliseconds on the node's clock. */
  at: number
}

/** One CRI call: an arrow from the runtime manager to the runtime, and the answer back. */
export interface CallEntry {
  kind: 'call'
  method: CriMethod
  /** Short text for the arrow, e.g. `PullImage nginx:1.27`. */
  label: string
  request: unknown
  /** What the runtime did while serving the call, e.g. `CNI ADD → 10.244.1.2`. */
  steps: string[]
  /** Short text for the answer, e.g. an id, `image: null`, or the error. */
  result: string
  response?: unknown
  /** The gRPC error as grpc-go prints it, when the call failed. */
  error?: string
  at: number
}

/** An event the runtime manager recorded on the Pod, as `kubectl describe` lists it. */
export interface EventEntry {
  kind: 'event'
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  /** For a container's event, which container: `spec.containers{nginx}`. */
  fieldPath?: string
  at: number
}

export type TraceEntry = SyncEntry | CallEntry | EventEntry

export class Trace {
  readonly entries: TraceEntry[] = []
  private open: CallEntry | undefined

  constructor(private readonly now: () => number = () => 0) {}

  sync(text: string): void {
    this.entries.push({ kind: 'sync', text, at: this.now() })
  }

  event(type: EventEntry['type'], reason: string, message: string, fieldPath?: string): void {
    this.entries.push({ kind: 'event', type, reason, message, ...(fieldPath ? { fieldPath } : {}), at: this.now() })
  }

  /** Opens a call; runtime steps recorded until it ends belong to it. */
  beginCall(method: CriMethod, label: string, request: unknown): CallEntry {
    const entry: CallEntry = { kind: 'call', method, label, request, steps: [], result: '', at: this.now() }
    this.entries.push(entry)
    this.open = entry
    return entry
  }

  /** Something the runtime did inside the call being served. Outside a call it is dropped. */
  step(text: string): void {
    this.open?.steps.push(text)
  }

  endCall(entry: CallEntry, outcome: { result: string; response: unknown } | { error: string }): void {
    if ('error' in outcome) {
      entry.error = outcome.error
      entry.result = outcome.error
    } else {
      entry.response = outcome.response
      entry.result = outcome.result
    }
    if (this.open === entry) this.open = undefined
  }

  calls(): CallEntry[] {
    return this.entries.filter((e): e is CallEntry => e.kind === 'call')
  }

  events(): EventEntry[] {
    return this.entries.filter((e): e is EventEntry => e.kind === 'event')
  }

  /** Forgets everything recorded so far (e.g. to draw only the second sync). */
  clear(): void {
    this.entries.length = 0
    this.open = undefined
  }
}
