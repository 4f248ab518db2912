/**
 * Events as the API server ends up storing them. The kubelet does not write one object per
 * call to `record`: client-go's event correlator (tools/record/events_cache.go) first folds
 * them, and that folding is what `kubectl describe` shows:
 *
 * - the same event again (same reason and message) bumps `count` on the existing object —
 *   `7s (x11 over 2m)`;
 * - the same reason with a *different* message each time (containerd 2.x puts the new sandbox
 *   id in every failure) is kept apart for the first 9 messages; from the 10th distinct message
 *   within 10 minutes on, they all go into one event whose message starts with
 *   `(combined from similar events): ` and shows the latest text;
 * - a spam filter lets a source send a burst of 25 events per object, then one per 5 minutes.
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
  messages: Set<string>
  last: number
}

export class EventRecorder {
  private readonly stored = new Map<string, PodEvent>()
  private readonly aggregates = new Map<string, AggregateRecord>()
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
    if (!this.allowedBySpamFilter(source, now)) return

    const similarKey = [source, options.fieldPath ?? '', type, reason].join('\u0000')
    let key = `${similarKey}\u0000${message}`
    let shown = message
    const aggregate = this.aggregates.get(similarKey)
    const record = aggregate && now - aggregate.last <= AGGREGATE_INTERVAL_MS ? aggregate : { messages: new Set<string>(), last: now }
    record.messages.add(message)
    record.last = now
    this.aggregates.set(similarKey, record)
    if (record.messages.size >= AGGREGATE_MAX_DISTINCT_MESSAGES) {
      key = similarKey
      shown = COMBINED_PREFIX + message
    }

    const existing = this.stored.get(key)
    if (existing) {
      existing.count += 1
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
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    })
  }

  /** The stored events, oldest first by their last occurrence (kubectl's order). */
  list(): PodEvent[] {
    return [...this.stored.values()].sort((a, b) => a.lastTimestamp - b.lastTimestamp)
  }

  private allowedBySpamFilter(source: string, now: number): boolean {
    const bucket = this.spamTokens.get(source) ?? { tokens: SPAM_BURST, at: now }
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + (now - bucket.at) * SPAM_REFILL_PER_MS)
    bucket.at = now
    this.spamTokens.set(source, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}
