/**
 * The known-wrong implementations: proof/known-wrong/<kata folder>/<variant>/<learner files>.
 * Each variant's first two lines say what mistake it makes and which spec must catch it:
 *   // Mistake: …
 *   // Caught by: <spec name>
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Kata } from '../katas/katas.ts'
import { KNOWN_WRONG_DIR } from '../workbook/paths.ts'

export interface KnownWrong {
  kataFolder: string
  variant: string
  mistake: string
  caughtBy: string
}

export function knownWrongFor(kata: Kata): KnownWrong[] {
  const dir = join(KNOWN_WRONG_DIR, kata.folder)
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const firstFile = join(dir, entry.name, kata.files[0] ?? '')
      const header = existsSync(firstFile) ? readFileSync(firstFile, 'utf8') : ''
      return {
        kataFolder: kata.folder,
        variant: entry.name,
        mistake: /^\/\/ Mistake: (.+)$/m.exec(header)?.[1] ?? '',
        caughtBy: /^\/\/ Caught by: (.+)$/m.exec(header)?.[1] ?? '',
      }
    })
}
