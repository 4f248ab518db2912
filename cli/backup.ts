/**
 * Before anything replaces a learner's file it is copied to .podkata/backups/, named with the
 * time, so nothing a learner typed is ever lost.
 */
import { constants, copyFileSync, existsSync, mkdirSync } from 'node:fs'
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
  // Exclusive: two terminals resetting in the same second each keep their own backup.
  for (let n = 1; ; n++) {
    const target = join(dir, `${basename(file)}.${stamp}${n === 1 ? '' : `-${n}`}`)
    try {
      copyFileSync(file, target, constants.COPYFILE_EXCL)
      return target
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
    }
  }
}
