/**
 * The Korean twins of the facilitator guide's generated parts: the agendas (docs/guide/agendas.ts),
 * the questions and answers (docs/guide/facilitator-questions.ts), the kata parts (each spec
 * file's describe groups) and the common mistakes (the `// Mistake:` line of each known-wrong
 * variant under proof/known-wrong/). Each table is keyed by the exact English text it translates,
 * so the translator reads the source beside the translation, and an English text that changes no
 * longer finds its old twin: tests/ko-facilitator.test.ts then fails, naming the English text that
 * has no twin and the twin whose English is gone. The page shows the English until then.
 *
 * The objectives are not here: the Korean chapters already have them, in the list that ends each
 * chapter's opening, kept in step by the drift check (locale/drift.ts).
 *
 * Commands, spec names (what the watch loop prints), CRI names, event reasons and field names stay
 * as they are. Terms follow kubernetes.io/ko: 파드, 컨테이너, 네임스페이스, 샌드박스, 노드, 이미지.
 */

/** Agenda titles, summaries and each block's "what". */
export const AGENDA_KO: Readonly<Record<string, string>> = {
  'Three hours: why every Pod starts with pause': '세 시간: 왜 모든 파드는 pause로 시작하는가',
  'Chapters 1 and 3 at the screen, katas 4 and 5 in pairs, chapter 6 as a live demo. For engineers who run clusters and have met the air-gapped error; no kata needs the ones before it.':
    '1장과 3장은 화면으로, 4번과 5번 카타는 짝으로, 6장은 라이브 시연으로. 클러스터를 운영하며 폐쇄망 오류를 만나 본 엔지니어를 위한 과정입니다. 어느 카타도 앞의 카타를 필요로 하지 않습니다.',
  'Welcome; the incident on screen; every laptop runs the kata list': '인사, 화면에 장애 띄우기, 모든 노트북에서 카타 목록 실행',
  'At the screen: what a Pod shares (chapter 1) and who holds it, the sandbox (chapter 3)': '화면으로: 파드가 무엇을 공유하는지(1장), 그리고 그것을 쥐고 있는 샌드박스(3장)',
  'At the screen: the CRI sequence, one lane diagram read call by call (chapter 4)': '화면으로: CRI 호출 순서, 레인 그림 하나를 호출 하나씩 읽기(4장)',
  'Kata 4 in pairs: the kubelet’s SyncPod': '4번 카타를 짝으로: kubelet의 SyncPod',
  'Compare: the reference as a diff; yours next to it in the sim': '비교: 참고 답안을 diff로, 그리고 시뮬레이터에서 내 코드를 그 옆에',
  Break: '휴식',
  'At the screen: a crashed container against a dead pause (chapter 5)': '화면으로: 크래시한 컨테이너와 죽은 pause의 차이(5장)',
  'Kata 5 in pairs: pause, and sandbox death against a crash': '5번 카타를 짝으로: pause, 그리고 샌드박스 종료와 크래시의 차이',
  'Compare kata 5': '5번 카타 비교',
  'Demo (chapter 6): the error chain link by link, then the three fixes and the GC trap': '시연(6장): 오류 사슬을 고리 하나씩, 그다음 세 가지 수정과 GC 함정',
  'Wrap-up: what to check on your own nodes (sandbox image, mirror, pinning)': '마무리: 내 노드에서 확인할 것(샌드박스 이미지, 미러, 고정)',
  'A full day: all six chapters': '하루 종일: 여섯 챕터 전부',
  'Every chapter and every kata, ending with each pair’s whole node on their own code. Chapters 1 and 2 move fast; 4 and 6 get the most time.':
    '모든 챕터와 모든 카타를 다루고, 짝마다 자기 코드로 만든 노드 전체를 돌려 보며 끝납니다. 1장과 2장은 빠르게 지나가고, 4장과 6장에 가장 많은 시간을 씁니다.',
  'Welcome; every laptop runs the kata list; how the watch loop works': '인사, 모든 노트북에서 카타 목록 실행, 감시 루프가 동작하는 방식',
  'At the screen: chapter 1, Pods': '화면으로: 1장, 파드',
  'Kata 1 in pairs: the Pod model': '1번 카타를 짝으로: 파드 모델',
  'Compare kata 1': '1번 카타 비교',
  'At the screen: chapter 2, composite containers': '화면으로: 2장, 복합 컨테이너',
  'Kata 2 in pairs: one network, shared volumes, sidecar order': '2번 카타를 짝으로: 하나의 네트워크, 공유 볼륨, 사이드카 순서',
  'At the screen: chapter 3, the PodSandbox': '화면으로: 3장, PodSandbox',
  'Kata 3 in pairs: the runtime’s sandbox calls': '3번 카타를 짝으로: 런타임의 샌드박스 호출',
  'Compare kata 3; what crictl pods shows on a real node': '3번 카타 비교, 실제 노드에서 crictl pods가 보여 주는 것',
  Lunch: '점심',
  'At the screen: chapter 4, the CRI sequence, and a sandbox that fails': '화면으로: 4장, CRI 호출 순서, 그리고 실패하는 샌드박스',
  'Compare kata 4 in the sim': '시뮬레이터에서 4번 카타 비교',
  'At the screen: chapter 5, the pause container': '화면으로: 5장, pause 컨테이너',
  'Kata 5 in pairs: pause': '5번 카타를 짝으로: pause',
  'At the screen: chapter 6, the air-gapped incident': '화면으로: 6장, 폐쇄망 장애',
  'Kata 6 in pairs: fix the air-gapped node': '6번 카타를 짝으로: 폐쇄망 노드 고치기',
  'The capstone: every kata on your own code': '캡스톤: 모든 카타를 내 코드로',
  'Wrap-up: what to check on your own nodes': '마무리: 내 노드에서 확인할 것',
}

/** The questions to ask, and their answers. */
export const QUESTIONS_KO: Readonly<Record<string, string>> = {
  // pods
  'Which namespaces do the containers of a Pod share by default, and which one needs a field in the spec?':
    '파드의 컨테이너들은 기본으로 어떤 네임스페이스를 공유하고, 어느 것은 스펙에 필드가 있어야 공유하나요?',
  'Network (one IP, one port space, localhost), IPC and UTS (the hostname), plus the volumes. PID is shared only with shareProcessNamespace: true; the kubelet sends CONTAINER for pid otherwise. Mount namespaces are never shared.':
    '네트워크(IP 하나, 포트 공간 하나, localhost), IPC, UTS(호스트 이름), 그리고 볼륨입니다. PID는 shareProcessNamespace: true일 때만 공유하고, 그렇지 않으면 kubelet은 pid에 CONTAINER를 보냅니다. 마운트 네임스페이스는 결코 공유하지 않습니다.',
  'Two app containers ask for 250m and 100m of CPU, an init container for 200m. What does the scheduler reserve?':
    '앱 컨테이너 둘이 CPU를 250m과 100m, 초기화 컨테이너 하나가 200m 요청합니다. 스케줄러는 얼마를 잡아 두나요?',
  '350m. The init container runs alone, before the app containers, so the Pod needs the larger of the two phases, per resource: max(250m + 100m, 200m). CPU and memory may come from different phases.':
    '350m입니다. 초기화 컨테이너는 앱 컨테이너보다 먼저 혼자 돌기 때문에, 파드에는 리소스마다 두 단계 중 큰 쪽이 필요합니다. max(250m + 100m, 200m). CPU와 메모리는 서로 다른 단계에서 올 수도 있습니다.',
  'An init container has the same name as an app container. Which field does the error name?': '초기화 컨테이너의 이름이 앱 컨테이너와 같습니다. 오류는 어느 필드를 가리키나요?',
  'The init container: spec.initContainers[0].name: Duplicate value: "app". validateInitContainers starts from the set of app container names, so the app container gets no error.':
    '초기화 컨테이너입니다. spec.initContainers[0].name: Duplicate value: "app". validateInitContainers는 앱 컨테이너 이름들의 집합에서 출발하므로, 앱 컨테이너에는 오류가 붙지 않습니다.',
  'Each container fits on the node alone, yet the Pod stays Pending. Why?': '컨테이너 하나하나는 노드에 들어가는데, 파드는 Pending에 머뭅니다. 왜일까요?',
  'The scheduler places the whole Pod or none of it: it compares the effective request of the Pod with what the node has left, and FailedScheduling says "1 Insufficient cpu".':
    '스케줄러는 파드 전체를 배치하거나 아예 배치하지 않습니다. 파드의 유효 요청을 노드에 남은 양과 비교하고, FailedScheduling이 "1 Insufficient cpu"라고 말합니다.',
  // composite
  'How does nginx serve the files that git-sync clones, when neither knows the other?': 'nginx와 git-sync는 서로를 모르는데, nginx는 어떻게 git-sync가 클론한 파일을 서비스하나요?',
  'Both mount the same volume of the Pod (an emptyDir), each at its own path. The volume is declared once, on the Pod; a container that does not mount it does not see it.':
    '둘 다 파드의 같은 볼륨(emptyDir)을 각자 자기 경로에 마운트합니다. 볼륨은 파드에 한 번 선언되고, 그것을 마운트하지 않는 컨테이너에게는 보이지 않습니다.',
  'Why can an app talk to its Redis ambassador on localhost?': '앱은 왜 localhost로 Redis 앰배서더와 이야기할 수 있나요?',
  'Every container of the Pod is in the same network namespace: one IP, one loopback, one port space.': '파드의 모든 컨테이너가 같은 네트워크 네임스페이스에 있기 때문입니다. IP 하나, 루프백 하나, 포트 공간 하나.',
  'In what order do native sidecars start and stop?': '네이티브 사이드카는 어떤 순서로 시작하고 멈추나요?',
  'They start in spec order, among the init containers, and keep running; the app containers start after all init containers. They stop after the app containers, in reverse spec order.':
    '초기화 컨테이너들 사이에서 스펙 순서대로 시작하고 계속 돕니다. 앱 컨테이너는 모든 초기화 컨테이너 뒤에 시작합니다. 멈출 때는 앱 컨테이너 뒤에, 스펙의 역순으로 멈춥니다.',
  'What turns an init container into a native sidecar?': '무엇이 초기화 컨테이너를 네이티브 사이드카로 만드나요?',
  'Its own restartPolicy: Always. The Pod-level restartPolicy has nothing to do with it.': '그 컨테이너 자신의 restartPolicy: Always입니다. 파드 수준의 restartPolicy와는 상관이 없습니다.',
  // sandbox
  'What does StopPodSandbox give back, and what does it keep?': 'StopPodSandbox는 무엇을 돌려주고, 무엇을 남겨 두나요?',
  'It stops the containers and pause and, for a pod network, gives the IP back (CNI DEL). The record stays, SANDBOX_NOTREADY, and so does the reserved name, until RemovePodSandbox.':
    '컨테이너들과 pause를 멈추고, 파드 네트워크라면 IP를 돌려줍니다(CNI DEL). 기록은 SANDBOX_NOTREADY로 남고, 예약된 이름도 RemovePodSandbox까지 남습니다.',
  'Stop and remove on an id the runtime does not know: what do they answer, and why?': '런타임이 모르는 ID로 중지와 제거를 부르면 무엇을 답하고, 왜 그런가요?',
  'Success. They are idempotent, so that the kubelet can retry them safely. PodSandboxStatus on an unknown id is the one that fails, with NotFound.':
    '성공입니다. 둘은 멱등이어서 kubelet이 안전하게 다시 시도할 수 있습니다. 모르는 ID에 실패하는 것은 PodSandboxStatus이고, NotFound로 실패합니다.',
  'Why does a sandbox name end in an attempt number?': '샌드박스 이름은 왜 시도(attempt) 번호로 끝나나요?',
  'The name is name_namespace_uid_attempt. A new sandbox for the same Pod needs a new name while the old one, stopped but not removed, still holds its own.':
    '이름은 name_namespace_uid_attempt입니다. 같은 파드의 새 샌드박스에는 새 이름이 필요합니다. 중지되었지만 제거되지 않은 옛 샌드박스가 아직 자기 이름을 쥐고 있기 때문입니다.',
  'A hostNetwork Pod: which network namespace and which IP does its sandbox get?': 'hostNetwork 파드의 샌드박스는 어떤 네트워크 네임스페이스와 어떤 IP를 받나요?',
  "The node's network and UTS namespaces, and no IP from the pod CIDR: nothing is allocated or released for it.":
    '노드의 네트워크와 UTS 네임스페이스를 쓰고, 파드 CIDR에서 IP를 받지 않습니다. 그 파드를 위해 할당하거나 반환하는 것이 없습니다.',
  // syncpod
  'What is the first CRI call that changes anything for a new Pod, and why that one?': '새 파드에 대해 무언가를 바꾸는 첫 CRI 호출은 무엇이고, 왜 그것인가요?',
  'RunPodSandbox. The sandbox holds the namespaces and the IP that every container joins, so nothing can be created before it; then PodSandboxStatus, then pull, create and start for each container.':
    'RunPodSandbox입니다. 샌드박스가 모든 컨테이너가 합류하는 네임스페이스와 IP를 쥐고 있으므로, 그보다 먼저 만들 수 있는 것은 없습니다. 그다음 PodSandboxStatus, 그다음 컨테이너마다 pull, create, start입니다.',
  'The sandbox cannot be created. Which events appear, and which never do?': '샌드박스를 만들 수 없습니다. 어떤 이벤트가 나타나고, 어떤 이벤트는 결코 나타나지 않나요?',
  'Warning FailedCreatePodSandBox, again on every retry. No Pulling, Created or Started for the app containers: the sync ends there, and the Pod stays ContainerCreating.':
    'Warning FailedCreatePodSandBox가 재시도마다 다시 나옵니다. 앱 컨테이너의 Pulling, Created, Started는 없습니다. 동기화가 거기서 끝나고, 파드는 ContainerCreating에 머뭅니다.',
  'imagePullPolicy: Always. Does the kubelet ask ImageStatus before pulling?': 'imagePullPolicy: Always입니다. kubelet은 pull하기 전에 ImageStatus를 물어보나요?',
  'No: it pulls straight away. With IfNotPresent or Never it asks ImageStatus first and pulls only when the image is absent.':
    '아니요, 바로 pull합니다. IfNotPresent나 Never일 때는 먼저 ImageStatus를 묻고, 이미지가 없을 때만 pull합니다.',
  "One app container's image cannot be pulled. Do the other containers start?": '앱 컨테이너 하나의 이미지를 pull할 수 없습니다. 다른 컨테이너들은 시작하나요?',
  'Yes: each container is its own step, and the failed one gets ErrImagePull, then ImagePullBackOff. Only a failed sandbox, or a failed regular init container, ends the sync.':
    '네. 컨테이너마다 별개의 단계이고, 실패한 컨테이너는 ErrImagePull, 그다음 ImagePullBackOff를 받습니다. 동기화를 끝내는 것은 실패한 샌드박스나 실패한 일반 초기화 컨테이너뿐입니다.',
  // pause
  'An app container crashes. Does the Pod get a new IP?': '앱 컨테이너가 크래시합니다. 파드는 새 IP를 받나요?',
  'No. The sandbox and its pause are untouched: the kubelet restarts that container in the same sandbox, same IP, with its attempt one higher.':
    '아니요. 샌드박스와 그 pause는 그대로입니다. kubelet은 그 컨테이너를 같은 샌드박스, 같은 IP에서, 시도 번호를 하나 올려 다시 시작합니다.',
  'The pause process dies. What does the kubelet do?': 'pause 프로세스가 죽습니다. kubelet은 무엇을 하나요?',
  'SandboxChanged: it kills every container, stops the old sandbox, runs a new one with attempt + 1 (usually a new IP) and starts every container again, init containers too.':
    'SandboxChanged입니다. 모든 컨테이너를 죽이고, 옛 샌드박스를 멈추고, attempt + 1로 새 샌드박스를 실행하고(대개 새 IP), 초기화 컨테이너까지 모든 컨테이너를 다시 시작합니다.',
  'Why does pause handle SIGCHLD?': 'pause는 왜 SIGCHLD를 처리하나요?',
  'With a shared PID namespace pause is PID 1 of the Pod. Orphans are re-parented to it, and it reaps them (waitpid in a loop) so that zombies do not pile up.':
    'PID 네임스페이스를 공유하면 pause가 파드의 PID 1입니다. 고아 프로세스는 pause의 자식이 되고, pause가 그것들을 거둬서(루프 안의 waitpid) 좀비가 쌓이지 않게 합니다.',
  'kill -TERM stops pause, kill -HUP does nothing. Why?': 'kill -TERM은 pause를 멈추는데 kill -HUP은 아무 일도 하지 않습니다. 왜일까요?',
  'A PID 1 receives only the signals it has a handler for. pause handles SIGINT and SIGTERM (it exits) and SIGCHLD, and nothing else.':
    'PID 1은 핸들러가 있는 시그널만 받습니다. pause는 SIGINT와 SIGTERM(종료), 그리고 SIGCHLD를 처리하고, 그 밖에는 아무것도 처리하지 않습니다.',
  // airgap
  'What does the name pause:3.9 mean to containerd?': 'containerd에게 pause:3.9라는 이름은 무엇을 뜻하나요?',
  'docker.io/library/pause:3.9. The first part is a registry only if it has a "." or a ":" or is localhost; a one-part path on docker.io goes under library/.':
    'docker.io/library/pause:3.9입니다. 첫 부분은 "."이나 ":"가 있거나 localhost일 때만 레지스트리이고, docker.io에서 한 부분짜리 경로는 library/ 밑으로 갑니다.',
  'The node cannot reach the registry. Why is there no ErrImagePull or ImagePullBackOff for pause?': '노드가 레지스트리에 닿지 못합니다. pause에 대해서는 왜 ErrImagePull이나 ImagePullBackOff가 없나요?',
  'The kubelet does not pull the sandbox image: the runtime does, inside RunPodSandbox. Its failure comes back as a failed sandbox, FailedCreatePodSandBox, and the Pod stays ContainerCreating.':
    '샌드박스 이미지는 kubelet이 아니라 런타임이 RunPodSandbox 안에서 pull합니다. 그 실패는 실패한 샌드박스, 곧 FailedCreatePodSandBox로 돌아오고, 파드는 ContainerCreating에 머뭅니다.',
  'Name the three fixes.': '세 가지 수정을 말해 보세요.',
  'Import the exact image the runtime wants (ctr -n k8s.io images import), a mirror inside the network (hosts.toml), or configure the runtime to use a sandbox image the node has.':
    '런타임이 원하는 바로 그 이미지를 import하기(ctr -n k8s.io images import), 네트워크 안의 미러(hosts.toml), 또는 노드에 있는 샌드박스 이미지를 쓰도록 런타임을 설정하기입니다.',
  'Weeks after the fix, the same error is back. What happened, and what prevents it?': '고치고 몇 주 뒤에 같은 오류가 돌아왔습니다. 무슨 일이 있었고, 무엇이 그것을 막나요?',
  "The kubelet's image GC deleted pause: sandboxes are not containers, so pause never counts as in use and goes first. Only pinned: true from the runtime spares it (containerd pins its configured sandbox image from 1.6.22 and 1.7.3; CRI-O from 1.28).":
    'kubelet의 이미지 GC가 pause를 지웠습니다. 샌드박스는 컨테이너가 아니므로 pause는 결코 사용 중으로 치지 않고, 가장 먼저 지워집니다. 런타임이 주는 pinned: true만이 그것을 살립니다(containerd는 1.6.22와 1.7.3부터 설정된 샌드박스 이미지를 고정하고, CRI-O는 1.28부터).',
}

/** The parts of each kata: its spec file's describe groups, as the watch loop names them. */
export const GROUPS_KO: Readonly<Record<string, string>> = {
  'validatePod: what the API server rejects': 'API 서버가 거부하는 것',
  'namespaceOptionsFor: which namespaces the containers share': '컨테이너들이 공유하는 네임스페이스',
  'effectiveRequests: what the pod asks for as a whole': '파드 전체로서의 요청',
  'effectiveRequests with pod-level resources (spec.resources, beta since 1.34)': '파드 수준 리소스가 있을 때(spec.resources, 1.34부터 베타)',
  'insufficientResources: a Pod is scheduled as one unit': '파드는 한 단위로 스케줄된다',
  'startPod: a volume shared by a sidecar and the main container': '사이드카와 메인 컨테이너가 공유하는 볼륨',
  'startPod: one localhost for the whole pod (the ambassador)': '파드 전체에 localhost 하나(앰배서더)',
  'startPod: an adapter next to the app (the adapter)': '앱 옆의 어댑터(어댑터)',
  'startPod: what the containers of a pod share, and what they do not': '파드의 컨테이너들이 공유하는 것과 공유하지 않는 것',
  "startPod: hostNetwork puts the pod in the node's network": 'hostNetwork는 파드를 노드의 네트워크에 둔다',
  'startOrder: init containers one by one, then the app containers': '초기화 컨테이너를 하나씩, 그다음 앱 컨테이너',
  'stopOrder: app containers first, then the sidecars in reverse order': '앱 컨테이너 먼저, 그다음 사이드카를 역순으로',
  'runPodSandbox: create and start the pod-level sandbox': '파드 수준 샌드박스를 만들고 시작하기',
  'podSandboxStatus: what crictl inspectp shows': 'crictl inspectp가 보여 주는 것',
  'stopPodSandbox: reclaim the sandbox, keep its record': '샌드박스를 회수하고 기록은 남기기',
  'removePodSandbox: forget the sandbox and everything in it': '샌드박스와 그 안의 모든 것을 잊기',
  'listPodSandbox: what crictl pods shows': 'crictl pods가 보여 주는 것',
  'syncPod: the calls, in order': '호출들, 순서대로',
  'syncPod: events': '이벤트',
  imagePullPolicy: 'imagePullPolicy',
  'when the sandbox cannot be created': '샌드박스를 만들 수 없을 때',
  'when an app image cannot be pulled': '앱 이미지를 pull할 수 없을 때',
  'init containers': '초기화 컨테이너',
  'when the sandbox has to be replaced': '샌드박스를 교체해야 할 때',
  'when PodSandboxStatus fails': 'PodSandboxStatus가 실패할 때',
  'when the runtime refuses a container': '런타임이 컨테이너를 거부할 때',
  'when a container keeps crashing': '컨테이너가 계속 크래시할 때',
  'restartPolicy and init containers, as computePodActions decides': 'computePodActions가 정하는 restartPolicy와 초기화 컨테이너',
  computePodActions: 'computePodActions',
  'the kubelet’s decision: podSandboxChanged': 'kubelet의 판단: podSandboxChanged',
  'the pause program (pause.c)': 'pause 프로그램(pause.c)',
  'containers join the sandbox through pause': '컨테이너는 pause를 통해 샌드박스에 합류한다',
  zombies: '좀비',
  'a container that crashes: the same sandbox': '크래시하는 컨테이너: 같은 샌드박스',
  'a pause that dies: a new sandbox': '죽는 pause: 새 샌드박스',
  'normalizeReference: the name containerd stores and pulls': 'containerd가 저장하고 pull하는 이름',
  'Resolver.hosts: where a pull goes': 'pull이 가는 곳',
  'Resolver.manifestURL: the request': '요청',
  'Resolver.resolve: one HEAD per host, until one has the image': '호스트마다 HEAD 한 번, 이미지를 가진 호스트가 나올 때까지',
  'pullImage: the links containerd’s CRI PullImage adds': 'containerd의 CRI PullImage가 더하는 고리들',
  'sandboxImageError: the links RunPodSandbox adds': 'RunPodSandbox가 더하는 고리들',
  'criLabels: what the CRI plugin pins': 'CRI 플러그인이 고정하는 것',
  'imagesToFree: the kubelet’s image GC': 'kubelet의 이미지 GC',
  'capstone: the incident, on a node running your image half': '캡스톤: 내가 만든 이미지 쪽으로 도는 노드에서의 장애',
}

/** The common mistakes: the `// Mistake:` line of each known-wrong variant. */
export const MISTAKES_KO: Readonly<Record<string, string>> = {
  // pods
  'checks each container against the node on its own, instead of the pod as one unit.': '파드를 한 단위로 보지 않고, 컨테이너 하나하나를 따로 노드와 비교한다.',
  'stops at the first problem, so a user fixes one error per kubectl apply.': '첫 문제에서 멈춰서, 사용자가 kubectl apply 한 번에 오류 하나씩만 고치게 된다.',
  'adds init containers to the sum, as if they ran beside the app containers.': '초기화 컨테이너가 앱 컨테이너와 나란히 도는 것처럼 합계에 더한다.',
  'looks for duplicate names within containers and within initContainers, but not across the two.': 'containers 안과 initContainers 안에서만 중복 이름을 찾고, 둘 사이는 보지 않는다.',
  "believes every namespace is shared by the pod's containers, PID included.": '파드의 컨테이너들이 PID까지 포함해 모든 네임스페이스를 공유한다고 믿는다.',
  'treats a native sidecar (restartPolicy: Always) like any init container that runs and exits.': '네이티브 사이드카(restartPolicy: Always)를 돌고 끝나는 여느 초기화 컨테이너처럼 다룬다.',
  'counts every native sidecar beside every regular init container, even those that finish before the sidecar starts.':
    '사이드카가 시작하기 전에 끝나는 것까지, 모든 일반 초기화 컨테이너 옆에 모든 네이티브 사이드카를 더한다.',
  // composite
  'gives a hostNetwork pod a network namespace of its own instead of the node\'s.': 'hostNetwork 파드에 노드의 것이 아닌 자기만의 네트워크 네임스페이스를 준다.',
  'collects the volumeMounts of every container and mounts them all in each container.': '모든 컨테이너의 volumeMounts를 모아서 컨테이너마다 전부 마운트한다.',
  'creates a network namespace for each container, as if each were a machine of its own.': '컨테이너마다 따로 머신인 것처럼, 컨테이너마다 네트워크 네임스페이스를 만든다.',
  "always names the pod's UTS namespace after the pod, ignoring spec.hostname.": 'spec.hostname을 무시하고 파드의 UTS 네임스페이스에 늘 파드 이름을 붙인다.',
  "takes the pod's restartPolicy: Always to mean that every init container is a sidecar.": '파드의 restartPolicy: Always를 모든 초기화 컨테이너가 사이드카라는 뜻으로 받아들인다.',
  'mounts every volume read-write, ignoring volumeMounts[*].readOnly.': 'volumeMounts[*].readOnly를 무시하고 모든 볼륨을 읽기-쓰기로 마운트한다.',
  'treats a sidecar like any init container: waits for it to complete before the next one starts.': '사이드카를 여느 초기화 컨테이너처럼 다룬다. 다음 것을 시작하기 전에 끝나기를 기다린다.',
  'stops the sidecars after the app containers, but in the order they are declared.': '사이드카를 앱 컨테이너 뒤에 멈추지만, 선언된 순서대로 멈춘다.',
  'stops the sidecars together with the app containers, so an app may lose its proxy while it shuts down.': '사이드카를 앱 컨테이너와 함께 멈춰서, 앱이 종료하는 동안 프록시를 잃을 수 있다.',
  'creates a new Volume for each mount, so two containers never see the same files.': '마운트마다 새 Volume을 만들어서, 두 컨테이너가 결코 같은 파일을 보지 못한다.',
  // sandbox
  'creates the pod\'s UTS namespace but never sets the hostname the kubelet sent in the config.': '파드의 UTS 네임스페이스를 만들지만, kubelet이 config로 보낸 호스트 이름을 설정하지 않는다.',
  'checks the name before it makes the id, so a refused request uses up no id (containerd makes the id first).': 'ID를 만들기 전에 이름을 검사해서, 거부된 요청이 ID를 쓰지 않는다(containerd는 ID를 먼저 만든다).',
  'stops the pause process but never gives the IP back (no CNI DEL), so addresses leak.': 'pause 프로세스를 멈추지만 IP를 돌려주지 않아서(CNI DEL 없음) 주소가 샌다.',
  'frees the sandbox name when the sandbox stops, so a stopped sandbox and a new one share a name.': '샌드박스가 멈출 때 이름을 풀어 줘서, 중지된 샌드박스와 새 샌드박스가 이름을 나눠 쓴다.',
  "puts every pod's pause process into one shared network namespace, so pods share localhost and ports.": '모든 파드의 pause 프로세스를 공유 네트워크 네임스페이스 하나에 넣어서, 파드들이 localhost와 포트를 나눠 쓴다.',
  "spawns pause with net, uts, ipc and pid only, so it lands in the node's mount namespace.": 'pause를 net, uts, ipc, pid만으로 띄워서, pause가 노드의 마운트 네임스페이스에 들어간다.',
  "lists every sandbox whose id starts with the filter's id, so a shared prefix lists several.": 'ID가 필터의 ID로 시작하는 샌드박스를 모두 나열해서, 접두사가 같으면 여럿이 나온다.',
  'keeps a sandbox SANDBOX_READY until StopPodSandbox, though its pause process has died.': 'pause 프로세스가 죽었는데도 StopPodSandbox까지 샌드박스를 SANDBOX_READY로 둔다.',
  'forgets the sandbox record but leaves its containers (and their processes) behind.': '샌드박스 기록은 잊지만 그 컨테이너들(과 프로세스)은 남겨 둔다.',
  'answers an unknown id with a plain error (gRPC code Unknown), as the cri-api fake runtime does, not NotFound.': 'cri-api의 가짜 런타임처럼, 모르는 ID에 NotFound가 아닌 평범한 오류(gRPC code Unknown)로 답한다.',
  'treats a second stop, or an unknown id, as an error, though the CRI says stop is idempotent.': 'CRI는 중지가 멱등이라고 하는데도, 두 번째 중지나 모르는 ID를 오류로 다룬다.',
  // syncpod
  'starts every init container in the same sync, without waiting for the previous one to exit.': '앞의 것이 끝나기를 기다리지 않고, 모든 초기화 컨테이너를 같은 동기화에서 시작한다.',
  'asks ImageStatus before pulling even with imagePullPolicy Always, as kubelets before 1.32 did.': '1.32 이전의 kubelet처럼, imagePullPolicy Always인데도 pull하기 전에 ImageStatus를 묻는다.',
  'creates the container from the tag the Pod names instead of the image id the pull returned.': 'pull이 돌려준 이미지 ID가 아니라 파드가 적은 태그로 컨테이너를 만든다.',
  'starts the app containers first and creates the sandbox afterwards.': '앱 컨테이너를 먼저 시작하고 샌드박스를 나중에 만든다.',
  'records FailedCreatePodSandBox but goes on to pull and create containers anyway.': 'FailedCreatePodSandBox를 기록하고도 그대로 이어서 이미지를 pull하고 컨테이너를 만든다.',
  'turns a failed CreateContainer into CreateContainerError but records no "Failed" event, so describe shows nothing.':
    '실패한 CreateContainer를 CreateContainerError로 바꾸지만 "Failed" 이벤트를 기록하지 않아서, describe에 아무것도 나오지 않는다.',
  "starts a failed init container again whatever the pod's restartPolicy, so a Never pod retries forever instead of failing.":
    '파드의 restartPolicy와 상관없이 실패한 초기화 컨테이너를 다시 시작해서, Never 파드가 실패하는 대신 영원히 재시도한다.',
  'replaces a dead sandbox whenever podSandboxChanged says so, even for a restartPolicy Never pod whose containers have run.':
    '컨테이너가 이미 돌았던 restartPolicy Never 파드라도, podSandboxChanged가 그렇다고 하면 늘 죽은 샌드박스를 교체한다.',
  'replaces a broken sandbox without recording SandboxChanged, so `kubectl describe` never says why the pod restarted.':
    'SandboxChanged를 기록하지 않고 망가진 샌드박스를 교체해서, `kubectl describe`가 파드가 왜 다시 시작했는지 끝내 말하지 않는다.',
  'returns from the sync at the first app container that fails, so the others never start.': '처음 실패한 앱 컨테이너에서 동기화를 끝내서, 나머지는 결코 시작하지 않는다.',
  'pulls without asking ImageStatus first, so IfNotPresent pulls an image the node already has.': '먼저 ImageStatus를 묻지 않고 pull해서, IfNotPresent가 노드에 이미 있는 이미지를 pull한다.',
  'ignores the image back-off and pulls again on every sync.': '이미지 백오프를 무시하고 동기화마다 다시 pull한다.',
  'calls startContainer directly instead of the provided start(), so a crashing container is restarted at every sync, without back-off.':
    '제공된 start() 대신 startContainer를 직접 불러서, 크래시하는 컨테이너가 백오프 없이 동기화마다 다시 시작된다.',
  'puts only the runtime\'s own text in FailedCreatePodSandBox, without "rpc error: code = Unknown desc = ".':
    'FailedCreatePodSandBox에 "rpc error: code = Unknown desc = " 없이 런타임 자신의 텍스트만 넣는다.',
  "ignores a failed PodSandboxStatus after RunPodSandbox and goes on to create containers without the sandbox's IP.":
    'RunPodSandbox 뒤에 실패한 PodSandboxStatus를 무시하고, 샌드박스의 IP 없이 컨테이너를 만들어 나간다.',
  'treats a native sidecar like a regular init container and waits for it to exit.': '네이티브 사이드카를 일반 초기화 컨테이너처럼 다루고 끝나기를 기다린다.',
  'counts a native sidecar as started as soon as it runs, ignoring its startupProbe.': 'startupProbe를 무시하고, 네이티브 사이드카가 돌기 시작하자마자 시작된 것으로 친다.',
  'wraps CreateContainer and StartContainer in one try, so a failed start is reported as CreateContainerError.':
    'CreateContainer와 StartContainer를 try 하나로 감싸서, 실패한 시작이 CreateContainerError로 보고된다.',
  // pause
  're-creates a dead sandbox with the same attempt number, so its name is still reserved.': '죽은 샌드박스를 같은 시도 번호로 다시 만들어서, 그 이름이 아직 예약되어 있다.',
  'pause exits on any signal, so a stray SIGHUP takes the whole sandbox down.': 'pause가 어떤 시그널에도 종료해서, 엉뚱한 SIGHUP 하나가 샌드박스 전체를 내린다.',
  'treats a crashed container like a dead sandbox, and replaces the whole sandbox.': '크래시한 컨테이너를 죽은 샌드박스처럼 다루고, 샌드박스 전체를 교체한다.',
  'forgets that containers join the sandbox: each one gets a network, IPC and UTS namespace of its own.': '컨테이너가 샌드박스에 합류한다는 것을 잊는다. 컨테이너마다 자기 네트워크, IPC, UTS 네임스페이스를 받는다.',
  'pause handles SIGINT and SIGTERM but not SIGCHLD, so orphans in a shared PID namespace stay zombies.': 'pause가 SIGINT와 SIGTERM은 처리하지만 SIGCHLD는 처리하지 않아서, 공유 PID 네임스페이스의 고아 프로세스가 좀비로 남는다.',
  "puts every container in pause's PID namespace, as if shareProcessNamespace were the default.": 'shareProcessNamespace가 기본값인 것처럼, 모든 컨테이너를 pause의 PID 네임스페이스에 넣는다.',
  // airgap
  'sends a mirror the same URL as the registry, without ?ns=<registry>.': '미러에 ?ns=<registry> 없이 레지스트리와 같은 URL을 보낸다.',
  "the image GC ignores the runtime's pinned flag, so it deletes the pause image too.": '이미지 GC가 런타임의 pinned 플래그를 무시해서, pause 이미지까지 지운다.',
  'the image GC deletes the most recently used images first.': '이미지 GC가 가장 최근에 쓰인 이미지부터 지운다.',
  'words every pull the containerd 1.x way, even where 2.1+ pulls through the transfer service.': '2.1 이상이 transfer service를 거쳐 pull하는 곳에서도, 모든 pull을 containerd 1.x의 문구로 적는다.',
  'a 404 from a mirror ends the resolve with "not found" instead of asking the next host.': '미러의 404가 다음 호스트에 묻는 대신 "not found"로 resolve를 끝낸다.',
  'only a port or localhost marks a registry host, so registry.k8s.io/pause lands under docker.io.': '포트나 localhost만 레지스트리 호스트로 보아서, registry.k8s.io/pause가 docker.io 밑으로 간다.',
  "when every host fails, reports the last host's error (upstream's) instead of the first (the mirror's).": '모든 호스트가 실패하면, 첫 호스트(미러)의 오류 대신 마지막 호스트(업스트림)의 오류를 알린다.',
}
