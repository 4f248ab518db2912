/**
 * Before anything replaces a learner's file it is copied to .podkata/backups/, named with the
 * time, so nothing a learner typed is ever lost.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Kata } from '../katas/katas.ts'
import { STATE_DIR } from '../workbook/paths.ts'

export const BACKUP_DIR = join(STATE_DIR, 'backups')

/** Copies the file to .podkata/backups/<kata>/<file>.<timestamp>; returns the backup's path. */
export function backUp(kata: Kata, file: string, now = new Date()): string | undefined {
  if (!existsSync(file)) return undefined
  const dir = join(BACKUP_DIR, kata.folder)
  mkdirSync(dir, { recursive: true })
  // Colons are not allowed in Windows file names; keep the stamp portable and sortable.
  const stamp = now.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')
  let target = join(dir, `${basename(file)}.${stamp}`)
  for (let n = 2; existsSync(target); n++) target = join(dir, `${basename(file)}.${stamp}-${n}`)
  copyFileSync(file, target)
  return target
}
