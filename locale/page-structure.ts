/**
 * What of a page must be the same in every language: its sections (heading level and anchor id,
 * in order) and, per section, everything that is not prose: snippet imports (`<<<`), includes,
 * Vue components with their props (the diagrams and the simulator runs), the data a page
 * imports, fenced code blocks (real output, manifests, commands), containers and layout blocks.
 * The prose is free. locale/drift.ts compares two pages through this.
 */
import { createHash } from 'node:crypto'
import { dirname, join, normalize } from 'node:path'
import { slugify } from '../.vitepress/slugify.ts'

export interface Section {
  /** The anchor id VitePress gives the heading (an explicit `{#id}` or the slug of its text); '' before the first heading. */
  id: string
  level: number
  heading: string
  /** The parts that may not differ between languages, in order, each written out as one line. */
  fixed: string[]
  /** The section's source text, for the stamp: a change to it is a change the translation must follow. */
  source: string
}

export interface PageStructure {
  layout: string | undefined
  sections: Section[]
}

/** A heading's text as the reader sees it: no backticks, emphasis or link targets. */
function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '').replace(/<[^>]+>/g, '').trim()
}

/** Comments in code are prose and may be translated; the rest of a code line may not. */
function withoutComment(line: string): string {
  return line.replace(/\s+(#|\/\/)\s.*$/, '').trimEnd()
}

/**
 * `page` is the path under docs/ (e.g. `ko/chapters/04-cri-sequence.md`): a data import is
 * resolved from it, so `./x.data.ts` in English and `../../chapters/x.data.ts` in Korean match.
 */
export function pageStructure(text: string, page: string): PageStructure {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  let layout: string | undefined
  let start = 0
  const frontmatter: string[] = []
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1)
    if (end > 0) {
      frontmatter.push(...lines.slice(0, end + 1))
      layout = lines.slice(1, end).find((l) => l.startsWith('layout:'))?.slice('layout:'.length).trim()
      start = end + 1
    }
  }
  const sections: Section[] = [{ id: '', level: 0, heading: '(top of the page)', fixed: [], source: frontmatter.join('\n') }]
  const seen = new Map<string, number>()
  let fence: { marker: string; info: string; body: string[] } | undefined
  let inScript = false
  for (const line of lines.slice(start)) {
    const section = sections[sections.length - 1]!
    section.source += `\n${line}`
    if (fence) {
      if (line.trim().startsWith(fence.marker) && line.trim().replace(/`|~/g, '') === '') {
        section.fixed.push(`code block ${fence.info}:\n${fence.body.join('\n')}`)
        fence = undefined
      } else fence.body.push(fence.info.startsWith('text') ? line : withoutComment(line))
      continue
    }
    const opening = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(line)
    if (opening) {
      fence = { marker: opening[2]!, info: opening[3]!.trim(), body: [] }
      continue
    }
    if (/^<script\b/.test(line)) inScript = true
    if (inScript) {
      const from = /^\s*import\s+(.+?)\s+from\s+['"](.+)['"]/.exec(line)
      if (from) {
        const target = from[2]!.startsWith('.') ? normalize(join(dirname(page), from[2]!)) : from[2]!
        section.fixed.push(`import ${from[1]} from ${target}`)
      }
      if (/<\/script>/.test(line)) inScript = false
      continue
    }
    const heading = /^(#{1,6})\s+(.*?)\s*(?:\{#([^}]+)\})?\s*$/.exec(line)
    if (heading) {
      const base = heading[3] ?? slugify(plainText(heading[2]!))
      const count = seen.get(base) ?? 0
      seen.set(base, count + 1)
      const id = heading[3] ?? (count === 0 ? base : `${base}-${count}`)
      sections.push({ id, level: heading[1]!.length, heading: plainText(heading[2]!), fixed: [], source: line })
      continue
    }
    const trimmed = line.trim()
    if (trimmed.startsWith('<<<') || trimmed.startsWith('<!--@include:')) section.fixed.push(trimmed)
    else if (/^<[A-Z][\w-]*[\s/>]/.test(trimmed)) section.fixed.push(componentLine(trimmed))
    else if (/^<(div|section|details|figure|style)\b/.test(trimmed)) section.fixed.push(trimmed)
    else if (/^:::/.test(trimmed)) section.fixed.push(trimmed.split(/\s+/).slice(0, 2).join(' ') === ':::' ? ':::' : `::: ${trimmed.replace(/^:::\s*/, '').split(/\s+/)[0]}`)
  }
  return { layout, sections }
}

/** Props that hold words for the reader (a caption, a title) are prose; every other prop must match. */
const PROSE_PROPS = new Set(['title', 'label', 'alt', 'aria-label'])
function componentLine(tag: string): string {
  return tag.replace(/\s([\w:@.-]+)="([^"]*)"/g, (all, name: string) => (PROSE_PROPS.has(name) ? ` ${name}="…"` : all))
}

/** A short, stable fingerprint of a section's English source, for the stamp. */
export function fingerprint(source: string): string {
  const normal = source.split('\n').map((l) => l.trimEnd()).join('\n').trim()
  return createHash('sha256').update(normal).digest('hex').slice(0, 12)
}
