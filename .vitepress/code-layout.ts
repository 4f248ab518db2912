/**
 * How each line of a code block or terminal screen wraps, worked out from its text alone, so
 * that the page never has to choose between "run off the right edge" and "wrap to column 0":
 *
 * - code wraps with a hanging indent: a wrapped line carries on two columns right of where it
 *   started, never at column 0;
 * - a kubectl-style table (`Type  Reason  Age  From  Message`, `NAME  READY  STATUS …`) keeps
 *   its columns: the block is at least as wide as the header (scrolling inside itself on a
 *   narrow screen), and a row too long for it (an event's message, often 400 characters) wraps
 *   under the table's second column, so the message reads in full without scrolling and the
 *   Type column stays clear down the left. An Events row quoted without its header wraps the
 *   same way, but sets no width.
 *
 * Used by the shiki transformer for fenced blocks (code-blocks.ts) and by TerminalOutput.vue
 * for the screens the chapters make at build time. Widths are in `ch`: the blocks are monospace.
 */

/** The header of `kubectl describe`'s Events table. The browser test looks for it by this. */
export const TABLE_HEADER = /^\s*Type {2,}Reason {2,}Age {2,}From {2,}Message\s*$/

/** Any table header: three or more upper-case-led words, columns two or more spaces apart. */
const ANY_HEADER = /^\s*[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)?( {2,}[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)?){2,}\s*$/

/** An Events row on its own (no header above it): Type, Reason, Age, From, then the Message. */
const EVENT_ROW = /^\s*(Normal|Warning) {2,}\S/

/** How many columns a wrapped line carries on to the right of where it started. */
const HANG = 2

export interface LineLayout {
  /** Columns from the left edge where the second and later screen rows of this line start. */
  hang: number
}

export interface BlockLayout {
  lines: LineLayout[]
  /** Set when the block holds a table: the narrowest it may get, in columns. */
  minColumns?: number
}

const leading = (line: string) => {
  let columns = 0
  for (const char of line) {
    if (char === ' ') columns += 1
    else if (char === '\t') columns += 4 - (columns % 4)
    else break
  }
  return columns
}

/** Where each field of a row separated by two or more spaces starts. */
function fieldStarts(line: string): number[] {
  const starts: number[] = []
  const pattern = /(?:^|\s{2,})(\S)/g
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) starts.push(match.index + match[0].length - 1)
  return starts
}

export function layoutLines(lines: readonly string[]): BlockLayout {
  const layout: LineLayout[] = []
  let minColumns: number | undefined
  // The table being read, while inside one: where its second and its last column start.
  let table: { second: number; last: number } | undefined
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('$ ')) table = undefined
    const fields = fieldStarts(line)
    if (ANY_HEADER.test(line) && fields.length >= 3) {
      table = { second: fields[1]!, last: fields.at(-1)! }
      minColumns = Math.max(minColumns ?? 0, line.trimEnd().length)
      layout.push({ hang: leading(line) + HANG })
      continue
    }
    // A row of a table, or an Events row quoted without its header (Type, Reason, Age, From, Message).
    const row = table ?? (EVENT_ROW.test(line) && fields.length >= 5 ? { second: fields[1]!, last: fields[4]! } : undefined)
    if (row && line.length > row.last) {
      // Only a header sets the block's least width: a row longer than its header wraps (under the
      // second column) rather than widening the block, so a phone reads it without panning.
      layout.push({ hang: row.second })
      continue
    }
    layout.push({ hang: leading(line) + HANG })
  }
  return minColumns === undefined ? { lines: layout } : { lines: layout, minColumns }
}
