/**
 * The workbench's and playground's words in Korean (see ../types.ts), in the terms the Korean
 * pages use (docs/ko/guide/working-a-kata.md: 카타, 스펙, 시작 코드, 참고 답안, 힌트 사다리)
 * and kubernetes.io/ko's (파드, 컨테이너, 이미지, 노드). Spec names, hints, event reasons,
 * messages and CRI names stay as the workbook and the simulator print them.
 */
import type { Parting } from '../../../sim/trace-difference.ts'
import type { EditorWords } from '../types.ts'

const PRESETS: Record<string, string> = {
  healthy: '건강한 파드',
  init: '초기화 컨테이너, 싱크마다 하나씩',
  crashloop: '계속 크래시하는 컨테이너',
  airgap: '폐쇄망: 레지스트리도, 샌드박스도 없음',
  'fix-import': '수정 1: pause 이미지를 import',
  'fix-mirror': '수정 2: 네트워크 안의 미러',
  'mirror-down': '미러가 내려감',
  'fix-sandbox-image': '수정 3: 노드에 있는 샌드박스 이미지',
  'crash-container': '앱 컨테이너가 크래시',
  'crash-pause': 'pause 컨테이너가 죽음',
  invalid: '유효하지 않은 파드',
  'startup-probe': '시작 프로브가 있는 사이드카: 다음 초기화 컨테이너가 기다림',
  'app-pull': '풀할 수 없는 앱 이미지: ErrImagePull, 그다음 ImagePullBackOff',
  'git-sync': '사이드카: nginx 옆의 git-sync',
  ambassador: '앰배서더: localhost의 Redis 프록시',
  adapter: '어댑터: Redis 옆의 메트릭 익스포터',
  'native-sidecar': '네이티브 사이드카: 계속 실행되는 초기화 컨테이너',
}

const callLine = (p: Parting) =>
  `호출 ${p.number}: 내 코드는 ${p.mine ?? '호출 없음(내 kubelet은 여기서 멈춤)'}, 참고 답안은 ${p.reference ?? '호출 없음(참고 답안은 여기서 멈춤)'}`
const eventLine = (p: Parting) =>
  `이벤트 ${p.number}: 내 코드는 ${p.mine ?? '이벤트 없음(내 kubelet은 더 기록하지 않음)'}, 참고 답안은 ${p.reference ?? '이벤트 없음(참고 답안은 더 기록하지 않음)'}`

/** 카타마다 학습자가 쓴 노드의 부분 (assembly/reference-parts.ts), CLI의 "내 kubelet은" 자리에 들어갈 말. */
const KATA_PARTS: Record<string, string> = {
  '01-pods': '내 파드 검증을 쓴 노드는',
  '03-sandbox': '내 샌드박스 서비스를 쓴 노드는',
  '04-syncpod': '내 kubelet은',
  '05-pause': '내 pause 처리를 쓴 노드는',
  '06-airgap': '내 이미지 서비스를 쓴 노드는',
}

export const KO_EDITOR: EditorWords = {
  workbench: {
    title: (n, slug) => `카타 ${n} · ${slug}`,
    run: '스펙 실행',
    running: '실행 중…',
    reset: '시작 코드로 되돌리기',
    restore: '내 코드 되찾기',
    resetNote: '시작 코드로 돌아왔습니다. 내 코드는 이 브라우저에 보관했으니 "내 코드 되찾기"로 되살릴 수 있습니다.',
    resetNothingNew: '시작 코드로 돌아왔습니다. 내 코드가 시작 코드와 같거나 이미 보관되어 있습니다. "내 코드 되찾기"로 보관한 코드를 모두 찾을 수 있습니다.',
    resetDropped: (max, time) => `시작 코드로 돌아왔고 내 코드는 보관했습니다. 이 브라우저는 마지막 ${max}개만 보관하므로 가장 오래된 ${time}의 사본은 지웠습니다.`,
    resetRefused: '내 코드를 이 브라우저 저장소에 보관하지 못해(가득 찼거나 시크릿 창) 되돌리지 않았습니다.',
    restoredNote: (time) => `${time}의 내 코드를 되찾았습니다. 한 번 더 누르면 그 전 사본이 나옵니다.`,
    nothingToRestore: '에디터의 코드와 다른 보관본이 없습니다.',
    copies: (n) => `보관한 사본 (${n})`,
    earlierCopy: '이전 방문 때의 사본',
    bringBack: '되찾기',
    typesNote: '이 페이지는 타입을 벗겨 내고 스펙을 실행할 뿐 타입 검사는 하지 않습니다. `npm run kata`는 둘 다 합니다. 내 코드는 이 브라우저에 보관됩니다.',
    stuck: (spec, seconds) => (spec ? `✗ 스펙 "${spec}"이(가) ${seconds}초 안에 끝나지 않아 멈췄습니다.` : `✗ 내 파일을 불러오는 일이 ${seconds}초 안에 끝나지 않아 멈췄습니다.`),
    stuckQuestion: '무한 루프나, 끝내 이행되지 않는 프로미스가 있지 않나요?',
    crashed: (message) => `✗ 실행기가 멈췄습니다: ${message}`,
    loadError: '✗ 내 코드가 로드되지 않아 스펙을 하나도 실행하지 못했습니다.',
    at: '위치',
    edit: '고칠 곳',
    spec: '스펙',
    stuckMarks: '그 앞의 스펙은 결과를 그대로 두고, ·는 실행되지 않은 스펙입니다.',
    noLanes: (kata) => `카타 ${kata}의 코드는 시뮬레이션 노드의 일부가 아니어서(노드는 카타 1, 3, 4, 5, 6으로 만듭니다) 참고 답안 옆에 그릴 내 노드의 실행이 없습니다.`,
    passed: (specs, kata) => `✓ 스펙 ${specs}개가 모두 통과합니다. 카타 ${kata} 완료!`,
    failed: (passing, total) => `스펙 ${total}개 중 ${passing}개 통과.`,
    next: '다음으로 이 스펙을 통과시키세요:',
    timedOut: (seconds) => `${seconds}초 안에 끝나지 않았습니다. 무한 루프나, 끝내 이행되지 않는 프로미스가 있지 않나요?`,
    traceSummary: '내 노드와 참고 답안의 노드: ',
    traceStuck: (seconds) => `내 코드 때문에 노드가 ${seconds}초 안에 끝나지 않아 멈췄습니다.`,
    traceFailed: (message) => `노드가 돌지 않았습니다: ${message}`,
    hintOffer: (level, total, group) => `막혔나요? 힌트 ${total}개 중 ${level}번${group ? `은 “${group}”에 관한 것입니다` : ''}:`,
    showHint: '보기',
    nextHint: (level, total) => `힌트 ${level} / ${total}`,
    hintsLanguage: '힌트는 영어로 나옵니다. 함수와 필드 이름을 그대로 가리키기 때문입니다.',
    showReference: '참고 답안 보기',
    referenceLater: '모든 스펙이 통과하면 여기에 참고 답안이 나옵니다.',
  },
  playground: {
    story: '이야기',
    presetTitle: (id, english) => PRESETS[id] ?? english,
    scenarioTitle: (title) => `시나리오: ${title}`,
    scenarioFile: (path) => `시나리오 파일 (${path})`,
    podManifest: (file) => `파드 매니페스트 (${file})`,
    scenarioNote: '시나리오는 자기 노드(`node:`)를 직접 꾸리고 `steps:`를 차례로 실행합니다. `apply:` 경로는 이 파일을 기준으로 합니다.',
    switches: '스위치',
    runtime: '런타임',
    network: '네트워크',
    connectivity: (c) => (c === 'online' ? '온라인' : c === 'dns-nxdomain' ? '오프라인 (dns-nxdomain)' : `차단: ${c}`),
    preload: '미리 넣어 둔 이미지',
    sandboxImage: '샌드박스 이미지',
    sandboxImagePlaceholder: '런타임 기본값',
    mirror: '미러',
    mirrorDown: '미러 다운',
    crash: '크래시',
    crashPlaceholder: '컨테이너 이름, 또는 pause',
    forSeconds: '재시도 시간(초)',
    mine: '내 코드(이 브라우저에 있는 카타 파일)로, 참고 답안 옆에',
    run: '실행',
    running: '실행 중…',
    line: (n) => `${n}번째 줄`,
    stuck: (seconds) => `시뮬레이션이 ${seconds}초 안에 끝나지 않아 멈췄습니다. 내 코드에 무한 루프가 있지 않나요?`,
    crashed: (message) => `시뮬레이터가 멈췄습니다: ${message}`,
    problem: '이야기가 끝나기 전에 내 노드가 멈췄습니다:',
    referenceTranscript: '참고 답안의 기록',
    noKataCode: '이 브라우저에 보관된 카타 코드가 아직 없어서 참고 답안만 그립니다. 각 장의 페이지에서 카타를 풀고 나서 다시 체크해 보세요.',
    sideBySide: '플레이그라운드에서 나란히 보기 →',
    asJson: '같은 실행을 JSON으로 (--json이 출력하는 그대로)',
  },
  trace: {
    partingLines: (calls, events) => {
      if (!calls && !events) return ['내 kubelet은 참고 답안과 같은 CRI 호출을 하고 같은 이벤트를 기록합니다.']
      return [
        calls ? `CRI 호출에서 처음 달라지는 곳: ${callLine(calls)}` : 'CRI 호출은 참고 답안과 같습니다.',
        events ? `이벤트에서 처음 달라지는 곳: ${eventLine(events)}` : '이벤트는 참고 답안과 같습니다.',
      ]
    },
    same: '내 노드는 참고 답안과 같은 CRI 호출을 하고 같은 이벤트를 기록했습니다.',
    yourCaption: (status) => `내 코드${status ? ` → ${status}` : ''}`,
    referenceCaption: (status) => `참고 답안${status ? ` → ${status}` : ''}`,
    markedAt: (kind, n) => `두 다이어그램에 표시한 곳: ${kind === 'call' ? '호출' : '이벤트'} ${n}.`,
    tag: '≠ 다름',
    tagEnded: '≠ 여기서 끝',
    kubelet: '내 kubelet은',
    yours: (folder) => KATA_PARTS[folder] ?? '내 kubelet은',
    spoken: '처음 달라지는 곳: ',
    spokenEnded: '처음 달라지는 곳, 마지막으로 한 것: ',
    showIt: '다이어그램에서 보기',
  },
}
