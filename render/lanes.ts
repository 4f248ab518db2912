/**
 * A trace as a lane diagram for the terminal: kubelet, kuberuntime and the runtime side by side,
 * one line per row of render/lane-layout.ts. It must read the same printed as plain text in a
 * Markdown code block (that is how the chapters show it), so colour only repeats what the
 * characters already say: errors carry ✗, Warning events say "Warning", steps sit in the
 * runtime's column.
 *
 *   kubelet    kuberuntime                     containerd 1.7
 *   ───┬───    ─────┬─────                     ───────┬───────
 *      ●──────────▶│ SyncPod default/web              │
 *      │           ├─ RunPodSandbox web ─────────────▶│
 *      │           │                                  ├╴CNI ADD → 10.244.1.2
 *      │           │◀┄ a3f9c2e1d4b5c ┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┤
 *      │           ├╴Pulled: Successfully pulled…     │
 */
import type { TraceEntry } from '../machinery/node/trace.ts'
import {
  DEFAULT_WIDTH,
  KUBELET,
  MANAGER,
  cells,
  fittedText,
  laneColumns,
  laneRows,
  type LaneColumns,
  type LaneRow,
} from './lane-layout.ts'

export interface LaneOptions {
  /** The runtime lane's title, e.g. `containerd 1.7` or `CRI-O`. */
  runtime: string
  /** Columns, 100 unless given; no line is ever longer. */
  width?: number
  /** ANSI colours: dim steps, red errors, yellow Warning events. Off by default, for files and docs. */
  color?: boolean
}

type Style = 'dim' | 'red' | 'yellow'

const ANSI: Record<Style, string> = { dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m' }
const RESET = '\x1b[0m'

export function drawLanes(entries: readonly TraceEntry[], options: LaneOptions): string {
  const rows = laneRows(entries)
  const columns = laneColumns(rows, options.runtime, options.width ?? DEFAULT_WIDTH)
  const lines = [...drawHeaders(columns), ...rows.map((row) => drawRow(row, columns))]
  return lines.map((line) => line.toString(options.color ?? false)).join('\n')
}

/** Titles centred on their lifelines, underlined, the underline joined to the lifeline by ┬. */
function drawHeaders(columns: LaneColumns): Line[] {
  const titles = new Line(columns.width)
  const rules = new Line(columns.width)
  const lanes: [string, number][] = [
    [KUBELET, columns.kubelet],
    [MANAGER, columns.manager],
    [columns.runtimeTitle, columns.runtime],
  ]
  for (const [title, x] of lanes) {
    const left = x - Math.floor(cells(title) / 2)
    titles.put(left, title)
    rules.put(left, '─'.repeat(cells(title)))
    rules.put(x, '┬')
  }
  return [titles, rules]
}

function drawRow(row: LaneRow, columns: LaneColumns): Line {
  const { kubelet, manager, runtime } = columns
  const line = new Line(columns.width)
  // Lifelines first; whatever the row draws goes over them.
  for (const x of [kubelet, manager, runtime]) line.put(x, '│')
  const text = fittedText(row, columns)
  const gap = runtime - manager - 1

  switch (row.kind) {
    case 'space':
      break
    case 'sync':
      // The arrow is short (the kubelet lane is narrow); its text goes past the arrowhead, where there is room.
      line.put(kubelet, '●' + '─'.repeat(manager - kubelet - 2) + '▶')
      line.put(manager + 2, text)
      break
    case 'call':
      line.put(manager, '├')
      line.put(manager + 1, arrowRight(text, gap))
      break
    case 'return': {
      // Dashed, as a UML reply: it tells the answer from the next call at a glance.
      const style = row.error ? 'red' : undefined
      line.put(manager + 1, arrowLeft(text, gap), style)
      line.put(runtime, '┤', style)
      break
    }
    case 'step':
      line.put(runtime, '├')
      line.put(runtime + 1, '╴' + text, 'dim')
      break
    case 'event':
      line.put(manager, '├')
      line.put(manager + 1, '╴' + text, row.type === 'Warning' ? 'yellow' : undefined)
      break
  }
  return line
}

/** `─ label ───▶`, exactly `length` cells. */
function arrowRight(label: string, length: number): string {
  const head = label ? `─ ${label} ` : ''
  return head + '─'.repeat(Math.max(length - cells(head) - 1, 0)) + '▶'
}

/** `◀┄ label ┄┄┄`, exactly `length` cells. */
function arrowLeft(label: string, length: number): string {
  const head = label ? `◀┄ ${label} ` : '◀'
  return head + '┄'.repeat(Math.max(length - cells(head), 0))
}

/**
 * One line of the diagram as a row of cells, each with its style, so later drawing can go over
 * earlier drawing (text over a lifeline) and nothing can land beyond the width.
 */
class Line {
  private readonly chars: string[]
  private readonly styles: (Style | undefined)[]

  constructor(private readonly width: number) {
    this.chars = Array.from({ length: width }, () => ' ')
    this.styles = Array.from({ length: width }, () => undefined)
  }

  put(x: number, text: string, style?: Style): void {
    Array.from(text).forEach((char, i) => {
      if (x + i < 0 || x + i >= this.width) return
      this.chars[x + i] = char
      this.styles[x + i] = style
    })
  }

  toString(color: boolean): string {
    let end = this.chars.length
    while (end > 0 && this.chars[end - 1] === ' ') end--
    if (!color) return this.chars.slice(0, end).join('')
    let out = ''
    let current: Style | undefined
    for (let i = 0; i < end; i++) {
      const style = this.styles[i]
      if (style !== current) {
        if (current) out += RESET
        if (style) out += ANSI[style]
        current = style
      }
      out += this.chars[i]
    }
    return current ? out + RESET : out
  }
}
