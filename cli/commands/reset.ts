/**
 * `reset <kata>`: start a kata again from its starter. The learner's file is first copied to
 * .podkata/backups/, and the command says where.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { ROOT } from '../../workbook/paths.ts'
import { starterPath, workingCopyPath } from '../../workbook/working-copies.ts'
import { backUp } from '../backup.ts'
import { findKata } from '../find-kata.ts'
import { Progress } from '../progress.ts'
import { dim, green, PASS } from '../style.ts'

export function reset(name: string | undefined): number {
  const kata = findKata(name)
  for (const file of kata.files) {
    const target = workingCopyPath(kata, file)
    const backup = backUp(kata, target)
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(starterPath(kata, file), target)
    const saved = backup ? `your version is saved as ${relative(ROOT, backup)}` : 'there was no file to back up'
    console.log(`${green(PASS)} ${relative(ROOT, target)} is the starter again ${dim(`(${saved})`)}`)
  }
  if (Progress.load().of(kata)) Progress.load().record(kata, 'failing')
  return 0
}
