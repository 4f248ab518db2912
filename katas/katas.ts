/**
 * The one list of katas. The kata CLI, the docs sidebar, the chapter links and the proof in
 * `npm test` all read it; nothing else names a kata.
 */

export interface Kata {
  /** Position in the book, from 1. Learners may type it: `npm run kata -- verify 1`. */
  number: number
  /** Short name learners may type: `npm run kata -- hint pods`. */
  slug: string
  /** Folder under katas/ and solutions/, e.g. `01-pods`. */
  folder: string
  /** What the learner builds, starting with a verb. */
  title: string
  /** The chapter this kata belongs to. */
  chapter: { title: string; page: string }
  /** The files the learner edits, relative to the kata folder; each has a twin in solutions/. */
  files: string[]
  /** The spec file, relative to the kata folder. */
  spec: string
  /** Hints from gentle to nearly the answer. `h` in the watch loop shows the next one. */
  hints: string[]
  /**
   * Which hint (its level, from 1) is about the specs of a describe group of the spec file,
   * keyed by the group's exact title: a failing spec offers its group's hint.
   */
  hintFor: Record<string, number>
}

export const KATAS: readonly Kata[] = [
  {
    number: 1,
    slug: 'pods',
    folder: '01-pods',
    title: 'Model a Pod: validation, shared namespaces, requests, fit',
    chapter: { title: 'Pods', page: '/chapters/01-pods' },
    files: ['pods.ts'],
    spec: 'pods.spec.ts',
    hints: [
      'Work through the file top to bottom: validatePod, then namespaceOptionsFor, effectiveRequests and ' +
        'insufficientResources. Each spec name says one rule; the failing one is shown with the value it expected.',
      'validatePod: build errors with required(), duplicate(), invalid() and notSupported() from ' +
        'machinery/api/field-errors.ts, and use isDNS1123Subdomain (Pod names) and isDNS1123Label (container names) ' +
        'from machinery/api/names.ts. Field paths look like spec.initContainers[0].name. Keep ONE set of names ' +
        'for containers and initContainers, filled with the app containers first.',
      'namespaceOptionsFor: network is NODE with hostNetwork, else POD; ipc is NODE with hostIPC, else POD; ' +
        'pid is NODE with hostPID, POD with shareProcessNamespace, and otherwise CONTAINER, because a ' +
        'process namespace is private to each container by default.',
      'effectiveRequests: sum containerRequests() over spec.containers; an ordinary init container runs ' +
        'alone, so the pod needs max(sum of app containers, largest init container), per resource ' +
        '(maxResources). A native sidecar (initContainers[*].restartPolicy: Always) keeps running: add it ' +
        'to the running sum, and count it beside every init container that starts after it. Where ' +
        'podLevelRequests(pod) has a cpu or memory (spec.resources), it replaces that resource\'s total. Add podOverhead(pod) last.',
      'insufficientResources: for cpu and memory, free = node.allocatable - node.requested; a resource the pod ' +
        'requests (more than 0) that is larger than free gives "Insufficient cpu" / "Insufficient memory".',
    ],
    hintFor: {
      'validatePod: what the API server rejects': 2,
      'namespaceOptionsFor: which namespaces the containers share': 3,
      'effectiveRequests: what the pod asks for as a whole': 4,
      'effectiveRequests with pod-level resources (spec.resources, beta since 1.34)': 4,
      'insufficientResources: a Pod is scheduled as one unit': 5,
    },
  },
  {
    number: 2,
    slug: 'composite',
    folder: '02-composite',
    title: 'Share a pod between containers: one network, shared volumes, native sidecar order',
    chapter: { title: 'Composite containers', page: '/chapters/02-composite-containers' },
    files: ['composite.ts'],
    spec: 'composite.spec.ts',
    hints: [
      'Start with startPod; the first specs only need volumes, the next ones the network. Create what the pod ' +
        'shares ONCE, before the loop over containers, and hand the same objects to every container. The ' +
        'programs in machinery/kernel/programs.ts (gitSync, nginx, redisAmbassador, …) then just work.',
      'startPod, volumes: new Volume(name) once per entry of spec.volumes, in a Map by name. Each container gets ' +
        'new ContainerFiles(mounts) with a Mount only for ITS OWN volumeMounts: { path: m.mountPath, volume: ' +
        'volumes.get(m.name), readOnly: m.readOnly ?? false }. A container without a volumeMount does not see the volume.',
      'startPod, namespaces: net = spec.hostNetwork ? nodeNetwork(kernel) : kernel.createNetworkNamespace(); uts ' +
        'likewise (kernel.host.uts, or kernel.createNamespace(\'uts\') followed by setHostname(uts, spec.hostname ?? ' +
        'pod name)); ipc is kernel.host.ipc with hostIPC, else one new one. pid and mnt: a new one per container ' +
        '(pid shared only with shareProcessNamespace). Then kernel.spawn(container.image, { net, ipc, uts, pid, mnt }).',
      'Which containers run: the native sidecars (initContainers whose OWN restartPolicy is \'Always\'), then ' +
        'spec.containers. startOrder: walk initContainers in order, push `${name} started`, and for a regular ' +
        'init container also `${name} completed` before the next one; then `${name} started` for each app container.',
      'stopOrder: regular init containers are no longer running. First one group with every app container ' +
        '(they stop together), then each sidecar in a group of its own, in REVERSE spec order: ' +
        '[apps, [lastSidecar], …, [firstSidecar]].',
    ],
    hintFor: {
      'startPod: a volume shared by a sidecar and the main container': 2,
      'startPod: one localhost for the whole pod (the ambassador)': 3,
      'startPod: an adapter next to the app (the adapter)': 2,
      'startPod: what the containers of a pod share, and what they do not': 3,
      "startPod: hostNetwork puts the pod in the node's network": 3,
      'startOrder: init containers one by one, then the app containers': 4,
      'stopOrder: app containers first, then the sidecars in reverse order': 5,
    },
  },
  {
    number: 3,
    slug: 'sandbox',
    folder: '03-sandbox',
    title: 'Run, stop, remove, inspect and list PodSandboxes, as containerd does',
    chapter: { title: 'The PodSandbox', page: '/chapters/03-podsandbox' },
    files: ['sandbox.ts'],
    spec: 'sandbox.spec.ts',
    hints: [
      'Start with runPodSandbox and podSandboxStatus: most specs run a sandbox and read its status back. ' +
        'Keep one SandboxRecord per sandbox in this.sandboxes, keyed by its id (node.ids.next()).',
      'runPodSandbox: sandboxNamespaceOptions(config) says what to create. network NODE means kernel.host.net and ' +
        'kernel.host.uts and no IP; otherwise kernel.createNetworkNamespace() (set pinned = true, the runtime ' +
        "bind-mounts it), a new uts namespace with setHostname(uts, config.hostname), and node.ipam.allocate(id), added " +
        "to net.addresses. ipc and pid: NODE means the node's, anything else a new namespace. Then kernel.spawn('/pause', " +
        "{ net, uts, ipc, pid, mnt: kernel.createNamespace('mnt') }): a namespace you leave out is the node's.",
      'The name is `${name}_${namespace}_${uid}_${attempt}` from config.metadata. It stays reserved until the ' +
        'sandbox is removed, stopped or not: a clash throws GrpcError("Unknown", `failed to reserve sandbox name ' +
        '"<name>": name "<name>" is reserved for "<existing id>"`). containerd calls node.ids.next() BEFORE it ' +
        'checks the name, so a refused request still uses up an id.',
      'Look sandboxes up with resolveId(this.sandboxes.keys(), idOrPrefix). A PrefixError of kind "not-found" ' +
        'means unknown: stop and remove then return {} (they are idempotent), status throws ' +
        'GrpcError("NotFound", "an error occurred when try to find sandbox: not found"). With verbose, info is ' +
        '{ info: JSON.stringify({ pid, processStatus, netNamespaceClosed: !net.alive }) }: the pause pid and "running" ' +
        'while it runs, 0 and "deleted" once it is gone. containerd\'s exit monitor makes a sandbox whose pause died ' +
        'SANDBOX_NOTREADY without any Stop: check node.kernel.processes.get(pausePid)?.state before you report (status ' +
        'and list). Its IP stays: the pinned netns is still alive.',
      'stopPodSandbox: node.containers.stop() each container in the sandbox, kernel.exit(pausePid, 137), and for a ' +
        "pod-network sandbox only (never the node's own network) ipam.release(id), delete the IP from net.addresses " +
        'and kernel.unpin(net); state SANDBOX_NOTREADY. The status ' +
        "then reports ip '' because the network namespace is gone (net.alive is false). removePodSandbox: stop " +
        'first, node.containers.remove() each one left, then delete the record. listPodSandbox: filter by ' +
        'id (resolveId; if it throws — unknown, or a prefix several ids share — compare the filter as it is with each ' +
        'full id, which matches nothing), state.state and every labelSelector entry.',
    ],
    hintFor: {
      'runPodSandbox: create and start the pod-level sandbox': 2,
      'podSandboxStatus: what crictl inspectp shows': 4,
      'stopPodSandbox: reclaim the sandbox, keep its record': 5,
      'removePodSandbox: forget the sandbox and everything in it': 5,
      'listPodSandbox: what crictl pods shows': 5,
    },
  },
  {
    number: 4,
    slug: 'syncpod',
    folder: '04-syncpod',
    title: "Write the kubelet's SyncPod: sandbox first, then pull, create, start — and the events",
    chapter: { title: 'The CRI sequence', page: '/chapters/04-cri-sequence' },
    files: ['sync-pod.ts'],
    spec: 'sync-pod.spec.ts',
    hints: [
      'Start with syncPod and startContainer: most specs only need the happy path. syncPod calls ' +
        'computePodActions, then cri.runPodSandbox({ config: generatePodSandboxConfig(pod, actions.attempt, ' +
        'this.deps.namespaceOptionsFor(pod)) }) when ' +
        'actions.createSandbox, then cri.podSandboxStatus, then this.start(...) for each index in ' +
        'initContainersToStart and containersToStart (start() also holds back a container that keeps crashing: do not ' +
        'call startContainer yourself). For a first version of computePodActions, copy what ' +
        'this.deps.podSandboxChanged(pod, status) says and start every app container.',
      'startContainer is three CRI calls with an event after each: ensureImageExists → imageRef; ' +
        'cri.createContainer({ podSandboxId, config: generateContainerConfig(cri, pod, container, restartCount, imageRef, ' +
        'this.deps.namespaceOptionsFor(pod)), ' +
        'sandboxConfig }) → Created "Container created"; cri.startContainer({ containerId }) → Started "Container started". ' +
        'Record them with containerEvent(this.deps.recorder, container, pod, kind)(type, reason, message).',
      'ensureImageExists: image = withDefaultTag(container.image). With IfNotPresent or Never, cri.imageStatus({ image: ' +
        '{ image } }) first; with Always, no ImageStatus: pull straight away. Pull when the policy is Always, or ' +
        'IfNotPresent and ImageStatus said null. Otherwise: present → Pulled ' +
        '"Container image \"<image as written>\" already present on machine and can be accessed by the pod" and return its id; absent with Never → ' +
        'Warning ErrImageNeverPull and throw new StartError("ErrImageNeverPull", message). Messages quote the image ' +
        'as the Pod spec wrote it (container.image), not the one with :latest added.',
      'The pull: Pulling "Pulling image \"<image>\"", remember now(), cri.pullImage({ image: { image }, sandboxConfig }), ' +
        'then cri.imageStatus({ image: { image } }) again for the size, and Pulled "Successfully pulled image ' +
        '\"<image>\" in <d> (<d> including waiting). Image size: <size> bytes." where d = goDuration(now() - start). ' +
        'A failed pull: Warning Failed "Failed to pull image \"<image>\": <error.message>", imageBackOff.next(key), ' +
        'throw StartError("ErrImagePull", error.message). Before pulling, if imageBackOff.isInBackOffSinceUpdate(key) ' +
        '(key = `${uid}_${container.image}`): Normal BackOff "Back-off pulling image \"<image>\"" and ImagePullBackOff, ' +
        'whose message adds the last pull error: `Back-off pulling image "<image>": ErrImagePull: <error>` (keep it in ' +
        'this.lastPullError when a pull fails). ' +
        'startContainer turns a StartError from here into Warning Failed "Error: <reason>".',
      'A failed RunPodSandbox ends the sync: record Warning FailedCreatePodSandBox "Failed to create pod sandbox: ' +
        '<error.message>" (the message is already "rpc error: code = … desc = …") and return [{ action: ' +
        "'CreatePodSandbox', target: podFullName(pod), error: 'CreatePodSandboxError', message: `Failed to create sandbox " +
        'for pod "${podFullName(pod)}": ${error.message}` }]. A failed PodSandboxStatus right after it ends the sync too: ' +
        'Warning FailedPodSandBoxStatus "Unable to get pod sandbox status: <error.message>" and a result with an error ' +
        "(e.g. { action: 'SyncPod', target: podFullName(pod), error: 'SyncError', message }). A failed init container " +
        '(not a sidecar) also ends it. Before any of this, when actions.createSandbox and actions.sandboxId: Normal ' +
        'SandboxChanged "Pod sandbox changed, it will be killed and re-created."',
      'startContainer when the runtime says no: catch around cri.createContainer → Warning Failed `Error: ${grpcDesc(error)}` ' +
        "and throw new StartError('CreateContainerError', grpcDesc(error)); catch around cri.startContainer (after the Created " +
        "event) → the same event and StartError('RunContainerError', …). Two separate catches: the reason says which step failed.",
      'computePodActions when podSandboxChanged says changed: with restartPolicy Never, attempt !== 0 and any ' +
        'status.containerStatuses → createSandbox = false and return (only killPod). The app containers to start are all ' +
        'but, under OnFailure, those that exited 0; none left and an app container was ever created → createSandbox = ' +
        'false. Else initContainersToStart = [0] if there are init containers, or containersToStart.',
      'computePodActions with a good sandbox (the kubelet\'s computeInitContainerActions): walk init containers from the ' +
        'LAST to the first. No status: skip. Exited 0 (regular): the last one means initialized, else start i + 1. Running ' +
        'regular: wait. Running sidecar that has started (no startupProbe, or this.deps.startupManager?.get(id) === ' +
        "'Success'): the last one means initialized, else start i + 1 unless an earlier-found one is done already. Failed " +
        "regular: start it again, or with restartPolicy Never set killPod, start nothing, return. Once one with a status " +
        'is handled, the earlier regular ones are done, and only sidecars (not running: start again) still matter. None ' +
        'had a status: start 0. Initialized: every app container not running that may restart; none running and none to ' +
        'start → killPod.',
    ],
    hintFor: {
      'syncPod: the calls, in order': 1,
      'syncPod: events': 2,
      'imagePullPolicy': 3,
      'when the sandbox cannot be created': 5,
      'when an app image cannot be pulled': 4,
      'init containers': 8,
      'when the sandbox has to be replaced': 5,
      'when PodSandboxStatus fails': 5,
      'when the runtime refuses a container': 6,
      'when a container keeps crashing': 1,
      'restartPolicy and init containers, as computePodActions decides': 7,
      'computePodActions': 8,
    },
  },
  {
    number: 5,
    slug: 'pause',
    folder: '05-pause',
    title: 'Keep the pod alive with pause: sandbox death versus a container crash, and zombie reaping',
    chapter: { title: 'The pause container', page: '/chapters/05-pause-container' },
    files: ['pause.ts'],
    spec: 'pause.spec.ts',
    hints: [
      'Work top to bottom: podSandboxChanged (the kubelet asks it before every sync, so nothing runs without it), ' +
        'then pauseProgram (no sandbox comes up without it), then containerNamespaces. Each spec name says one fact ' +
        'of a real node.',
      'podSandboxChanged: the newest sandbox is status.sandboxStatuses[0]. None: { changed: true, attempt: 0, sandboxId: \'\' }. ' +
        "Otherwise next = 1 + the highest metadata.attempt of all of them; changed (with next and the newest id) when more than " +
        "one is SANDBOX_READY, when the newest is not SANDBOX_READY, or when it has no network.ip and the pod is not " +
        'hostNetwork. Else { changed: false, attempt: newest.metadata.attempt, sandboxId: newest.id }. Containers do not matter.',
      "pauseProgram: set process.stderr = [] and process.handlers = { SIGINT, SIGTERM, SIGCHLD }. SIGINT and SIGTERM " +
        "push `Shutting down, got signal: ${SIGNAL_DESCRIPTIONS[signal]}` and kernel.exit(process.pid, 0). Do not add a " +
        'handler for anything else: a PID 1 without a handler is not killed by the kernel.',
      'The SIGCHLD handler is pause.c\'s `while (waitpid(-1, NULL, WNOHANG) > 0);`: while (kernel.waitAny(process.pid) > 0). ' +
        "And if kernel.pidInNamespace(process.pid) !== 1, push 'Warning: pause should be the first process' (a hostPID pod).",
      "containerNamespaces: return { net: pause.namespaces.net, ipc: pause.namespaces.ipc, uts: pause.namespaces.uts, pid, " +
        "mnt: kernel.createNamespace('mnt') } where pid is pause.namespaces.pid with options.pid === 'POD', kernel.host.pid " +
        "with 'NODE', and kernel.createNamespace('pid') otherwise.",
    ],
    hintFor: {
      'the kubelet’s decision: podSandboxChanged': 2,
      'the pause program (pause.c)': 3,
      'containers join the sandbox through pause': 5,
      'zombies': 4,
      'a container that crashes: the same sandbox': 2,
      'a pause that dies: a new sandbox': 2,
    },
  },
  {
    number: 6,
    slug: 'airgap',
    folder: '06-airgap',
    title: 'Fix the air-gapped node: references, mirrors, pulls, import and pinned images',
    chapter: { title: 'Air-gapped (capstone)', page: '/chapters/06-air-gapped' },
    files: ['images.ts'],
    spec: 'images.spec.ts',
    hints: [
      'Work top to bottom: normalizeReference, then Resolver (hosts, manifestURL, resolve), pullImage, ' +
        'sandboxImageError, criLabels, imagesToFree. The last specs replay chapter 6 on a whole node with your ' +
        'file in it; they pass once the pieces above them do. The network is provided: network.head(url) answers ' +
        "{ kind: 'found', manifest }, { kind: 'not-found' } or { kind: 'failed', error, code }.",
      'normalizeReference: parseReference(reference) splits off tag and digest. The part before the first "/" is a ' +
        'registry only if it contains "." or ":" or is "localhost" — so pause:3.9 is docker.io/library/pause:3.9. ' +
        'On docker.io a one-part path goes under library/; no tag means :latest; with a digest, keep only the digest.',
      "Resolver.hosts: (this.hostsDir[registry] ?? this.hostsDir['_default'] ?? []).map(endpointHost), then the " +
        "registry: { scheme: 'https', host: registry, path: '/v2' }, with registry-1.docker.io for docker.io. manifestURL: " +
        '`${scheme}://${host}${path}/${repository}/manifests/${object}` from splitNormalized, plus `?ns=${domain}` ' +
        'when host is not the registry itself (registry-1.docker.io counts as docker.io).',
      "Resolver.resolve: loop over the hosts; 'found' returns the manifest, 'not-found' continues, 'failed' keeps " +
        '`new GoError(`failed to do request: Head "${url}": ${error}`, code)` if nothing was kept yet, and continues. ' +
        "After the loop throw what you kept, or notFound(normalized). With this.errors === 'furthest', a 404 replaces " +
        'a kept network failure with notFound(normalized).',
      'pullImage: catch the GoError from resolver.resolve and throw wrap(`failed to pull and unpack image "${n}"`, ' +
        'wrap(profile.transferService ? \'failed to resolve image\' : `failed to resolve reference "${n}"`, error)). ' +
        'sandboxImageError: p = wrap(`failed to pull image "${image}"`, pullError); before-network → wrap(`failed to ' +
        'get sandbox image "${image}"`, p); after-network → wrap(`failed to start sandbox "${id}"`, that); before-start → p.',
      "criLabels: { [MANAGED_LABEL]: 'managed' }, plus [PINNED_LABEL]: 'pinned' when pinning && name === " +
        'normalizeReference(sandboxImage). imagesToFree: filter out inUse and pinned, sort by lastUsed then ' +
        'firstDetected, then walk: break once freed >= bytesToFree, skip lastUsed >= now and now - firstDetected < ' +
        'minAgeMs, push the id and add its size.',
    ],
    hintFor: {
      'normalizeReference: the name containerd stores and pulls': 2,
      'Resolver.hosts: where a pull goes': 3,
      'Resolver.manifestURL: the request': 3,
      'Resolver.resolve: one HEAD per host, until one has the image': 4,
      'pullImage: the links containerd’s CRI PullImage adds': 5,
      'sandboxImageError: the links RunPodSandbox adds': 5,
      'criLabels: what the CRI plugin pins': 6,
      'imagesToFree: the kubelet’s image GC': 6,
      'capstone: the incident, on a node running your image half': 1,
    },
  },
]
