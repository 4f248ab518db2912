/**
 * The first place a learner's trace parts from the reference's: the CRI calls (method and
 * label) and the events (reason and message), in order. Sync notes and times are left out:
 * they follow from the calls.
 */
import type { TraceEntry } from '../machinery/node/trace.ts'

export interface FirstDifference {
  /** Index among the compared steps (calls and events), from 0. */
  step: number
  mine?: string
  reference?: string
}

export function stepText(entry: TraceEntry): string | undefined {
  // A call's label starts with its method: `PullImage nginx:1.27`.
  if (entry.kind === 'call') return `${entry.label}${entry.error ? ` → ${entry.error}` : ''}`
  if (entry.kind === 'event') return `${entry.type} ${entry.reason}: ${entry.message}`
  return undefined
}

export function steps(entries: readonly TraceEntry[]): string[] {
  return entries.map(stepText).filter((s): s is string => s !== undefined)
}

export function firstDifference(mine: readonly TraceEntry[], reference: readonly TraceEntry[]): FirstDifference | undefined {
  const a = steps(mine)
  const b = steps(reference)
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { step: i, ...(a[i] !== undefined ? { mine: a[i] } : {}), ...(b[i] !== undefined ? { reference: b[i] } : {}) }
  }
  return undefined
}
