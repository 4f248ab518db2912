/** Where things live in the workbook, as absolute paths, so every tool agrees. */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The kata CLI runs from a compiled bundle elsewhere in the tree, so the root is found by
// looking upwards for the kata list rather than assumed from this file's own location.
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'katas', 'katas.ts'))) return dir
    if (dirname(dir) === dir) throw new Error(`podkata: cannot find the workbook (katas/katas.ts) above ${start}`)
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))
/** The learner's working copies (and the specs). */
export const KATAS_DIR = join(ROOT, 'katas')
/** The pristine starters: what a working copy starts as, and what `reset` restores. */
export const STARTERS_DIR = join(ROOT, 'starters')
export const SOLUTIONS_DIR = join(ROOT, 'solutions')
export const KNOWN_WRONG_DIR = join(ROOT, 'proof', 'known-wrong')
/** The learner's own state: progress and backups. Ignored by git, never touched by updates. */
export const STATE_DIR = join(ROOT, '.podkata')
