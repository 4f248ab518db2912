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
import { chapterStops, FACILITATING, LAB, neighbours, START, WORKING, type Neighbour } from './reading-order.ts'

/** A page not translated yet (locale/ko.stamps.json) is linked in English, and says so. */
const untranslated = new Set(readStamps(new URL('..', import.meta.url).pathname, 'ko').untranslated ?? [])
function koLink(text: string, page: string): { text: string; link: string } {
  const file = page === '/' ? 'index.md' : `${page.slice(1)}.md`
  return untranslated.has(file) ? { text: `${text} (영어)`, link: page } : { text, link: koPage(page) }
}

/** Each chapter once, in kata order (reading-order.ts), with its Korean title and page. */
function chapterStopsKo(): { text: string; link: string }[] {
  return chapterStops().map((stop, i) => {
    const kata = KATAS.find((k) => k.chapter.page === stop.link)
    const title = (kata && KATAS_KO[kata.slug]?.chapterTitle) ?? stop.text
    return koLink(`${i + 1}. ${title}`, stop.link)
  })
}

const START_KO = koLink('여기서 시작', START.link)
const WORKING_KO = koLink('카타 푸는 법', WORKING.link)
const FACILITATING_KO = koLink('워크숍 진행하기 (진행자용)', FACILITATING.link)
const LAB_KO = koLink('실제 노드 실습', LAB.link)

/** The same reading order as the English pages (reading-order.ts), on the Korean pages. */
export function koNeighbours(relativePath: string): ReturnType<typeof neighbours> {
  const around = neighbours(relativePath.replace(/^ko\//, ''))
  if (!around) return undefined
  const twin = (stop: Neighbour): Neighbour => (stop ? ([START_KO, WORKING_KO, ...chapterStopsKo()].find((k) => k.link === koPage(stop.link)) ?? koLink(stop.text, stop.link)) : false)
  return { prev: twin(around.prev), next: twin(around.next) }
}

export const ko: LocaleSpecificConfig<DefaultTheme.Config> & { label: string; link: string } = {
  label: '한국어',
  lang: 'ko',
  link: '/ko/',
  title: 'podkata',
  description: '쿠버네티스 파드란 정말 무엇이고, 왜 모든 파드는 pause 컨테이너로 시작하는가: 튜토리얼이자 카타 워크북.',
  themeConfig: {
    nav: [START_KO, WORKING_KO, { text: '챕터', items: chapterStopsKo() }],
    sidebar: {
      '/ko/': [
        { text: '시작', items: [START_KO, WORKING_KO] },
        { text: '챕터', items: chapterStopsKo() },
        { text: '챕터 밖에서', items: [FACILITATING_KO, LAB_KO] },
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
