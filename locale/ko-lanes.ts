/**
 * The lane diagram's prose in Korean, for the Korean pages: the diagram is drawn from the same
 * trace as the English one (the build-time sim runs), and only its notes are put into Korean
 * here, at render time, by the kind of row and the template that wrote it (machinery/kubelet/
 * pod-worker.ts, cri-client.ts, machinery/runtime/*.ts, assembly/node-session.ts, sim/run-sim.ts).
 *
 * What a real system prints stays as it prints it: CRI method and field names, ids, IPs, image
 * names, pids, kubelet function names (SyncPod), reason codes (CreatePodSandboxError), gRPC errors
 * and containerd's error chains, and every event (reason and message are the kubelet's). The
 * terminal diagram (render/lanes.ts) never comes here: it is what `npm run sim` prints.
 *
 * A text no template knows stays English, and tests/ko-lanes.test.ts fails on it for the runs the
 * chapters show, so a new note in the machinery is not left untranslated unnoticed.
 */
import type { LaneRow } from '../render/lane-layout.ts'

interface Template {
  /** Matches the whole English text; groups are the parts kept as printed. */
  en: RegExp
  ko: (...parts: string[]) => string
}

/**
 * Texts that are already what a real node says, or a command: kept on purpose. Listed so that
 * "kept" and "forgotten" can be told apart.
 */
const KEPT: readonly RegExp[] = [
  /^SyncPod \S+$/, // the kubelet's function and the pod's namespace/name
  /^crictl \S+ \S+$/, // a command as typed
  /^netns \+ CNI ADD → \S+$/, // CNI's verb and the address it gave
  /^✗ .+$/, // the registry's or resolver's error, as containerd words it
]

const SYNC: readonly Template[] = [
  { en: /^(.+): nothing to do$/, ko: (sync) => `${syncText(sync)}: 할 일 없음` },
  { en: /^sync failed \((\S+)\): again in ([\d.]+)s$/, ko: (reason, s) => `동기화 실패 (${reason}): ${s}초 뒤 다시` },
  { en: /^… (\d+) more like it$/, ko: (n) => `… 같은 동기화 ${n}번 더` },
  { en: /^the pause process dies$/, ko: () => 'pause 프로세스가 죽음' },
  { en: /^container (\S+) dies$/, ko: (name) => `컨테이너 ${name} 크래시` },
  { en: /^delete pod (\S+)$/, ko: (name) => `파드 ${name} 삭제` },
  { en: /^image GC: delete unused images$/, ko: () => '이미지 GC: 쓰이지 않는 이미지 삭제' },
]

const STEP: readonly Template[] = [
  { en: /^the node's network \(hostNetwork\)$/, ko: () => '노드의 네트워크 (hostNetwork)' },
  { en: /^CNI DEL: (\S+) released$/, ko: (ip) => `CNI DEL: ${ip} 반환` },
  { en: /^start \/pause \(pid (\d+)\)$/, ko: (pid) => `/pause 시작 (pid ${pid})` },
  { en: /^sandbox image (\S+) is here$/, ko: (image) => `샌드박스 이미지 ${image} 있음` },
  { en: /^pull sandbox image (\S+)$/, ko: (image) => `샌드박스 이미지 ${image} pull` },
  { en: /^from (\S+)$/, ko: (image) => `이미지: ${image}` },
  { en: /^join pause's (net, ipc, uts(?:, pid)?) \(pid (\d+)\)$/, ko: (spaces, pid) => `pause의 ${spaces}에 합류 (pid ${pid})` },
  { en: /^start (.+) \(pid (\d+)\)$/, ko: (command, pid) => `${command} 시작 (pid ${pid})` },
  { en: /^pid (\d+) exited with code (\d+)$/, ko: (pid, code) => `pid ${pid} 종료, 종료 코드 ${code}` },
  { en: /^stop (\S+) \(pid (\d+)\)$/, ko: (name, pid) => `${name} 중지 (pid ${pid})` },
  { en: /^fetched from the registry, unpacked$/, ko: () => '레지스트리에서 받아 풀었음' },
  { en: /^fetched from (\S+), unpacked$/, ko: (host) => `${host}에서 받아 풀었음` },
]

/** Answers that are words rather than ids or states. */
const RETURN: readonly Template[] = [
  { en: /^image: null \(not present\)$/, ko: () => 'image: null (없음)' },
  { en: /^(\S+) \((\d+) bytes\)$/, ko: (id, size) => `${id} (${size}바이트)` },
  { en: /^(\d+) sandbox\(es\)$/, ko: (n) => `샌드박스 ${n}개` },
  { en: /^(\d+) container\(s\)$/, ko: (n) => `컨테이너 ${n}개` },
  { en: /^(\d+) image\(s\)$/, ko: (n) => `이미지 ${n}개` },
]

function apply(templates: readonly Template[], text: string): string | undefined {
  for (const { en, ko } of templates) {
    const match = en.exec(text)
    if (match) return ko(...match.slice(1))
  }
  return undefined
}

function syncText(text: string): string {
  return apply(SYNC, text) ?? text
}

/** The English text of a row that has prose in it, or undefined for a row that has none. */
function prose(row: LaneRow): readonly [readonly Template[], string] | undefined {
  if (row.kind === 'sync') return [SYNC, row.text]
  if (row.kind === 'step') return [STEP, row.text]
  if (row.kind === 'return' && !row.error) return [RETURN, row.text]
  return undefined
}

/** The row with its prose in Korean; calls, errors and events come back as they are. */
export function koreanRow(row: LaneRow): LaneRow {
  const found = prose(row)
  if (!found) return row
  const text = apply(found[0], found[1])
  // prose() only answers for sync, step and return rows, which all carry a text.
  return text === undefined ? row : ({ ...row, text } as LaneRow)
}

/**
 * Sync and step texts that no template translates and none keeps on purpose: what a new or
 * changed note in the machinery leaves in English. Answers are not checked (most are ids).
 */
export function untranslatedTexts(rows: readonly LaneRow[]): string[] {
  return rows.flatMap((row) => {
    if (row.kind !== 'sync' && row.kind !== 'step') return []
    if (KEPT.some((kept) => kept.test(row.text))) return []
    return apply(row.kind === 'sync' ? SYNC : STEP, row.text) === undefined ? [row.text] : []
  })
}

/** The words around the diagram: the list under it, the hover text, the screen reader's label. */
export const LANE_WORDS_KO = {
  asText: '같은 트레이스를 텍스트로',
  inside: (runtime: string) => `${runtime} 안에서`,
  eventOnPod: '파드의 이벤트',
  emptyAnswer: '(빈 응답)',
  scrolls: '옆으로 스크롤됨',
}

/**
 * `레인 그림: containerd 1.7에 보낸 CRI 호출 14개 (1개 실패), 이벤트 5개 (Warning 1개)`: the Korean
 * twin of describeLanes() (render/lane-layout.ts), from the same counts.
 */
export function describeLanesKo(counts: { calls: number; failed: number; events: number; warnings: number }, runtime: string): string {
  const calls = `${runtime}에 보낸 CRI 호출 ${counts.calls}개${counts.failed ? ` (${counts.failed}개 실패)` : ''}`
  const events = `이벤트 ${counts.events}개${counts.warnings ? ` (Warning ${counts.warnings}개)` : ''}`
  return `레인 그림: ${calls}, ${events}`
}
