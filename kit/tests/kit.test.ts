/**
 * The workshop kit as a facilitator gets it: built once, every PDF read back with pdftotext.
 * A handout has its chapter's title, its kata's commands and every hint, fits two sheets, and
 * ends with the hints; no code line is cut at the page edge or broken inside a word; no
 * reference answer is on paper; the booklet's contents point at the right pages; the
 * facilitator guide has both plans. Every page says which workbook it comes from.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { columns, MAX_UNBROKEN_COLUMNS } from '../../.vitepress/theme/print-fit.ts'
import { AGENDAS, timed } from '../../docs/guide/agendas.ts'
import { QUESTIONS } from '../../docs/guide/facilitator-questions.ts'
import { KATAS } from '../../katas/katas.ts'
import { ROOT, SOLUTIONS_DIR, STARTERS_DIR } from '../../workbook/paths.ts'
import { buildKit, MANIFEST, MAX_HANDOUT_PAGES, SITE_DIR, type KitFile, type KitManifest } from '../build.ts'
import { editionLine } from '../edition.ts'
import { chapterNames, plainObjective, readChapter } from '../handout-source.ts'
import { flat, pdfInfo, pdfText, squash } from './pdf-text.ts'

let kit: KitManifest
const lines: string[] = []

beforeAll(async () => {
  // KIT_TEST_REUSE=1 reads the last kit instead of building one (while changing these tests).
  kit = process.env.KIT_TEST_REUSE
    ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as KitManifest)
    : await buildKit({ log: (line) => lines.push(line) })
})

const at = (file: KitFile) => join(ROOT, file.file)
const papers = ['A4', 'Letter'] as const
const chapters = chapterNames().map(({ name, kata }) => readChapter(name, kata))

function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
}

/** Every line of code the handout page shows, as the built site wrote it. */
function codeLines(chapter: string): string[] {
  const html = readFileSync(join(SITE_DIR, 'handouts', `${chapter}.html`), 'utf8')
  const blocks = [...html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => decode(m[1]!))
  return blocks.flatMap((block) => block.split('\n')).map(flat).filter((line) => line.length > 0)
}

/** The outside links of a handout page (not those inside code). */
function linkTargets(chapter: string): string[] {
  const html = readFileSync(join(SITE_DIR, 'handouts', `${chapter}.html`), 'utf8').replace(/<pre[\s\S]*?<\/pre>/g, '')
  return [...new Set([...html.matchAll(/<a [^>]*href="(https?:[^"]+)"/g)].map((m) => decode(m[1]!)))]
}

/** Lines of a kata's reference that its starter does not have: the answer. */
function answerLines(kata: (typeof KATAS)[number]): string[] {
  const hints = flat(kata.hints.join(' '))
  return kata.files.flatMap((file) => {
    const starter = new Set(readFileSync(join(STARTERS_DIR, kata.folder, file), 'utf8').split('\n').map(flat))
    return readFileSync(join(SOLUTIONS_DIR, kata.folder, file), 'utf8')
      .split('\n')
      .map(flat)
      .filter((line) => line.length >= 24 && !starter.has(line) && !line.startsWith('//') && !line.startsWith('*'))
      .filter((line) => !hints.includes(line))
  })
}

it('builds every PDF in A4 and US Letter, and says what it made', () => {
  expect(kit.files).toHaveLength(papers.length * (chapters.length + 2))
  if (!process.env.KIT_TEST_REUSE) expect(lines.some((line) => /booklet\.pdf\s+\d+ pages/.test(line))).toBe(true)
  for (const file of kit.files) {
    const info = pdfInfo(at(file))
    expect(info.pages, file.file).toBe(file.pages)
    expect(info.size, file.file).toContain(file.paper === 'A4' ? '(A4)' : '(letter)')
  }
})

it('prints the version, the date and the page number on every page', () => {
  for (const file of kit.files) {
    for (let page = 1; page <= file.pages; page++) {
      const text = squash(pdfText(at(file), page))
      expect(text, `${file.file} page ${page}`).toContain(squash(editionLine(kit.edition)))
      expect(text, `${file.file} page ${page}`).toContain(squash(`page ${page} of ${file.pages}`))
    }
  }
})

describe.each(papers)('learner handouts, %s', (paper) => {
  const handouts = () => kit.files.filter((f) => f.kind === 'handout' && f.paper === paper)

  it.each(chapters.map((c) => [c.name, c] as const))('%s: title, kata commands and every hint, on at most two sheets', (name, chapter) => {
    const file = handouts().find((f) => f.chapter === name)!
    expect(file.pages).toBeGreaterThanOrEqual(2)
    expect(file.pages).toBeLessThanOrEqual(MAX_HANDOUT_PAGES)
    const text = squash(pdfText(at(file)))
    expect(text).toContain(squash(chapter.title))
    for (const command of [`npm run kata -- verify ${chapter.kata.slug}`, `npm run kata -- hint ${chapter.kata.slug}`, 'npm run kata']) {
      expect(text).toContain(squash(command))
    }
    for (const file of chapter.kata.files) expect(text).toContain(`katas/${chapter.kata.folder}/${file}`)
    for (const objective of chapter.meta.objectives) expect(text).toContain(squash(plainObjective(objective)).slice(1))
    // The hint ladder is the last page, alone: it can be folded under.
    const last = squash(pdfText(at(file), file.pages))
    expect(last).toContain(squash(`Hints for ${chapter.kata.slug}, gentle first`))
    for (const hint of chapter.kata.hints) expect(last).toContain(squash(hint))
  })

  it.each(chapters.map((c) => [c.name, c] as const))('%s: every code line whole, none cut at the edge', (name) => {
    const text = squash(pdfText(at(handouts().find((f) => f.chapter === name)!)))
    expect(codeLines(name).filter((line) => !text.includes(squash(line)))).toEqual([])
  })

  it('reads code from the handouts at all, and none of it has a word too long for one line', () => {
    expect(chapters.filter((c) => codeLines(c.name).length > 0).length).toBeGreaterThanOrEqual(4)
    // Code wraps only at spaces; a single word longer than a whole line is the one thing that would break.
    const words = chapters.flatMap((c) => codeLines(c.name).flatMap((line) => line.split(' ')))
    expect(words.filter((word) => columns(word) > MAX_UNBROKEN_COLUMNS)).toEqual([])
  })

  it('prints every outside link of a handout as a numbered note with its full address', () => {
    const linked = chapters.filter((c) => linkTargets(c.name).length > 0)
    expect(linked.length).toBeGreaterThan(0)
    for (const chapter of linked) {
      const text = squash(pdfText(at(handouts().find((f) => f.chapter === chapter.name)!)))
      expect(text, chapter.name).toContain('[1]')
      for (const url of linkTargets(chapter.name)) expect(text, chapter.name).toContain(url)
    }
  })

  it.each(KATAS.map((k) => [k.slug, k] as const))('%s: no line of the reference answer on paper', (_, kata) => {
    const file = handouts().find((f) => f.chapter === kata.chapter.page.replace('/chapters/', ''))!
    const text = squash(pdfText(at(file)))
    const answers = answerLines(kata)
    expect(answers.length).toBeGreaterThan(0)
    expect(answers.filter((line) => text.includes(squash(line)))).toEqual([])
  })
})

describe.each(papers)('the booklet, %s', (paper) => {
  it('has a cover, a table of contents, and every chapter on the page it lists', () => {
    const booklet = kit.files.find((f) => f.kind === 'booklet' && f.paper === paper)!
    const handouts = kit.files.filter((f) => f.kind === 'handout' && f.paper === paper)
    expect(booklet.pages).toBe(2 + handouts.reduce((sum, f) => sum + f.pages, 0))
    expect(squash(pdfText(at(booklet), 1)).toLowerCase()).toContain('learnerbooklet')
    const contents = squash(pdfText(at(booklet), 2))
    expect(contents).toContain('Contents')
    chapters.forEach((chapter, i) => {
      const start = booklet.starts![i]!
      expect(contents).toContain(squash(`${chapter.kata.number}. ${chapter.title} page ${start}`))
      // The page a chapter starts on has its title and its kicker, which no other page has.
      const first = squash(pdfText(at(booklet), start))
      expect(first, `${chapter.title} on page ${start}`).toContain(squash(chapter.title))
      expect(first.toLowerCase(), `chapter ${chapter.kata.number} starts on page ${start}`).toContain(
        squash(`chapter ${chapter.kata.number} · learner handout`),
      )
    })
  })
})

describe.each(papers)('the facilitator guide, %s', (paper) => {
  const guide = () => squash(pdfText(at(kit.files.find((f) => f.kind === 'facilitator' && f.paper === paper)!)))

  it('has both plans for the day, with their clock times', () => {
    const text = guide()
    for (const agenda of AGENDAS) {
      expect(text).toContain(squash(agenda.title))
      const { blocks, end } = timed(agenda)
      for (const block of blocks) expect(text).toContain(squash(`${block.at} ${block.minutes} ${block.what}`))
      expect(text).toContain(squash(`${end} End`))
    }
  })

  it('has the offline install, and per kata the objectives, the questions and their answers', () => {
    const text = guide()
    expect(text).toContain(squash('npm ci --offline --cache ../npm-cache'))
    expect(text).toContain(squash('npm run offline-kit -- --check'))
    for (const chapter of chapters) for (const objective of chapter.meta.objectives) expect(text).toContain(squash(plainObjective(objective)).slice(1))
    for (const questions of Object.values(QUESTIONS)) {
      for (const q of questions) {
        expect(text).toContain(squash(q.ask))
        expect(text).toContain(squash(q.answer))
      }
    }
  })
})
