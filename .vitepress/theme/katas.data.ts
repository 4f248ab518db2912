/**
 * What the site's components need to know about each kata, read from katas/katas.ts at build
 * time. Only these fields reach the browser: the hints stay out of the pages' scripts (the last
 * hint of a kata is nearly its answer, and all of them together are most of katas.ts's weight).
 */
import { KATAS, type Kata } from '../../katas/katas.ts'

/** A kata as katas.ts describes it, with the number of its hints instead of their text. */
export type SiteKata = Omit<Kata, 'hints' | 'hintFor'> & { hintCount: number }

export default {
  watch: ['../../katas/katas.ts'],
  load(): SiteKata[] {
    return KATAS.map(({ number, slug, folder, title, chapter, files, spec, hints }) => ({
      number,
      slug,
      folder,
      title,
      chapter,
      files,
      spec,
      hintCount: hints.length,
    }))
  },
}

export declare const data: SiteKata[]
