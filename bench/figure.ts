/**
 * What a bench module reports: figures, each with the aim it is held to, so a regression is
 * visible at a glance. scripts/bench.ts runs the modules and prints their figures.
 */
export interface Figure {
  /** What was measured, e.g. `kata 1: save → verdict (median)`. */
  name: string
  value: number
  unit: 'ms' | 's' | '×' | 'KiB'
  /** The figure should be at most this; none for a figure printed only to compare with. */
  atMost?: number
  /** Extra detail printed after the aim: spread, the number of runs, the figures compared. */
  detail?: string
}

export interface BenchModule {
  /** A title for the group of figures. */
  title: string
  run(): Promise<Figure[]>
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function spread(values: readonly number[]): string {
  return `min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))}, n ${values.length}`
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
