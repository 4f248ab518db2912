/**
 * Where a learner's node parts from the reference's: the first CRI call (by its label) and the
 * first event (type, reason, field path and message) that differ, each counted from 1 as
 * `npm run sim -- --compare` prints them. The CLI (sim/command.ts) puts them in words; the
 * page (browser/sim-run.ts) also marks the row on both lane diagrams. Pure: no Node modules,
 * so the page's worker runs this same file.
 */
import type { CallEntry, EventEntry } from '../machinery/node/trace.ts'

export interface Parting {
  /** 1-based, as the CLI says it: `call 3`, `event 2`. */
  number: number
  /** The learner's call label or event line there; absent when the learner's node made no more. */
  mine?: string
  /** The reference's; absent when the reference made no more. */
  reference?: string
}

/** An event as one comparable line: `Warning Failed spec.containers{nginx}: Error: …`. */
export function eventLine(event: Pick<EventEntry, 'type' | 'reason' | 'message' | 'fieldPath'>): string {
  return `${event.type} ${event.reason}${event.fieldPath ? ` ${event.fieldPath}` : ''}: ${event.message}`
}

function firstParting(mine: readonly string[], reference: readonly string[]): Parting | undefined {
  for (let i = 0; i < Math.max(mine.length, reference.length); i++) {
    if (mine[i] === reference[i]) continue
    return { number: i + 1, ...(mine[i] !== undefined ? { mine: mine[i] } : {}), ...(reference[i] !== undefined ? { reference: reference[i] } : {}) }
  }
  return undefined
}

/** The first CRI call whose label differs; undefined if every call is the same. */
export function firstCallParting(mine: readonly Pick<CallEntry, 'label'>[], reference: readonly Pick<CallEntry, 'label'>[]): Parting | undefined {
  return firstParting(
    mine.map((c) => c.label),
    reference.map((c) => c.label),
  )
}

/** The first event that differs, as eventLine() lines; undefined if they are the same. */
export function firstEventParting(mine: readonly string[], reference: readonly string[]): Parting | undefined {
  return firstParting(mine, reference)
}

/** The CLI's words for a call parting: `call 3: yours is …; the reference makes …`. */
export function callPartingText(parting: Parting): string {
  return `call ${parting.number}: yours is ${parting.mine ?? 'no call (your kubelet stopped here)'}; the reference makes ${parting.reference ?? 'no call (the reference stopped here)'}`
}

/** The CLI's words for an event parting: `event 2: yours is …; the reference records …`. */
export function eventPartingText(parting: Parting): string {
  return `event ${parting.number}: yours is ${parting.mine ?? 'no event (your kubelet recorded no more)'}; the reference records ${parting.reference ?? 'no event (the reference recorded no more)'}`
}

/** What `--compare` prints under the two diagrams: one line when they agree, else one about the calls and one about the events. */
export function partingLines(calls: Parting | undefined, events: Parting | undefined): string[] {
  if (!calls && !events) return ['Your kubelet makes the same CRI calls and records the same events as the reference.']
  return [
    calls ? `First difference in the CRI calls: ${callPartingText(calls)}` : 'The CRI calls are the same as the reference’s.',
    events ? `First difference in the events: ${eventPartingText(events)}` : 'The events are the same as the reference’s.',
  ]
}
