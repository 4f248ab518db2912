/**
 * A learner edits working copies in katas/<kata>/, made from the pristine starters in
 * starters/<kata>/ the first time they are needed. A working copy is never overwritten here:
 * only `reset` replaces one, after backing it up.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { KATAS, type Kata } from '../katas/katas.ts'
import { KATAS_DIR, STARTERS_DIR } from './paths.ts'

export function workingCopyPath(kata: Kata, file: string): string {
  return join(KATAS_DIR, kata.folder, file)
}

export function starterPath(kata: Kata, file: string): string {
  return join(STARTERS_DIR, kata.folder, file)
}

/** Creates every missing working copy; returns the paths it created. */
export function ensureWorkingCopies(katas: readonly Kata[] = KATAS): string[] {
  const created: string[] = []
  for (const kata of katas) {
    for (const file of kata.files) {
      const target = workingCopyPath(kata, file)
      if (existsSync(target)) continue
      mkdirSync(join(KATAS_DIR, kata.folder), { recursive: true })
      copyFileSync(starterPath(kata, file), target)
      created.push(target)
    }
  }
  return created
}

/**
 * Whether the learner has not changed a kata yet: every working copy is missing or still reads
 * exactly as its starter. Such a kata is "not tried", whatever a run of its specs said.
 */
export function isAtStarter(kata: Kata): boolean {
  return kata.files.every((file) => {
    const target = workingCopyPath(kata, file)
    if (!existsSync(target)) return true
    try {
      return readFileSync(target, 'utf8') === readFileSync(starterPath(kata, file), 'utf8')
    } catch {
      return false
    }
  })
}
