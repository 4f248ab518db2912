/**
 * What the facilitator guide lists for each kata, read at build time from the same files the
 * workbook runs: the kata list, each spec file's describe groups and spec count, and the
 * known-wrong implementations, whose headers name a real mistake and the spec that catches it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { KATAS } from '../../katas/katas.ts'
import { knownWrongFor } from '../../proof/known-wrong.ts'
import { KATAS_DIR } from '../../workbook/paths.ts'

export interface KataNotes {
  number: number
  slug: string
  title: string
  chapter: { title: string; page: string }
  specCount: number
  /** The spec file's describe groups, in order: the parts of the kata. */
  groups: string[]
  hintCount: number
  mistakes: { mistake: string; caughtBy: string }[]
}

export default {
  watch: ['../../katas/*/*.spec.ts', '../../proof/known-wrong/*/*/*.ts', '../../katas/katas.ts'],
  load(): KataNotes[] {
    return KATAS.map((kata) => {
      const spec = readFileSync(join(KATAS_DIR, kata.folder, kata.spec), 'utf8')
      const groups = [...spec.matchAll(/^describe\((['"`])(.+?)\1/gm)].map((m) => m[2]!)
      const specCount = [...spec.matchAll(/^\s+it(?:\.each\([^)]*\))?\(/gm)].length
      return {
        number: kata.number,
        slug: kata.slug,
        title: kata.title,
        chapter: kata.chapter,
        specCount,
        groups,
        hintCount: kata.hints.length,
        mistakes: knownWrongFor(kata).map(({ mistake, caughtBy }) => ({ mistake, caughtBy })),
      }
    })
  },
}

export declare const data: KataNotes[]
