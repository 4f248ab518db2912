/** The doors' words for a page's language (VitePress's `lang`): Korean under /ko/, else English. */
import { EN_DOOR } from './en/door.ts'
import { KO_DOOR } from './ko/door.ts'
import type { DoorWords } from './types.ts'

export function doorWords(lang: string): DoorWords {
  return lang === 'ko' ? KO_DOOR : EN_DOOR
}
