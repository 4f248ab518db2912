/**
 * The docs site. Pages live in docs/ (srcDir); the chapter entries of the sidebar and the nav
 * come from katas/katas.ts, the one list of katas, so a new kata appears here by itself.
 */
import { defineConfig, type DefaultTheme } from 'vitepress'
import { KATAS } from '../katas/katas.ts'
import { ko, koSearch } from './locale-ko.ts'
import { koreanSearchTerm } from '../locale/korean-terms.ts'

/** Each chapter once, in kata order (a chapter may one day hold several katas). */
function chapterLinks(): { text: string; link: string }[] {
  const seen = new Set<string>()
  const items: { text: string; link: string }[] = []
  for (const kata of KATAS) {
    if (seen.has(kata.chapter.page)) continue
    seen.add(kata.chapter.page)
    items.push({ text: `${items.length + 1}. ${kata.chapter.title}`, link: kata.chapter.page })
  }
  return items
}

const guide: DefaultTheme.SidebarItem[] = [
  { text: 'Start here', link: '/' },
  { text: 'How to work a kata', link: '/guide/working-a-kata' },
  { text: 'Running a workshop', link: '/guide/facilitating' },
]

export default defineConfig({
  srcDir: 'docs',
  // docs/handouts/ are the workshop kit's pages, made from the chapters: only `npm run handouts`
  // builds them, and then nothing else but the facilitator guide it also prints (kit/build.ts).
  srcExclude: process.env.PODKATA_HANDOUTS ? ['index.md', 'chapters/*.md', 'guide/working-a-kata.md'] : ['handouts/**'],
  // Links to the pages left out are fine on paper; the site's own build still checks every link.
  ignoreDeadLinks: Boolean(process.env.PODKATA_HANDOUTS),
  title: 'podkata',
  description: 'What a Kubernetes Pod really is, and why every Pod starts with a pause container: a tutorial and kata workbook.',
  lang: 'en',
  cleanUrls: true,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  lastUpdated: false,
  // The Korean locale (docs/ko/, its own nav, sidebar and search index): .vitepress/locale-ko.ts.
  locales: { root: { label: 'English', lang: 'en' }, ko },
  themeConfig: {
    nav: [
      { text: 'Start here', link: '/' },
      { text: 'How to work a kata', link: '/guide/working-a-kata' },
      { text: 'Chapters', items: chapterLinks() },
    ],
    sidebar: [
      { text: 'Guide', items: guide },
      { text: 'Chapters', items: chapterLinks() },
      { text: 'On a real node', items: [{ text: 'The real-node lab', link: '/lab' }] },
    ],
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
