/**
 * Which language the learner reads the book in: `--lang ko` or PODKATA_LANG=ko. The CLI's own
 * messages stay English (they quote code, specs and Kubernetes, which are English too); the
 * language only adds where that kata's chapter is on the Korean site.
 */
import { koPage } from '../katas/katas.ko.ts'
import type { Kata } from '../katas/katas.ts'
import { UserError } from './errors.ts'

export const READER_LANGS = ['en', 'ko'] as const
export type ReaderLang = (typeof READER_LANGS)[number]

/** `--lang` wins over PODKATA_LANG; neither means English. Anything else is a one-line error. */
export function readerLang(option: string | undefined, env: string | undefined = process.env.PODKATA_LANG): ReaderLang {
  const [value, source] = option !== undefined ? [option, '--lang'] : [env ?? 'en', 'PODKATA_LANG']
  const lang = READER_LANGS.find((l) => l === value.trim().toLowerCase())
  if (!lang) throw new UserError(`${source} "${value}" is not a language of the book; use en or ko (e.g. npm run kata -- --lang ko).`, 2)
  return lang
}

/** The line under a kata's header that sends a Korean reader to the Korean chapter, or nothing. */
export function koreanChapterLine(kata: Kata, lang: ReaderLang): string | undefined {
  if (lang !== 'ko') return undefined
  const page = koPage(kata.chapter.page)
  return `한국어 챕터: docs${page}.md (npm start, then ${page})`
}
