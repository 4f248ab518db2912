/**
 * A chapter's learner handout, cut from the chapter's own markdown: there is one copy of the
 * prose, and the handout is a selection of it.
 *
 * A chapter chooses what goes on paper in its frontmatter:
 *
 *   handout:
 *     sections: [a-pod-is-a-group-of-containers, the-kata]   # heading ids, as the site's anchors
 *     skip: [a-worked-example]                               # optional: sub-sections to leave out
 *
 * Inside a listed section, `<!-- not-on-handout -->` … `<!-- /not-on-handout -->` marks off a
 * block the site shows but paper has no room for (a second diagram of the same story).
 *
 * The chapter's opening (the paragraphs before its first section) always goes on paper. It ends
 * with what the reader can do after the chapter, as a list under "After this chapter you can:";
 * objectivesIn() reads that list for the facilitator guide, so the objectives are written once.
 *
 * The handout is then: the title, the chapter's opening, each listed section (a heading with everything under it, down to the next heading of its level), and the
 * kata's commands and hint ladder from katas/katas.ts (the <HandoutKata> component). Whatever a
 * section holds that has no place on paper is left out: folded blocks (reference solutions,
 * answers), code pulled in from starters/ and solutions/ (the learner has the starter open), and
 * the kata card (the handout prints its own) and the in-page editor and simulator.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { KATAS, type Kata } from '../katas/katas.ts'
import { ROOT } from '../workbook/paths.ts'
import { slugify } from '../.vitepress/slugify.ts'

export { slugify }

export const CHAPTERS_DIR = join(ROOT, 'docs', 'chapters')

export interface HandoutMeta {
  /** From the chapter's opening: "After this chapter you can:" and a list. */
  objectives: string[]
  sections: string[]
  /** Sub-sections of those sections to leave out (a worked example that the kata repeats). */
  skip: string[]
}

export interface ChapterSource {
  /** File name without .md, e.g. `01-pods`; also the handout's route, /handouts/01-pods. */
  name: string
  kata: Kata
  title: string
  meta: HandoutMeta
  /** The chapter's `<script setup>` block, if any (data loaders for its diagrams). */
  script: string
  /** Everything after the frontmatter and the script, as written. */
  body: string
}

export class HandoutSourceError extends Error {}

/** The chapters in book order, one per kata (the order of katas/katas.ts). */
export function chapterNames(): { name: string; kata: Kata }[] {
  const seen = new Set<string>()
  const chapters: { name: string; kata: Kata }[] = []
  for (const kata of KATAS) {
    const name = kata.chapter.page.replace(/^\/chapters\//, '')
    if (seen.has(name)) continue
    seen.add(name)
    chapters.push({ name, kata })
  }
  return chapters
}

export function readChapter(name: string, kata: Kata): ChapterSource {
  const file = join(CHAPTERS_DIR, `${name}.md`)
  const text = readFileSync(file, 'utf8')
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text)
  const data = (front ? parseYaml(front[1]!) : {}) as { handout?: { sections?: unknown; skip?: unknown } }
  let rest = front ? text.slice(front[0].length) : text
  const script = /^\s*(<script setup>[\s\S]*?<\/script>)\n/.exec(rest)
  if (script) rest = rest.slice(script[0].length)
  const title = /^# (.+)$/m.exec(rest)?.[1]?.trim()
  if (!title) throw new HandoutSourceError(`${name}.md has no "# title" line`)
  const lines = rest.split('\n')
  const meta: HandoutMeta = {
    objectives: objectivesIn(opening(lines, headings(lines)), name),
    sections: stringList(data.handout?.sections, `${name}.md: handout.sections`),
    skip: data.handout?.skip === undefined ? [] : stringList(data.handout.skip, `${name}.md: handout.skip`),
  }
  return { name, kata, title, meta, script: script?.[1] ?? '', body: rest }
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v.trim())) {
    throw new HandoutSourceError(`${what} must be a list of one or more strings`)
  }
  return value as string[]
}

/** The line the objectives' list follows; a translation passes its own (locale/ko-facilitator-view.ts). */
const OBJECTIVES_LEAD = /^After this chapter you can:?\s*$/

/**
 * The objectives in a chapter's opening: the list after "After this chapter you can:", one item
 * per objective (an item may wrap onto indented lines), as the reader sees them.
 */
export function objectivesIn(lines: string[], name = 'the chapter', lead: RegExp = OBJECTIVES_LEAD): string[] {
  const start = lines.findIndex((line) => lead.test(line.trim()))
  const items: string[] = []
  if (start >= 0) {
    for (const line of lines.slice(start + 1)) {
      if (/^[-*] /.test(line)) items.push(line.slice(2).trim())
      else if (/^\s+\S/.test(line) && items.length) items[items.length - 1] += ` ${line.trim()}`
      else if (line.trim() === '' && items.length === 0) continue
      else break
    }
  }
  if (items.length === 0) throw new HandoutSourceError(`${name}.md: its opening has no "${lead === OBJECTIVES_LEAD ? 'After this chapter you can:' : lead.source}" list`)
  return items
}

/** An objective as a sentence of plain text: no markdown, a capital first, no list punctuation. */
export function plainObjective(objective: string): string {
  const text = plainSentence(objective)
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The same without the capital, for a language that has none (it would only turn `kubectl` into `Kubectl`). */
export function plainSentence(objective: string): string {
  return stripInline(objective).replace(/[;.]\s*$/, '').trim()
}

interface Heading {
  level: number
  id: string
  line: number
}

/** Headings of the body, skipping `#` lines inside fenced code (shell comments, TOML). */
export function headings(lines: string[]): Heading[] {
  const found: Heading[] = []
  let fence: string | undefined
  lines.forEach((line, i) => {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1]
    if (marker) {
      if (!fence) fence = marker
      else if (marker.startsWith(fence)) fence = undefined
      return
    }
    if (fence) return
    const heading = /^(#{1,6}) (.+?)\s*$/.exec(line)
    if (heading) found.push({ level: heading[1]!.length, id: slugify(stripInline(heading[2]!)), line: i })
  })
  return found
}

/** Markdown text as a reader sees it: links, code spans and emphasis by their content only. */
function stripInline(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__|\*|\b_)(.+?)\1/g, '$2')
}

/** Lines on paper: no folded blocks, no starter or solution code, no kata card, nothing marked off. */
export function forPaper(lines: string[]): string[] {
  const kept: string[] = []
  let depth = 0
  let marked = false
  for (const line of lines) {
    if (/^\s*<!--\s*not-on-handout\s*-->\s*$/.test(line)) marked = true
    if (marked) {
      if (/^\s*<!--\s*\/not-on-handout\s*-->\s*$/.test(line)) marked = false
      continue
    }
    if (/^\s*:::+\s*details\b/.test(line)) {
      depth++
      continue
    }
    if (depth) {
      if (/^\s*:::+\s*$/.test(line)) depth--
      else if (/^\s*:::+\s*\w/.test(line)) depth++
      continue
    }
    if (/^\s*<<<\s*@\/\.\.\/(starters|solutions)\//.test(line)) continue
    // The kata card (the handout prints its own) and the in-page editor and simulator, which
    // are buttons: nothing to click on paper.
    if (/^\s*<(KataCard|KataInPage|SimInPage)\b.*\/>\s*$/.test(line)) continue
    kept.push(line)
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').split('\n')
}

/** Where the part under one heading id starts and ends (line numbers), with the heading. */
function span(source: ChapterSource, lines: string[], all: Heading[], id: string): [number, number] {
  const index = all.findIndex((h) => h.id === id && h.level >= 2)
  if (index < 0) {
    const known = all.filter((h) => h.level >= 2).map((h) => h.id)
    throw new HandoutSourceError(`${source.name}.md: handout section "${id}" is not a heading of the chapter (${known.join(', ')})`)
  }
  const start = all[index]!
  const end = all.slice(index + 1).find((h) => h.level <= start.level)
  return [start.line, end ? end.line : lines.length]
}

/** One listed section, without the sub-sections the chapter asks to skip. */
function section(source: ChapterSource, lines: string[], all: Heading[], id: string): string[] {
  const [from, to] = span(source, lines, all, id)
  const skipped = source.meta.skip.map((skip) => span(source, lines, all, skip))
  return lines.slice(from, to).filter((_, i) => !skipped.some(([a, b]) => from + i >= a && from + i < b))
}

/** The chapter's opening: the paragraphs between its title and its first section. */
function opening(lines: string[], all: Heading[]): string[] {
  const title = all.find((h) => h.level === 1)
  const first = all.find((h) => h.level >= 2)
  return lines.slice(title ? title.line + 1 : 0, first ? first.line : lines.length)
}

/** Imports that were relative to docs/chapters/ must still resolve from docs/handouts/. */
function rehome(script: string): string {
  return script.replace(/from\s+(['"])\.\/([^'"]+)\1/g, "from $1../chapters/$2$1")
}

export interface HandoutMarkdown {
  name: string
  title: string
  kata: Kata
  /** The chapter's script block, moved so that it resolves from docs/handouts/. */
  script: string
  /** The handout's markdown, without a script block. */
  markdown: string
}

export function handoutFor(source: ChapterSource): HandoutMarkdown {
  const lines = source.body.split('\n')
  const all = headings(lines)
  const parts = [
    `# ${source.title}`,
    '',
    `<p class="handout-kicker">Chapter ${source.kata.number} · learner handout</p>`,
    '',
    ...forPaper(opening(lines, all)),
    '',
    `<HandoutKata :number="${source.kata.number}" part="commands" />`,
    '',
  ]
  for (const id of source.meta.sections) parts.push(...forPaper(section(source, lines, all, id)), '')
  parts.push(`<HandoutKata :number="${source.kata.number}" part="hints" />`, '')
  return {
    name: source.name,
    title: source.title,
    kata: source.kata,
    script: source.script ? rehome(source.script) : '',
    markdown: parts.join('\n').replace(/\n{3,}/g, '\n\n'),
  }
}

/** Every chapter's handout, in book order. */
export function allHandouts(): HandoutMarkdown[] {
  return chapterNames().map(({ name, kata }) => handoutFor(readChapter(name, kata)))
}
