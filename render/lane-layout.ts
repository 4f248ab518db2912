/**
 * The one layout behind both lane diagrams: the terminal one (render/lanes.ts) and the SVG one on
 * the site (LaneDiagram.vue). It turns a trace into rows and places the three lifelines on a grid
 * of character cells, so both drawings put the same thing in the same place and cut the same
 * texts at the same length. The SVG simply multiplies cells by a monospace character's width.
 *
 * Every row is one line of text in the terminal and one fixed-height band in the SVG.
 */
import type { CallEntry, EventEntry, SyncEntry } from '../machinery/node/trace.ts'

/**
 * What a diagram draws of a trace entry: no requests, responses or times. A whole TraceEntry is
 * one; a chapter's build-time data keeps only this much, so the page's script stays small.
 */
export type LaneEntry =
  | Pick<SyncEntry, 'kind' | 'text'>
  | Pick<CallEntry, 'kind' | 'method' | 'label' | 'steps' | 'result' | 'error'>
  | Pick<EventEntry, 'kind' | 'type' | 'reason' | 'message'>

type LaneCall = Extract<LaneEntry, { kind: 'call' }>
type LaneEvent = Extract<LaneEntry, { kind: 'event' }>

/** The part of an entry a diagram draws, without the rest. */
export function laneEntry(entry: LaneEntry): LaneEntry {
  switch (entry.kind) {
    case 'sync':
      return { kind: 'sync', text: entry.text }
    case 'call': {
      const { method, label, steps, result, error } = entry
      return error === undefined ? { kind: 'call', method, label, steps, result } : { kind: 'call', method, label, steps, result, error }
    }
    case 'event':
      return { kind: 'event', type: entry.type, reason: entry.reason, message: entry.message }
  }
}

export type LaneRow =
  /** Lifelines only: a breath between two syncs. */
  | { kind: 'space' }
  /** The pod worker starts (or retries) a sync: kubelet ● ─▶ kuberuntime, text beside the arrowhead. */
  | { kind: 'sync'; text: string }
  /** kuberuntime ─▶ runtime. */
  | { kind: 'call'; label: string; method: CallEntry['method'] }
  /** What the runtime did inside the call above: a note in the runtime lane. */
  | { kind: 'step'; text: string }
  /** runtime ─▶ kuberuntime: the answer, or the gRPC error. */
  | { kind: 'return'; text: string; error: boolean }
  /** An event recorded on the Pod: a note in the kuberuntime lane. */
  | { kind: 'event'; type: EventEntry['type']; reason: string; message: string }

/** One entry a page's diagram marks (where two runs part): its index, the tag drawn beside it, the words before it in the text form, and the band's element id. */
export interface LaneMark {
  entry: number
  tag: string
  spoken: string
  id: string
}

/** Lane headers, left to right. The runtime's title is the caller's (`containerd 1.7`, `CRI-O`). */
export const KUBELET = 'kubelet'
export const MANAGER = 'kuberuntime'

/**
 * Lifeline positions, in cells from the left edge (0-based), and the width of the whole grid.
 * Texts go in the gaps: sync arrows between kubelet and manager, calls, returns, event notes and
 * sync texts between manager and runtime, step notes right of the runtime.
 */
export interface LaneColumns {
  /** Cells actually used: at most the width asked for, less when every text fits in less. */
  width: number
  kubelet: number
  manager: number
  runtime: number
  /** The runtime's header, already cut to fit. */
  runtimeTitle: string
}

export const DEFAULT_WIDTH = 100
/** Below this the three headers and a readable label no longer fit side by side. */
export const MIN_WIDTH = 48

/** The most the manager gap grows for event messages and errors beyond what call labels need. */
const LONG_TEXT_ROOM = 80

/** `─ label ─▶`: an arrow needs this many cells besides its label. */
export const ARROW_CHROME = 5
/** `├╴text`: the lifeline turns into `├`, and one more cell (`╴`) comes before the text. */
export const NOTE_CHROME = 1
/** What a return arrow shows in front of an error, in every rendering (plain text has no red). */
export const ERROR_MARK = '✗ '
/** What a Warning event shows in front of its reason (plain text has no yellow). */
export const WARNING_MARK = 'Warning '

/** One row per thing drawn, in trace order. Whitespace (newlines in messages) is collapsed so a row stays one line. */
export function laneRows(entries: readonly LaneEntry[]): LaneRow[] {
  return placedRows(entries).map(({ row }) => row)
}

/** For each row of laneRows(entries), the index of the entry it draws (a blank row: the sync after it). */
export function laneRowEntries(entries: readonly LaneEntry[]): number[] {
  return placedRows(entries).map(({ entry }) => entry)
}

function placedRows(entries: readonly LaneEntry[]): { row: LaneRow; entry: number }[] {
  const placed: { row: LaneRow; entry: number }[] = []
  entries.forEach((entry, index) => {
    const rows: LaneRow[] = []
    switch (entry.kind) {
      case 'sync':
        // A retry is a new round of calls: leave a blank row so the rounds read apart.
        if (placed.length > 0) rows.push({ kind: 'space' })
        rows.push({ kind: 'sync', text: oneLine(entry.text) })
        break
      case 'call':
        rows.push({ kind: 'call', label: oneLine(entry.label), method: entry.method })
        for (const step of entry.steps) rows.push({ kind: 'step', text: oneLine(step) })
        // Trace.endCall copies the error into result, but a hand-written trace may not: the error wins.
        rows.push({ kind: 'return', text: oneLine(entry.error ?? entry.result), error: entry.error !== undefined })
        break
      case 'event':
        rows.push({ kind: 'event', type: entry.type, reason: oneLine(entry.reason), message: oneLine(entry.message) })
        break
    }
    for (const row of rows) placed.push({ row, entry: index })
  })
  return placed
}

/** The text a row shows, before it is cut to fit (the same in both renderings). */
export function rowText(row: LaneRow): string {
  switch (row.kind) {
    case 'space':
      return ''
    case 'sync':
    case 'step':
      return row.text
    case 'call':
      return row.label
    case 'return':
      return row.error ? ERROR_MARK + row.text : row.text
    case 'event':
      return `${row.type === 'Warning' ? WARNING_MARK : ''}${row.reason}: ${row.message}`
  }
}

/**
 * Where the lifelines go. The kubelet lane only holds the start of sync arrows, so it stays as
 * narrow as its header allows; the rest is shared between the manager gap (call labels, answers,
 * events) and the runtime's notes (steps), each growing towards its longest text. Width left
 * over goes to the gap, where event messages and errors can always use more.
 */
export function laneColumns(rows: readonly LaneRow[], runtime: string, width: number = DEFAULT_WIDTH): LaneColumns {
  if (!Number.isInteger(width) || width < MIN_WIDTH) {
    throw new RangeError(`lane diagram width must be an integer of at least ${MIN_WIDTH} columns, got ${width}`)
  }
  const runtimeTitle = truncate(oneLine(runtime), Math.floor(width / 4))
  const kubelet = headerLeftHalf(KUBELET)
  // Headers are centred on their lifelines, with two blank cells between them.
  const manager = kubelet + headerRightHalf(KUBELET) + 3 + headerLeftHalf(MANAGER)
  const minGap = Math.max(headerRightHalf(MANAGER) + 3 + headerLeftHalf(runtimeTitle), 12)
  const minNotes = Math.max(headerRightHalf(runtimeTitle), 12)
  // Cells right of the manager lifeline, not counting the runtime lifeline itself.
  const budget = width - 1 - manager - 1

  // What each side needs for its texts to be shown whole. Event messages, sync texts and errors
  // are cut whenever room is short; they only take what is left (see gapWant).
  const gapNeeds = rows.flatMap((row) =>
    row.kind === 'call' || (row.kind === 'return' && !row.error) ? [cells(rowText(row)) + ARROW_CHROME] : [],
  )
  const notesNeeds = rows.flatMap((row) => (row.kind === 'step' ? [cells(row.text) + NOTE_CHROME] : []))

  // Room the steps do not need goes to the gap, for whole event messages, up to a point: a
  // 300-character gRPC error must not stretch every arrow across a wide screen. Room nobody
  // wants is left over: the diagram is then narrower than `width`, never wider.
  const longest = Math.max(
    0,
    ...rows.map((row) => (row.kind === 'space' || row.kind === 'step' ? 0 : cells(rowText(row)) + ARROW_CHROME)),
  )
  const gapWant = Math.max(...gapNeeds, Math.min(longest, LONG_TEXT_ROOM))

  // Split the budget so that as few call labels, answers and steps as possible are cut (then as
  // few characters): a long step does not squeeze every call label, nor the reverse. Of the
  // best splits, the one nearest gapWant.
  let gap = minGap
  let best = Infinity
  for (let g = minGap; g <= budget - minNotes; g++) {
    const cost = cutCost(gapNeeds, g) + cutCost(notesNeeds, budget - g)
    if (cost < best || (cost === best && Math.abs(g - gapWant) <= Math.abs(gap - gapWant))) [gap, best] = [g, cost]
  }
  const notes = Math.max(Math.min(Math.max(minNotes, ...notesNeeds), budget - gap), 1)

  const runtimeAt = manager + 1 + gap
  return { width: Math.min(runtimeAt + 1 + notes, width), kubelet, manager, runtime: runtimeAt, runtimeTitle }
}

/** How many texts are cut when `room` cells are given, weighted far above how many characters are lost. */
function cutCost(needs: readonly number[], room: number): number {
  let count = 0
  let chars = 0
  for (const need of needs) {
    if (need > room) {
      count++
      chars += need - room
    }
  }
  return count * 10_000 + chars
}

/**
 * How many cells a row's text may take: arrows keep their ends (`─ text ─▶`), notes keep one
 * blank cell before the next lifeline so that lifeline never touches the text.
 */
export function textRoom(row: LaneRow, columns: LaneColumns): number {
  const gap = columns.runtime - columns.manager - 1
  switch (row.kind) {
    case 'space':
      return 0
    case 'call':
    case 'return':
      return gap - ARROW_CHROME
    case 'sync':
    case 'event':
      return gap - NOTE_CHROME - 1
    case 'step':
      return columns.width - 1 - columns.runtime - NOTE_CHROME
  }
}

/** The row's text as drawn: cut with `…` to its room. */
export function fittedText(row: LaneRow, columns: LaneColumns): string {
  return truncate(rowText(row), textRoom(row, columns))
}

/** Cuts text to at most `max` characters, ending in `…` when something was cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text)
  if (chars.length <= max) return text
  if (max <= 0) return ''
  return chars.slice(0, max - 1).join('') + '…'
}

/** Length in characters (code points), which is what a terminal cell and a monospace glyph count. */
export function cells(text: string): number {
  return Array.from(text).length
}

/** What the diagram's label counts: CRI calls (and how many failed), events (and how many were Warnings). */
export function laneCounts(entries: readonly LaneEntry[]): { calls: number; failed: number; events: number; warnings: number } {
  const calls = entries.filter((e): e is LaneCall => e.kind === 'call')
  const events = entries.filter((e): e is LaneEvent => e.kind === 'event')
  return {
    calls: calls.length,
    failed: calls.filter((c) => c.error !== undefined).length,
    events: events.length,
    warnings: events.filter((e) => e.type === 'Warning').length,
  }
}

/** `Lane diagram: 7 CRI calls to containerd 1.7 (1 failed), 5 events (1 Warning)`: the SVG's aria-label. */
export function describeLanes(entries: readonly LaneEntry[], runtime: string): string {
  const { calls, failed, events, warnings } = laneCounts(entries)
  const callText = `${calls} CRI ${calls === 1 ? 'call' : 'calls'} to ${oneLine(runtime)}${failed ? ` (${failed} failed)` : ''}`
  const eventText = `${events} ${events === 1 ? 'event' : 'events'}${warnings ? ` (${warnings} Warning)` : ''}`
  return `Lane diagram: ${callText}, ${eventText}`
}

/**
 * How many cells a text takes on screen, where a Hangul or other East Asian wide glyph takes two
 * (as in a terminal). The SVG diagram sizes its wrapped lines and note boxes with this, so a
 * Korean note fits its box; the terminal grid (cells) only ever draws English.
 */
export function screenCells(text: string): number {
  let n = 0
  for (const char of text) n += WIDE.test(char) ? 2 : 1
  return n
}
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Cells of a centred header left of its lifeline, and right of it. */
function headerLeftHalf(title: string): number {
  return Math.floor(cells(title) / 2)
}
function headerRightHalf(title: string): number {
  return cells(title) - 1 - headerLeftHalf(title)
}
