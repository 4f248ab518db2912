/** The kata list (katas/katas.ts) agrees with the files it names. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { KATAS_DIR } from '../workbook/paths.ts'

/** The titles of a spec file's top-level describe blocks. */
function describeTitles(specFile: string): string[] {
  const text = readFileSync(specFile, 'utf8')
  return [...text.matchAll(/^describe\((['"`])(.*?)\1,/gm)].map((m) => m[2]!)
}

describe('hints for a failing spec', () => {
  for (const kata of KATAS) {
    it(`kata ${kata.number}: every hintFor entry names a describe group of its spec and a hint level that exists`, () => {
      const titles = describeTitles(join(KATAS_DIR, kata.folder, kata.spec))
      for (const [group, level] of Object.entries(kata.hintFor)) {
        expect(titles, `hintFor "${group}"`).toContain(group)
        expect(level, `hintFor "${group}"`).toBeGreaterThanOrEqual(1)
        expect(level, `hintFor "${group}"`).toBeLessThanOrEqual(kata.hints.length)
      }
    })
  }
})
