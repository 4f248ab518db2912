/**
 * The Korean locale of the site (pages under docs/ko/): its nav, sidebar and the theme's own
 * words. The chapter entries come from katas/katas.ts with their Korean titles from
 * katas/katas.ko.ts, like the English sidebar, so a new kata appears in both by itself.
 * Terms follow the Kubernetes documentation's Korean locale (kubernetes.io/ko): 파드, 컨테이너,
 * 네임스페이스, 샌드박스, 노드, 이미지, 레지스트리.
 */
import type { DefaultTheme, LocaleSpecificConfig } from 'vitepress'
import { KATAS } from '../katas/katas.ts'
import { KATAS_KO, koPage } from '../katas/katas.ko.ts'
import { readStamps } from '../locale/drift.ts'

/** A page not translated yet (locale/ko.stamps.json) is linked in English, and says so. */
const untranslated = new Set(readStamps(new URL('..', import.meta.url).pathname, 'ko').untranslated ?? [])
function koLink(text: string, page: string): { text: string; link: string } {
  const file = page === '/' ? 'index.md' : `${page.slice(1)}.md`
  return untranslated.has(file) ? { text: `${text} (영어)`, link: page } : { text, link: koPage(page) }
}

/** Each chapter once, in kata order, linking to its Korean page. */
function chapterLinksKo(): { text: string; link: string }[] {
  const seen = new Set<string>()
  const items: { text: string; link: string }[] = []
  for (const kata of KATAS) {
    if (seen.has(kata.chapter.page)) continue
    seen.add(kata.chapter.page)
    const title = KATAS_KO[kata.slug]?.chapterTitle ?? kata.chapter.title
    items.push(koLink(`${items.length + 1}. ${title}`, kata.chapter.page))
  }
  return items
}

const guide: DefaultTheme.SidebarItem[] = [
  koLink('여기서 시작', '/'),
  koLink('카타 푸는 법', '/guide/working-a-kata'),
  koLink('워크숍 진행하기', '/guide/facilitating'),
]

export const ko: LocaleSpecificConfig<DefaultTheme.Config> & { label: string; link: string } = {
  label: '한국어',
  lang: 'ko',
  link: '/ko/',
  title: 'podkata',
  description: '쿠버네티스 파드란 정말 무엇이고, 왜 모든 파드는 pause 컨테이너로 시작하는가: 튜토리얼이자 카타 워크북.',
  themeConfig: {
    nav: [
      koLink('여기서 시작', '/'),
      koLink('카타 푸는 법', '/guide/working-a-kata'),
      { text: '챕터', items: chapterLinksKo() },
    ],
    sidebar: {
      '/ko/': [
        { text: '안내', items: guide },
        { text: '챕터', items: chapterLinksKo() },
        { text: '실제 노드에서', items: [koLink('실제 노드 실습', '/lab')] },
      ],
    },
    outline: { level: [2, 3], label: '이 페이지의 내용' },
    docFooter: { prev: '이전', next: '다음' },
    footer: { message: 'podkata: 쿠버네티스 파드를 다루는 리터러트 튜토리얼이자 카타 워크북.' },
    darkModeSwitchLabel: '테마',
    lightModeSwitchTitle: '밝은 테마로 바꾸기',
    darkModeSwitchTitle: '어두운 테마로 바꾸기',
    sidebarMenuLabel: '메뉴',
    returnToTopLabel: '맨 위로',
    langMenuLabel: '언어 바꾸기',
    skipToContentLabel: '본문으로 건너뛰기',
    notFound: {
      title: '페이지를 찾을 수 없습니다',
      quote: '주소를 확인하거나 처음 페이지에서 다시 찾아보세요.',
      linkLabel: '처음 페이지로',
      linkText: '처음 페이지로',
      link: '/ko/',
    },
  },
}

/** The search box's words on Korean pages (VitePress local search, one index per locale). */
export const koSearch = {
  translations: {
    button: { buttonText: '검색', buttonAriaLabel: '검색' },
    modal: {
      displayDetails: '자세히 보기',
      resetButtonTitle: '검색어 지우기',
      backButtonTitle: '검색 닫기',
      noResultsText: '결과가 없습니다',
      footer: {
        selectText: '선택',
        selectKeyAriaLabel: 'Enter',
        navigateText: '이동',
        navigateUpKeyAriaLabel: '위 화살표',
        navigateDownKeyAriaLabel: '아래 화살표',
        closeText: '닫기',
        closeKeyAriaLabel: 'Esc',
      },
    },
  },
}
