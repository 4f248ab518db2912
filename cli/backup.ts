/**
 * Before anything replaces a learner's file it is copied to .podkata/backups/, named with the
 * time, so nothing a learner typed is ever lost.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import type { Kata } from '../katas/katas.ts'
import { ROOT, STATE_DIR } from '../workbook/paths.ts'
import { UserError } from './errors.ts'
import { describeFileProblem } from './file-problems.ts'

export const BACKUP_DIR = join(STATE_DIR, 'backups')

/**
 * Copies the file to .podkata/backups/<kata>/<file>.<timestamp>; returns the backup's path.
 * A backup that cannot be written stops whatever wanted to replace the file.
 */
export function backUp(kata: Kata, file: string, now = new Date()): string | undefined {
  if (!existsSync(file)) return undefined
  try {
    return copyToBackups(kata, file, now)
  } catch (error) {
    const problem = describeFileProblem(error)
    if (!problem) throw error
    throw new UserError(`${relative(ROOT, file)} was left as it is: its backup could not be made: ${problem}`)
  }
}

function copyToBackups(kata: Kata, file: string, now: Date): string {
  const dir = join(BACKUP_DIR, kata.folder)
  mkdirSync(dir, { recursive: true })
  // Colons are not allowed in Windows file names; keep the stamp portable and sortable.
  const stamp = now.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')
  let target = join(dir, `${basename(file)}.${stamp}`)
  for (let n = 2; existsSync(target); n++) target = join(dir, `${basename(file)}.${stamp}-${n}`)
  copyFileSync(file, target)
  return target
}
