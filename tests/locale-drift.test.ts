/**
 * The Korean book stays in step with the English one (locale/drift.ts): every English page has
 * its Korean twin with the same sections, snippets, components, data and code blocks, stamped
 * against the English as it is now. Also the pieces the Korean site and CLI lean on.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { KATAS_KO, koPage } from '../katas/katas.ko.ts'
import { englishPages, readStamps, stampOf, stampProblems, structureProblems } from '../locale/drift.ts'
import { koreanSearchTerm } from '../locale/korean-terms.ts'
import { koreanChapterLine, readerLang } from '../cli/reader-lang.ts'
import { pageStructure } from '../locale/page-structure.ts'

const ROOT = join(import.meta.dirname, '..')
const DOCS = join(ROOT, 'docs')
const stamps = readStamps(ROOT, 'ko')
const untranslated = new Set(stamps.untranslated ?? [])
const pages = englishPages(DOCS)
const translated = pages.filter((page) => !untranslated.has(page))

describe('every English page has a Korean twin that follows it', () => {
  it('lists the English pages (the check is not vacuous)', () => {
    expect(pages).toContain('index.md')
    expect(pages).toContain('chapters/01-pods.md')
    if (untranslated.size > 0) console.log(`not translated into Korean yet: ${[...untranslated].join(', ')}`)
  })

  it('names only real English pages as untranslated, and none that has a twin already', () => {
    for (const page of untranslated) {
      expect(pages, `locale/ko.stamps.json lists ${page}, which is not an English page`).toContain(page)
      expect(existsSync(join(DOCS, 'ko', page)), `docs/ko/${page} exists: take ${page} out of "untranslated" and stamp it`).toBe(false)
    }
  })

  it.each(translated)('docs/ko/%s has the same sections, snippets, components, data and code', (page) => {
    expect(structureProblems(DOCS, page, 'ko')).toEqual([])
  })

  it.each(translated)('docs/ko/%s is stamped against the English as it is now', (page) => {
    expect(stampProblems(DOCS, page, 'ko', stamps)).toEqual([])
  })
})

describe('the drift check catches what it is for', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podkata-drift-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const en = ['# Title', '', 'Words.', '', '## First part', '', '<<< @/../examples/a.yaml', '', '## Second part', '', '```text', 'Warning  FailedCreatePodSandBox', '```', ''].join('\n')
  const ko = ['# 제목 {#title}', '', '말.', '', '## 첫 부분 {#first-part}', '', '<<< @/../examples/a.yaml', '', '## 둘째 부분 {#second-part}', '', '```text', 'Warning  FailedCreatePodSandBox', '```', ''].join('\n')
  const write = (english: string, korean: string | undefined) => {
    rmSync(join(dir, 'ko'), { recursive: true, force: true })
    writeFileSync(join(dir, 'page.md'), english)
    if (korean === undefined) return
    mkdirSync(join(dir, 'ko'))
    writeFileSync(join(dir, 'ko', 'page.md'), korean)
  }

  it('passes a faithful twin', () => {
    write(en, ko)
    expect(structureProblems(dir, 'page.md', 'ko')).toEqual([])
  })

  it('names a missing twin', () => {
    write(en, undefined)
    expect(structureProblems(dir, 'page.md', 'ko')[0]).toMatch(/docs\/ko\/page\.md: missing/)
  })

  it('names the section when the Korean loses a section or swaps their order', () => {
    write(en, ko.replace('## 둘째 부분 {#second-part}', ''))
    expect(structureProblems(dir, 'page.md', 'ko')[0]).toMatch(/missing § #second-part \("Second part"\)/)
    const swapped = ko.replace('{#first-part}', '{#tmp}').replace('{#second-part}', '{#first-part}').replace('{#tmp}', '{#second-part}')
    write(en, swapped)
    expect(structureProblems(dir, 'page.md', 'ko')[0]).toMatch(/section 2 is ## #second-part, the English has ## #first-part/)
  })

  it('names the section when a snippet import or real output differs', () => {
    write(en, ko.replace('examples/a.yaml', 'examples/b.yaml'))
    expect(structureProblems(dir, 'page.md', 'ko')[0]).toMatch(/§ #first-part \("First part"\): part 1 .*examples\/a\.yaml.*examples\/b\.yaml/)
    write(en, ko.replace('Warning  FailedCreatePodSandBox', 'Warning  FailedCreatePodSandbox'))
    expect(structureProblems(dir, 'page.md', 'ko')[0]).toMatch(/§ #second-part/)
  })

  it('names the English section that changed since the stamp, and only that one', () => {
    write(en, ko)
    const stamped = { pages: { 'page.md': stampOf(dir, 'page.md') } }
    expect(stampProblems(dir, 'page.md', 'ko', stamped)).toEqual([])
    write(en.replace('Words.', 'Other words.'), ko)
    const problems = stampProblems(dir, 'page.md', 'ko', stamped)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^docs\/page\.md § #title \("Title"\): changed since docs\/ko\/page\.md was stamped; .*npm run locale:stamp -- page\.md --lang ko/)
  })

  it('resolves a data import from each page, so ./x.data.ts and ../../chapters/x.data.ts are the same data', () => {
    const script = (from: string) => `<script setup>\nimport { data } from '${from}'\n</script>\n\n# T\n`
    expect(pageStructure(script('./x.data.ts'), 'chapters/p.md').sections[0]!.fixed).toEqual(pageStructure(script('../../chapters/x.data.ts'), 'ko/chapters/p.md').sections[0]!.fixed)
    expect(pageStructure(script('./y.data.ts'), 'chapters/p.md').sections[0]!.fixed).not.toEqual(pageStructure(script('../../chapters/x.data.ts'), 'ko/chapters/p.md').sections[0]!.fixed)
  })
})

describe('the pieces the Korean site and the kata CLI use', () => {
  it('has Korean titles for every kata and its chapter', () => {
    for (const kata of KATAS) {
      expect(KATAS_KO[kata.slug]?.title, kata.slug).toMatch(/[가-힣]/)
      expect(KATAS_KO[kata.slug]?.chapterTitle, kata.slug).toBeTruthy()
    }
  })

  it('search terms drop a Korean particle, so 파드를 and 샌드박스의 find 파드 and 샌드박스', () => {
    expect(koreanSearchTerm('파드를')).toBe('파드')
    expect(koreanSearchTerm('샌드박스의')).toBe('샌드박스')
    expect(koreanSearchTerm('네임스페이스에서')).toBe('네임스페이스')
    expect(koreanSearchTerm('컨테이너')).toBe('컨테이너')
    expect(koreanSearchTerm('이미지')).toBe('이미지')
    expect(koreanSearchTerm('노드')).toBe('노드')
    expect(koreanSearchTerm('Kubelet')).toBe('kubelet')
  })

  it('search terms work on their own, as VitePress sends the function to the browser as source', () => {
    const rebuilt = new Function(`return ${koreanSearchTerm.toString()}`)() as (term: string) => string
    expect(rebuilt('파드는')).toBe('파드')
  })

  it('--lang ko and PODKATA_LANG=ko point at a Korean chapter that exists', () => {
    expect(readerLang('ko', undefined)).toBe('ko')
    expect(readerLang(undefined, 'ko')).toBe('ko')
    expect(readerLang(undefined, undefined)).toBe('en')
    expect(readerLang('en', 'ko')).toBe('en')
    expect(() => readerLang('fr', undefined)).toThrow(/--lang "fr" is not a language of the book/)
    expect(() => readerLang(undefined, 'jp')).toThrow(/PODKATA_LANG "jp"/)
    for (const kata of KATAS) {
      expect(koreanChapterLine(kata, 'en')).toBeUndefined()
      const line = koreanChapterLine(kata, 'ko')!
      expect(line).toContain(`docs${koPage(kata.chapter.page)}.md`)
      const page = `${kata.chapter.page.slice(1)}.md`
      if (!untranslated.has(page)) expect(existsSync(join(DOCS, 'ko', page)), line).toBe(true)
    }
  })
})
