/** Where things live in the workbook, as absolute paths, so every tool agrees. */
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

export const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
export const KATAS_DIR = join(ROOT, 'katas')
export const SOLUTIONS_DIR = join(ROOT, 'solutions')
export const KNOWN_WRONG_DIR = join(ROOT, 'proof', 'known-wrong')
/** The learner's own state: progress and backups. Ignored by git, never touched by updates. */
export const STATE_DIR = join(ROOT, '.podkata')
