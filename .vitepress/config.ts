/**
 * The docs site. Pages live in docs/ (srcDir); the chapter entries of the sidebar and the nav
 * come from katas/katas.ts, the one list of katas, so a new kata appears here by itself.
 */
import { defineConfig } from 'vitepress'
import type { UserConfig } from 'vite'
import { hangingIndent } from './code-blocks.ts'
import { typeHoverSnippets, typeHoverTransformers } from './type-hovers.ts'
import { chapterStops, neighbours, sidebar, START, WORKING } from './reading-order.ts'
import { inPageVite } from '../browser/vite-config.ts'
import { ko, koNeighbours, koSearch } from './locale-ko.ts'
import { koreanSearchTerm } from '../locale/korean-terms.ts'

function withPaperFlag(vite: UserConfig): UserConfig {
  return { ...vite, define: { ...vite.define, __PODKATA_PAPER__: JSON.stringify(Boolean(process.env.PODKATA_HANDOUTS)) } }
}

export default defineConfig({
  srcDir: 'docs',
  // docs/handouts/ are the workshop kit's pages, made from the chapters: only `npm run handouts`
  // builds them, and then nothing else but the facilitator guide it also prints (kit/build.ts).
  srcExclude: process.env.PODKATA_HANDOUTS ? ['index.md', 'chapters/*.md', 'guide/working-a-kata.md', 'code/**', 'ko/**'] : ['handouts/**'],
  // (The kit is printed from the English pages; the Korean ones, docs/ko/, stay out of it.)
  // Links to the pages left out are fine on paper; the site's own build still checks every link.
  ignoreDeadLinks: Boolean(process.env.PODKATA_HANDOUTS),
  title: 'podkata',
  description: 'What a Kubernetes Pod really is, and why every Pod starts with a pause container: a tutorial and kata workbook.',
  lang: 'en',
  cleanUrls: true,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  lastUpdated: false,
  // The katas and the simulator in the page (browser/): the runner's worker and @vue/repl. And
  // for the handouts build (kit/) a flag: lane diagrams drawn the terminal's way from the start,
  // one line per row, on two sheets per chapter (LaneDiagram.vue).
  vite: withPaperFlag(inPageVite()),
  // The Korean locale (docs/ko/, its own nav, sidebar and search index): .vitepress/locale-ko.ts.
  locales: { root: { label: 'English', lang: 'en' }, ko },
  // Previous/Next follow the reading order, not the sidebar (reading-order.ts); a page's own
  // front matter still wins.
  transformPageData(pageData) {
    const around = pageData.relativePath.startsWith('ko/') ? koNeighbours(pageData.relativePath) : neighbours(pageData.relativePath)
    if (!around) return
    pageData.frontmatter.prev ??= around.prev
    pageData.frontmatter.next ??= around.next
  },
  markdown: {
    // Code wraps with a hanging indent and tables keep their columns (code-layout.ts); the
    // starters' regions get type hovers (type-hovers.ts).
    codeTransformers: [...typeHoverTransformers(), hangingIndent()],
    // A markdown table scrolls sideways inside itself on a phone (VitePress makes it a block
    // with overflow-x: auto): a tab stop lets a keyboard reader scroll it too.
    config(md) {
      typeHoverSnippets(md)
      md.core.ruler.push('podkata-table-tabindex', (state) => {
        for (const token of state.tokens) if (token.type === 'table_open') token.attrSet('tabindex', '0')
      })
    },
  },
  themeConfig: {
    nav: [
      START,
      WORKING,
      { text: 'Chapters', items: chapterStops() },
    ],
    sidebar: sidebar(),
    search: {
      provider: 'local',
      options: {
        locales: { ko: koSearch },
        // Korean particles are written onto the word (파드를, 파드의): index and query the stem.
        miniSearch: { options: { processTerm: koreanSearchTerm } },
      },
    },
    outline: { level: [2, 3] },
    footer: { message: 'podkata: a literate tutorial and kata workbook about Kubernetes Pods.' },
  },
})
