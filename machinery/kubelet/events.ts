/**
 * Events as the API server ends up storing them. The kubelet does not write one object per
 * call to `record`: client-go's event correlator (tools/record/events_cache.go,
 * `EventCorrelate`) first folds them, in this order, and that folding is what
 * `kubectl describe` shows:
 *
 * 1. aggregate — the same reason with a *different* message each time (containerd 2.x puts
 *    the new sandbox id in every failure) is kept apart for the first 9 messages; from the
 *    10th distinct message within 10 minutes on, they go into one event whose message starts
 *    with `(combined from similar events): ` and shows the latest text. The aggregate key is
 *    source, involved object, type and reason — without the field path, so two containers'
 *    messages of one reason count together;
 * 2. observe — the same event again (same key, field path and message) adds one to its count
 *    in the recorder's cache: `7s (x11 over 2m)`. This happens before the spam filter, so an
 *    occurrence the filter holds back is still counted;
 * 3. spam filter — per source, involved object and event type (k/k#124747 added the type), a
 *    burst of 25 events, then one per 5 minutes. A held-back event never reaches the API
 *    server; the next one let through carries the count accumulated meanwhile, so on a pod
 *    that fails for an hour the count keeps growing, in jumps.
 *
 * One recorder serves one pod here, so "involved object" is implicit.
 */
import type { Trace } from '../node/trace.ts'

export type EventType = 'Normal' | 'Warning'

export interface PodEvent {
  type: EventType
  reason: string
  message: string
  /** Who reported it: `kubelet`, `default-scheduler`. */
  source: string
  /** For container events, e.g. `spec.containers{web}`; kubectl ≥ 1.35 shows it. */
  fieldPath?: string
  count: number
  /** Milliseconds on the node's clock. */
  firstTimestamp: number
  lastTimestamp: number
}

const AGGREGATE_MAX_DISTINCT_MESSAGES = 10
const AGGREGATE_INTERVAL_MS = 600_000
const SPAM_BURST = 25
const SPAM_REFILL_PER_MS = 1 / 300_000
export const COMBINED_PREFIX = '(combined from similar events): '

interface AggregateRecord {
  /** Distinct messages seen, oldest first (client-go's set; it drops an arbitrary one, we the oldest). */
  messages: string[]
  last: number
}

/** What the recorder's cache remembers of an event it has seen (client-go's eventLog). */
interface Observation {
  count: number
  firstTimestamp: number
}

export class EventRecorder {
  /** The events as the API server holds them. */
  private readonly stored = new Map<string, PodEvent>()
  private readonly aggregates = new Map<string, AggregateRecord>()
  private readonly observed = new Map<string, Observation>()
  private readonly spamTokens = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly now: () => number,
    private readonly trace?: Trace,
  ) {}

  /** Records one event on the pod, as `recorder.Eventf` would. */
  record(type: EventType, reason: string, message: string, options: { source?: string; fieldPath?: string } = {}): void {
    const source = options.source ?? 'kubelet'
    const now = this.now()
    this.trace?.event(type, reason, message, options.fieldPath)

    // 1. EventAggregate
    const aggregateKey = [source, type, reason].join('\u0000')
    let key = [source, options.fieldPath ?? '', type, reason, message].join('\u0000')
    let shown = message
    const previous = this.aggregates.get(aggregateKey)
    const record = previous && now - previous.last <= AGGREGATE_INTERVAL_MS ? previous : { messages: [], last: now }
    if (!record.messages.includes(message)) record.messages.push(message)
    record.last = now
    this.aggregates.set(aggregateKey, record)
    if (record.messages.length >= AGGREGATE_MAX_DISTINCT_MESSAGES) {
      record.messages.shift() // client-go's PopAny: the set never grows past the limit
      key = aggregateKey
      shown = COMBINED_PREFIX + message
    }

    // 2. eventObserve: counted whether or not the spam filter lets it through.
    const last = this.observed.get(key)
    const observation = last ? { count: last.count + 1, firstTimestamp: last.firstTimestamp } : { count: 1, firstTimestamp: now }
    this.observed.set(key, observation)

    // 3. the spam filter
    if (!this.allowedBySpamFilter([source, type].join('\u0000'), now)) return

    const existing = this.stored.get(key)
    if (existing) {
      existing.count = observation.count
      existing.lastTimestamp = now
      existing.message = shown
      return
    }
    this.stored.set(key, {
      type,
      reason,
      message: shown,
      source,
      ...(options.fieldPath ? { fieldPath: options.fieldPath } : {}),
      count: observation.count,
      firstTimestamp: observation.firstTimestamp,
      lastTimestamp: now,
    })
  }

  /** The stored events, oldest first by their last occurrence (kubectl's order). */
  list(): PodEvent[] {
    return [...this.stored.values()].sort((a, b) => a.lastTimestamp - b.lastTimestamp)
  }

  private allowedBySpamFilter(spamKey: string, now: number): boolean {
    const bucket = this.spamTokens.get(spamKey) ?? { tokens: SPAM_BURST, at: now }
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + (now - bucket.at) * SPAM_REFILL_PER_MS)
    bucket.at = now
    this.spamTokens.set(spamKey, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}
