/** The doors' words in Korean (see ../types.ts), in the terms of the Korean pages and kubernetes.io/ko. */
import type { DoorWords } from '../types.ts'

const STATUS: Record<string, string> = { solved: '✓ 풂', failing: '✗ 실패 중', 'not tried': '· 아직 안 함' }

export const KO_DOOR: DoorWords = {
  kataOpen: (n) => `카타 ${n}, 이 페이지에서 풀기`,
  kataNote: '설치할 것 없음: 누르면 에디터와 스펙을 불러옵니다.',
  solvedHere: '✓ 이 브라우저에서 통과',
  cliStatus: (status) => STATUS[status] ?? status,
  hintsSeen: (n) => `힌트 ${n}개 봄`,
  simOpen: '이 이야기들을 페이지 안의 시뮬레이터로 돌려 보기',
  simNote: '파드를 고치고 `npm run sim`의 스위치를 바꾸며 다이어그램과 kubectl 출력을 보세요.',
}
