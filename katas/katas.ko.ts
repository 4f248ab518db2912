/**
 * The Korean words for the kata list in katas/katas.ts: each kata's title and its chapter's
 * title, keyed by the kata's slug. Commands, file names and slugs are not here: they stay
 * exactly as in katas.ts, so a Korean page and the CLI name the same things.
 * tests/locale-drift.test.ts fails if a kata has no entry here.
 */
export interface KataKo {
  title: string
  chapterTitle: string
}

export const KATAS_KO: Readonly<Record<string, KataKo>> = {
  pods: {
    title: '파드 모델 만들기: 검증, 공유 네임스페이스, 리소스 요청, 노드에 들어가는지',
    chapterTitle: '파드',
  },
  composite: {
    title: '컨테이너끼리 파드 공유하기: 하나의 네트워크, 공유 볼륨, 네이티브 사이드카 순서',
    chapterTitle: '복합 컨테이너',
  },
  sandbox: {
    title: 'containerd처럼 PodSandbox를 실행, 중지, 제거, 조회, 나열하기',
    chapterTitle: 'PodSandbox',
  },
  syncpod: {
    title: 'kubelet의 SyncPod 작성하기: 샌드박스 먼저, 그다음 pull, create, start — 그리고 이벤트',
    chapterTitle: 'CRI 호출 순서',
  },
  pause: {
    title: 'pause로 파드 살려 두기: 샌드박스 종료와 컨테이너 크래시의 차이, 좀비 회수',
    chapterTitle: 'pause 컨테이너',
  },
  airgap: {
    title: '폐쇄망 노드 고치기: 이미지 참조, 미러, pull, import, 고정된 이미지',
    chapterTitle: '폐쇄망 (캡스톤)',
  },
}

/** The Korean twin of an English page path: /chapters/01-pods → /ko/chapters/01-pods, / → /ko/. */
export function koPage(page: string): string {
  return page === '/' ? '/ko/' : `/ko${page}`
}
