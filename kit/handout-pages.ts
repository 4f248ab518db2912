/**
 * The markdown of the pages `npm run handouts` prints: a chapter handout, and the booklet that
 * puts every handout behind a cover and a table of contents. Both are made from
 * kit/handout-source.ts's selection of each chapter, never from a copy of the prose.
 */
import { KATAS } from '../katas/katas.ts'
import type { Edition } from './edition.ts'
import type { HandoutMarkdown } from './handout-source.ts'

const COMPONENTS = '../../.vitepress/theme/handout'

/**
 * The page's one script block: the chapter's own (its diagrams' data loaders), plus the handout
 * components, imported here rather than registered for the whole site.
 */
function scriptBlock(chapterScript: string, imports: string[]): string {
  const body = chapterScript.replace(/^<script setup>\n?|<\/script>\s*$/g, '')
  return ['<script setup>', ...imports, body.trimEnd(), '</script>'].filter((l) => l !== '').join('\n')
}

/** One chapter's handout page: its script (data for the diagrams), then the selected prose. */
export function handoutPage(handout: HandoutMarkdown): string {
  return [
    scriptBlock(handout.script, [`import HandoutKata from '${COMPONENTS}/HandoutKata.vue'`]),
    '',
    `<div class="vp-doc handout print-part" data-handout="${handout.name}">`,
    '',
    handout.markdown,
    '',
    '</div>',
    '',
  ].join('\n')
}

/**
 * The booklet imports each chapter's handout page as a component, so that every chapter keeps
 * its own script (two chapters may both call their data `data`) and prints exactly as it does
 * alone: the same page breaks, so the same page counts, which the table of contents relies on.
 */
export function bookletMarkdown(handouts: HandoutMarkdown[], edition: Edition): string {
  const component = (i: number) => `Handout${i + 1}`
  const chapters = handouts.map((h) => ({ name: h.name, title: h.title, number: h.kata.number }))
  return [
    scriptBlock('', [
      `import HandoutCover from '${COMPONENTS}/HandoutCover.vue'`,
      ...handouts.map((h, i) => `import ${component(i)} from '/handouts/${h.name}.md'`),
      `const chapters = ${JSON.stringify(chapters)}`,
    ]),
    '',
    '<div class="handout-booklet">',
    '',
    `<HandoutCover :chapters="chapters" :katas="${KATAS.length}" version="${edition.version}" date="${edition.date}" />`,
    '',
    ...handouts.map((h, i) => `<${component(i)} />`),
    '',
    '</div>',
    '',
  ].join('\n')
}
