/**
 * The drift check between the English book and a translation (docs/<lang>/): every English page
 * has its twin, with the same sections in the same order and the same non-prose parts
 * (locale/page-structure.ts), and every English section is the one the translation was last
 * stamped against (locale/<lang>.stamps.json, written by `npm run locale:stamp`). A problem is
 * one line naming the page and the section, and saying what to do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fingerprint, pageStructure, type Section } from './page-structure.ts'

export const LANGS = ['ko'] as const
export type Lang = (typeof LANGS)[number]

export interface Stamps {
  /** English page (path under docs/) → section id → fingerprint of the English section stamped. */
  pages: Record<string, Record<string, string>>
  /**
   * English pages not translated yet: named here so the gap is explicit and visible (the test
   * prints them, the Korean sidebar links to the English page). A page listed here must not have
   * a twin yet; one that is neither listed nor translated fails the check.
   */
  untranslated?: string[]
}

/** The English pages: every .md under docs/ but the translations and the kit's generated handouts. */
export function englishPages(docs: string): string[] {
  const pages: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      const rel = relative(docs, path)
      if (entry.isDirectory()) {
        if (!(LANGS as readonly string[]).includes(rel) && rel !== 'handouts' && rel !== 'public') walk(path)
      } else if (entry.name.endsWith('.md')) pages.push(rel)
    }
  }
  walk(docs)
  return pages.sort()
}

export function stampsFile(root: string, lang: Lang): string {
  return join(root, 'locale', `${lang}.stamps.json`)
}

export function readStamps(root: string, lang: Lang): Stamps {
  const file = stampsFile(root, lang)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Stamps) : { pages: {} }
}

const describe = (s: Section) => (s.id ? `§ #${s.id} ("${s.heading}")` : '§ top of the page')

/** Structural differences between an English page and its twin: the first few, one line each. */
export function structureProblems(docs: string, page: string, lang: Lang): string[] {
  const twin = `${lang}/${page}`
  if (!existsSync(join(docs, twin))) return [`docs/${twin}: missing; docs/${page} has no ${lang} twin. Translate it, then npm run locale:stamp -- ${page} --lang ${lang}`]
  const en = pageStructure(readFileSync(join(docs, page), 'utf8'), page)
  const tr = pageStructure(readFileSync(join(docs, twin), 'utf8'), twin)
  const problems: string[] = []
  const where = `docs/${twin}`
  if (en.layout !== tr.layout) problems.push(`${where} § top of the page: layout is ${tr.layout ?? 'none'}, the English has ${en.layout ?? 'none'}`)
  // The outline first: a lost or moved section explains every difference after it.
  const count = Math.max(en.sections.length, tr.sections.length)
  for (let i = 0; i < count; i++) {
    const e = en.sections[i]
    const t = tr.sections[i]
    if (!e) return [...problems, `${where} ${describe(t!)}: the English (docs/${page}) has no such section here; remove it or follow the English`]
    if (!t) return [...problems, `${where}: missing ${describe(e)} of docs/${page} (and everything after it)`]
    if (e.id !== t.id || e.level !== t.level) {
      return [
        ...problems,
        `${where}: section ${i} is ${'#'.repeat(t.level)} #${t.id}, the English has ${'#'.repeat(e.level)} #${e.id} ("${e.heading}"); give the translated heading {#${e.id}} or follow the English order`,
      ]
    }
  }
  for (let i = 0; i < count && problems.length < 5; i++) {
    const diff = firstDifference(en.sections[i]!.fixed, tr.sections[i]!.fixed)
    if (diff) problems.push(`${where} ${describe(en.sections[i]!)}: ${diff}`)
  }
  return problems
}

function firstDifference(en: string[], tr: string[]): string | undefined {
  const show = (s: string | undefined) => (s === undefined ? 'nothing' : JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}…` : s))
  for (let i = 0; i < Math.max(en.length, tr.length); i++) {
    if (en[i] !== tr[i]) return `part ${i + 1} (snippet, component, data import or code block) differs: English ${show(en[i])}, translation ${show(tr[i])}`
  }
  return undefined
}

/** English sections changed (or added) since the twin was stamped, one line each. */
export function stampProblems(docs: string, page: string, lang: Lang, stamps: Stamps): string[] {
  const en = pageStructure(readFileSync(join(docs, page), 'utf8'), page)
  const stamped = stamps.pages[page]
  const fix = `update docs/${lang}/${page} to follow it, then npm run locale:stamp -- ${page} --lang ${lang}`
  if (!stamped) return [`docs/${page}: the ${lang} twin was never stamped; ${fix}`]
  const problems: string[] = []
  for (const section of en.sections) {
    const was = stamped[section.id]
    if (was !== fingerprint(section.source)) {
      problems.push(`docs/${page} ${describe(section)}: ${was ? 'changed' : 'is new'} since docs/${lang}/${page} was stamped; ${fix}`)
    }
  }
  return problems
}

/** The stamp of one English page as it is now. */
export function stampOf(docs: string, page: string): Record<string, string> {
  const en = pageStructure(readFileSync(join(docs, page), 'utf8'), page)
  return Object.fromEntries(en.sections.map((s) => [s.id, fingerprint(s.source)]))
}
