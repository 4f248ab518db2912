/**
 * The chapters' story, replayed step by step against a backend (the real containerd or the
 * simulator) through the same CRI client. Each scenario returns what it observed — the parts a
 * reader would compare — and a transcript of what the runtime answered, for the lab page.
 * Scenarios run in order and build on each other, as on a node: the air gap, the import, the
 * network, then pods.
 */
import type { PodSandboxStatusResponse } from '../machinery/runtime/cri.ts'
import { CriError } from './cri-client.ts'
import { ensureLogDirectory, NAMESPACES, type Backend, type PsRow } from './backends.ts'
import { APP_IMAGE, PAUSE_IMAGE, PAUSE_NOREAP_IMAGE, type LabImage } from './images/build-images.ts'
import { appConfig, sandboxConfig, type PodShape } from './pods.ts'

export const MIRROR = 'http://127.0.0.1:5000'

export interface LabImages {
  pause: LabImage
  pauseNoReap: LabImage
  app: LabImage
}

/** What one backend remembers between scenarios: its pods. */
export interface RunState {
  images: LabImages
  pods: Map<string, { shape: PodShape; sandboxId: string; ip: string; appId?: string; appPid?: number }>
}

export interface Outcome {
  /** The facts compared between the two runtimes. */
  observed: Record<string, unknown>
  /** What was called and what came back, as a reader would see it. */
  transcript: string[]
}

export interface Scenario {
  id: string
  title: string
  chapter: string
  /** The same steps on a real node, with crictl and ctr. */
  commands: string[]
  /** Set when the simulator does not model this: why. The scenario then runs on containerd only. */
  realOnly?: string
  run(backend: Backend, state: RunState): Promise<Outcome>
}

/** A failed call as the kubelet sees it: the gRPC code and the runtime's text. */
async function failure(call: Promise<unknown>): Promise<{ code: string; details: string } | 'succeeded'> {
  try {
    await call
    return 'succeeded'
  } catch (error) {
    if (error instanceof CriError) return { code: error.code, details: error.details }
    throw error
  }
}

function said(outcome: { code: string; details: string } | 'succeeded'): string {
  return outcome === 'succeeded' ? 'ok' : `rpc error: code = ${outcome.code} desc = ${outcome.details}`
}

function shortId(id: string): string {
  return id.slice(0, 13)
}

async function startPod(backend: Backend, state: RunState, shape: PodShape): Promise<{ sandboxId: string; status: PodSandboxStatusResponse }> {
  ensureLogDirectory(backend, `default_${shape.name}_podkata-lab-${shape.name}`)
  const { podSandboxId } = await backend.cri.runPodSandbox({ config: sandboxConfig(shape, backend.logRoot) })
  const status = await backend.cri.podSandboxStatus({ podSandboxId, verbose: true })
  state.pods.set(shape.name, { shape, sandboxId: podSandboxId, ip: status.status.network.ip })
  return { sandboxId: podSandboxId, status }
}

async function startApp(backend: Backend, state: RunState, podName: string, attempt: number, script: string): Promise<{ id: string; pid: number }> {
  const pod = state.pods.get(podName)!
  const config = sandboxConfig(pod.shape, backend.logRoot)
  const { containerId } = await backend.cri.createContainer({ podSandboxId: pod.sandboxId, config: appConfig(pod.shape, 'app', attempt, script), sandboxConfig: config })
  await backend.cri.startContainer({ containerId })
  const pid = await backend.containerPid(containerId)
  Object.assign(pod, { appId: containerId, appPid: pid })
  return { id: containerId, pid }
}

function pausePid(status: PodSandboxStatusResponse): number {
  return (JSON.parse(status.info['info'] ?? '{}') as { pid?: number }).pid ?? 0
}

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: still not so after ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The process table with parents named instead of numbered, since PIDs differ between runtimes. */
function processTree(rows: PsRow[]): string[] {
  const byPid = new Map(rows.map((row) => [row.pid, row]))
  return rows.map((row) => `${row.comm} (pid ${row.pid === 1 ? 1 : 'n'}, parent ${row.ppid === 0 ? '-' : (byPid.get(row.ppid)?.comm ?? '?')}${row.ppid === 1 ? ' pid 1' : ''}, ${row.stat.startsWith('Z') ? 'zombie' : 'alive'})`)
}

function psText(rows: PsRow[]): string[] {
  return ['PID   PPID  STAT  COMMAND', ...rows.map((r) => `${String(r.pid).padEnd(5)} ${String(r.ppid).padEnd(5)} ${r.stat.padEnd(5)} ${r.comm}`)]
}

const ORPHAN_SCRIPT = 'sh -c "sleep 2 &"; exec sleep 3600'

export const SCENARIOS: Scenario[] = [
  {
    id: 'airgap',
    title: 'Air-gapped RunPodSandbox',
    chapter: '6',
    commands: ['crictl images', 'crictl runp airgap-pod.json'],
    async run(backend) {
      const { images } = await backend.cri.listImages()
      const run = await failure(backend.cri.runPodSandbox({ config: sandboxConfig({ name: 'airgap' }, backend.logRoot) }))
      return {
        observed: { imagesBefore: images.length, runPodSandbox: run },
        transcript: ['$ crictl images', `(${images.length} images)`, '$ crictl runp airgap-pod.json', said(run)],
      }
    },
  },
  {
    id: 'import',
    title: 'Import the exact sandbox image',
    chapter: '6',
    commands: ['ctr -n k8s.io images import pause.tar', 'crictl images --pinned', 'crictl pull registry.k8s.io/pause:3.6'],
    async run(backend, state) {
      const imported = [await backend.importImage(state.images.pause), await backend.importImage(state.images.app)]
      const { images } = await backend.cri.listImages()
      const listed = images.map((i) => ({ repoTags: i.repoTags, pinned: i.pinned })).sort((a, b) => (a.repoTags[0] ?? '').localeCompare(b.repoTags[0] ?? ''))
      // PullImage always asks the registry, even for an image that is there.
      const pull = await failure(backend.cri.pullImage({ image: { image: PAUSE_IMAGE } }))
      return {
        observed: { images: listed, pullWhilePresent: pull },
        transcript: [
          '$ ctr -n k8s.io images import pause.tar',
          imported[0]!,
          '$ ctr -n k8s.io images import busybox.tar',
          imported[1]!,
          '$ crictl images --pinned',
          ...listed.map((i) => `${i.repoTags.join(', ')}  pinned: ${i.pinned}`),
          `$ crictl pull ${PAUSE_IMAGE}`,
          said(pull),
        ],
      }
    },
  },
  {
    id: 'cni-not-initialized',
    title: 'No CNI config yet: cni plugin not initialized',
    chapter: '3',
    commands: ['crictl runp pod.json', 'crictl info   # .status.conditions', 'crictl stopp <pod-id>'],
    realOnly: 'the simulated runtime always has its pod network, so it cannot be without a CNI config',
    async run(backend, state) {
      const shape = { name: 'no-cni' }
      ensureLogDirectory(backend, `default_no-cni_podkata-lab-no-cni`)
      const run = await failure(backend.cri.runPodSandbox({ config: sandboxConfig(shape, backend.logRoot) }))
      const { status } = await backend.cri.status()
      const network = status.conditions.find((c) => c.type === 'NetworkReady')
      const { items } = await backend.cri.listPodSandbox({ filter: { labelSelector: { 'io.kubernetes.pod.name': 'no-cni' } } })
      const stuck = items[0]
      const stop = stuck ? await failure(backend.cri.stopPodSandbox({ podSandboxId: stuck.id })) : 'succeeded'
      if (stuck) state.pods.set('no-cni', { shape, sandboxId: stuck.id, ip: '' })
      return {
        observed: { runPodSandbox: run, networkReady: network, leftBehind: stuck?.state ?? 'nothing', stopPodSandbox: stop },
        transcript: [
          '$ crictl runp pod.json',
          said(run),
          '$ crictl info   # NetworkReady',
          JSON.stringify(network),
          '$ crictl pods',
          ...items.map((i) => `${shortId(i.id)}  ${i.metadata.name}  ${i.state}`),
          `$ crictl stopp ${stuck ? shortId(stuck.id) : ''}`,
          said(stop),
        ],
      }
    },
  },
  {
    id: 'host-network',
    title: 'Host network: no CNI needed',
    chapter: '3',
    commands: ['crictl runp hostnet-pod.json   # namespace_options.network: NODE, no hostname', 'crictl inspectp <pod-id>', 'crictl stopp <pod-id> && crictl rmp <pod-id>'],
    async run(backend, state) {
      const { sandboxId, status } = await startPod(backend, state, { name: 'hostnet', hostNetwork: true })
      const pause = pausePid(status)
      const inNodeNetwork = backend.namespaces(pause).net === backend.nodeNetNamespace()
      const stop = await failure(backend.cri.stopPodSandbox({ podSandboxId: sandboxId }))
      const remove = await failure(backend.cri.removePodSandbox({ podSandboxId: sandboxId }))
      state.pods.delete('hostnet')
      const s = status.status
      const transcript: string[] = []
      if (backend.kind === 'containerd') {
        // What happens when a client sets a hostname anyway (the kubelet never does for hostNetwork).
        const named = sandboxConfig({ name: 'hostnet-named', hostNetwork: true }, backend.logRoot)
        ensureLogDirectory(backend, 'default_hostnet-named_podkata-lab-hostnet-named')
        const withHostname = await failure(backend.cri.runPodSandbox({ config: { ...named, hostname: 'hostnet-named' } }))
        const left = (await backend.cri.listPodSandbox({ filter: { labelSelector: { 'io.kubernetes.pod.name': 'hostnet-named' } } })).items
        for (const item of left) await backend.cri.removePodSandbox({ podSandboxId: item.id })
        transcript.push('$ crictl runp hostnet-pod-with-hostname.json', said(withHostname))
      }
      return {
        observed: { state: s.state, ip: s.network.ip, network: s.linux.namespaces.options.network, pauseInNodeNetwork: inNodeNetwork, stop, remove },
        transcript: [
          ...transcript,
          '$ crictl runp hostnet-pod.json',
          sandboxId,
          '$ crictl inspectp  # state, network.ip, namespace options',
          `${s.state}  ip: "${s.network.ip}"  network: ${s.linux.namespaces.options.network}`,
          `pause (pid ${pause}) is in the node's network namespace: ${inNodeNetwork}`,
          '$ crictl stopp && crictl rmp',
          `${said(stop)}, ${said(remove)}`,
        ],
      }
    },
  },
  {
    id: 'bridge',
    title: 'Bridge CNI: a pod IP',
    chapter: '3',
    commands: ['cp 10-bridge.conflist /etc/cni/net.d/', 'crictl info   # NetworkReady true', 'crictl runp pod.json', "crictl inspectp -o go-template --template '{{.status.network.ip}}' <pod-id>"],
    async run(backend, state) {
      await backend.enablePodNetwork()
      const transcript = ['$ cp 10-bridge.conflist /etc/cni/net.d/', '$ crictl info   # NetworkReady', 'true']
      // The sandbox stuck without a network can go now that CNI can tear it down.
      const stuck = state.pods.get('no-cni')
      if (stuck) {
        await backend.cri.stopPodSandbox({ podSandboxId: stuck.sandboxId })
        await backend.cri.removePodSandbox({ podSandboxId: stuck.sandboxId })
        state.pods.delete('no-cni')
        transcript.push(`$ crictl stopp ${shortId(stuck.sandboxId)} && crictl rmp ${shortId(stuck.sandboxId)}`, 'ok (the stuck sandbox can be removed now)')
      }
      const { sandboxId, status } = await startPod(backend, state, { name: 'web' })
      const s = status.status
      transcript.push('$ crictl runp pod.json', sandboxId, '$ crictl inspectp  # state, network.ip', `${s.state}  ip: ${s.network.ip}`)
      return { observed: { state: s.state, ip: s.network.ip, network: s.linux.namespaces.options.network }, transcript }
    },
  },
  {
    id: 'app-joins-pause',
    title: "An app container joins pause's namespaces",
    chapter: '5',
    commands: ['crictl create <pod-id> container.json pod.json', 'crictl start <container-id>', 'crictl inspect <container-id>   # .info.pid', 'ls -l /proc/<pid>/ns/'],
    async run(backend, state) {
      const pod = state.pods.get('web')!
      const status = await backend.cri.podSandboxStatus({ podSandboxId: pod.sandboxId, verbose: true })
      const pause = pausePid(status)
      const app = await startApp(backend, state, 'web', 0, 'echo hello from app; exec sleep 3600')
      const { status: container } = await backend.cri.containerStatus({ containerId: app.id })
      const pauseNs = backend.namespaces(pause)
      const appNs = backend.namespaces(app.pid)
      const shared = Object.fromEntries(NAMESPACES.map((type) => [type, pauseNs[type] === appNs[type]]))
      const transcript = [
        '$ crictl create && crictl start',
        app.id,
        `$ crictl inspect  # ${container.state}`,
        ...NAMESPACES.map((type) => `${type}: pause ${pauseNs[type]}  app ${appNs[type]}  ${shared[type] ? 'shared' : 'its own'}`),
      ]
      if (backend.kind === 'containerd') {
        const exec = await backend.cri.execSync({ containerId: app.id, cmd: ['ip', '-o', '-4', 'addr', 'show', 'eth0'], timeout: 10 })
        transcript.push('$ crictl exec <container-id> ip -o -4 addr show eth0', exec.stdout.toString('utf8').trim().replace(/\s+/g, ' '))
      }
      return { observed: { state: container.state, sharedWithPause: shared }, transcript }
    },
  },
  {
    id: 'app-crash',
    title: 'The app crashes: same sandbox, same IP',
    chapter: '5',
    commands: ['kill -9 <app pid>', 'crictl ps -a', 'crictl inspectp <pod-id>   # still SANDBOX_READY, same IP', 'crictl create <pod-id> container.json pod.json   # attempt 1'],
    async run(backend, state) {
      const pod = state.pods.get('web')!
      backend.kill(pod.appPid!)
      const { status: exited } = await waitFor('the app exits', () => backend.cri.containerStatus({ containerId: pod.appId! }), (r) => r.status.state === 'CONTAINER_EXITED')
      const sandbox = (await backend.cri.podSandboxStatus({ podSandboxId: pod.sandboxId })).status
      const restarted = await startApp(backend, state, 'web', 1, 'exec sleep 3600')
      const { status: again } = await backend.cri.containerStatus({ containerId: restarted.id })
      return {
        observed: {
          exited: { state: exited.state, exitCode: exited.exitCode, reason: exited.reason },
          sandbox: { state: sandbox.state, sameIp: sandbox.network.ip === pod.ip },
          restarted: { state: again.state, attempt: again.metadata.attempt },
        },
        transcript: [
          '$ kill -9 <app pid>',
          `$ crictl ps -a  # app attempt 0: ${exited.state} exit code ${exited.exitCode} (${exited.reason})`,
          `$ crictl inspectp  # ${sandbox.state}  ip: ${sandbox.network.ip} (was ${pod.ip})`,
          `$ crictl create && crictl start  # app attempt ${again.metadata.attempt}: ${again.state}`,
        ],
      }
    },
  },
  {
    id: 'sandbox-death',
    title: 'pause dies: a new sandbox, a new IP',
    chapter: '5',
    commands: ['kill -9 <pause pid>', 'crictl pods   # SANDBOX_NOTREADY', 'crictl stopp <pod-id>', 'crictl runp pod.json   # metadata.attempt: 1'],
    async run(backend, state) {
      const pod = state.pods.get('web')!
      const before = await backend.cri.podSandboxStatus({ podSandboxId: pod.sandboxId, verbose: true })
      backend.kill(pausePid(before))
      const dead = (await waitFor('the sandbox is NOTREADY', () => backend.cri.podSandboxStatus({ podSandboxId: pod.sandboxId }), (r) => r.status.state === 'SANDBOX_NOTREADY')).status
      const app = (await backend.cri.containerStatus({ containerId: pod.appId! })).status
      // The kubelet's part (computePodActions: the sandbox changed): kill the pod, then a new
      // sandbox with attempt + 1. The old one is garbage-collected later.
      await backend.cri.stopContainer({ containerId: pod.appId!, timeout: 0 })
      await backend.cri.stopPodSandbox({ podSandboxId: pod.sandboxId })
      const old = pod
      const { sandboxId, status } = await startPod(backend, state, { name: 'web', attempt: 1 })
      await backend.cri.removePodSandbox({ podSandboxId: old.sandboxId })
      const s = status.status
      return {
        observed: {
          oldSandbox: dead.state,
          appWhenPauseDied: app.state,
          newSandbox: { state: s.state, attempt: s.metadata.attempt, ip: s.network.ip, ipChanged: s.network.ip !== old.ip },
        },
        transcript: [
          '$ kill -9 <pause pid>',
          `$ crictl pods  # ${shortId(old.sandboxId)} ${dead.state}; the app is ${app.state}`,
          '$ crictl stopp (the kubelet: SandboxChanged, kill the pod)',
          `$ crictl runp pod.json  # attempt ${s.metadata.attempt}`,
          `${shortId(sandboxId)}  ${s.state}  ip: ${s.network.ip} (was ${old.ip})`,
        ],
      }
    },
  },
  {
    id: 'orphan-reaping',
    title: 'pause reaps an orphan (shared PID namespace)',
    chapter: '5',
    commands: [
      'crictl runp shared-pid-pod.json   # namespace_options.pid: POD',
      `crictl create <pod-id> orphan.json shared-pid-pod.json   # command: sh -c '${ORPHAN_SCRIPT}'`,
      'crictl start <container-id>',
      'crictl exec <container-id> ps -o pid,ppid,stat,comm',
    ],
    async run(backend, state) {
      await startPod(backend, state, { name: 'shared', sharePid: true })
      const app = await startApp(backend, state, 'shared', 0, ORPHAN_SCRIPT)
      // On a busy machine the shells take a little longer: look again, a few times, before
      // concluding that there is no orphan yet, or that it is still there.
      const orphan = (rows: PsRow[]) => rows.find((r) => r.ppid === 1 && r.comm === 'sleep')
      let earlyAt = 500
      let early = await backend.psAfter(app.id, earlyAt)
      while (!orphan(early) && earlyAt < 1_500) early = await backend.psAfter(app.id, (earlyAt += 250))
      let lateAt = 2_700
      let late = await backend.psAfter(app.id, lateAt)
      while (orphan(late) && !orphan(late)!.stat.startsWith('Z') && lateAt < 6_000) late = await backend.psAfter(app.id, (lateAt += 300))
      return {
        observed: { whileOrphanRuns: processTree(early), afterOrphanExits: processTree(late) },
        transcript: [
          `$ crictl exec <app> ps -o pid,ppid,stat,comm   # at ${earlyAt / 1000} s`,
          ...psText(early),
          `$ crictl exec <app> ps -o pid,ppid,stat,comm   # at ${lateAt / 1000} s, after the orphan's sleep 2`,
          ...psText(late),
        ],
      }
    },
  },
  {
    id: 'mirror',
    title: 'The fix through a private mirror (hosts.toml)',
    chapter: '6',
    commands: [
      'crictl rmi registry.k8s.io/pause:3.6',
      'mkdir -p /etc/containerd/certs.d/registry.k8s.io && cp hosts.toml /etc/containerd/certs.d/registry.k8s.io/',
      'crictl runp pod.json   # the mirror is down, then up',
      'crictl images',
    ],
    async run(backend, state) {
      for (const [name, pod] of state.pods) {
        await backend.cri.stopPodSandbox({ podSandboxId: pod.sandboxId })
        await backend.cri.removePodSandbox({ podSandboxId: pod.sandboxId })
        state.pods.delete(name)
      }
      await backend.cri.removeImage({ image: { image: PAUSE_IMAGE } })
      await backend.setMirror('registry.k8s.io', MIRROR, false)
      const shape = { name: 'mirrored' }
      ensureLogDirectory(backend, 'default_mirrored_podkata-lab-mirrored')
      const down = await failure(backend.cri.runPodSandbox({ config: sandboxConfig(shape, backend.logRoot) }))
      await backend.setMirror('registry.k8s.io', MIRROR, true)
      const { status } = await startPod(backend, state, shape)
      const image = (await backend.cri.imageStatus({ image: { image: PAUSE_IMAGE } })).image
      return {
        observed: { mirrorDown: down, mirrorUp: status.status.state, pulled: image ? { repoTags: image.repoTags, pinned: image.pinned } : null },
        transcript: [
          `$ crictl rmi ${PAUSE_IMAGE}`,
          `$ cat /etc/containerd/certs.d/registry.k8s.io/hosts.toml`,
          'server = "https://registry.k8s.io"',
          `[host."${MIRROR}"]`,
          '  capabilities = ["pull", "resolve"]',
          '$ crictl runp pod.json   # mirror down',
          said(down),
          '$ crictl runp pod.json   # mirror up',
          status.status.state,
          ...backend.registryLog().map((line) => `mirror: ${line}`),
          '$ crictl images',
          image ? `${image.repoTags.join(', ')}  pinned: ${image.pinned}` : '(not there)',
        ],
      }
    },
  },
  {
    id: 'no-reap',
    title: 'A pause that does not reap: a zombie stays',
    chapter: '5',
    commands: [
      'ctr -n k8s.io images import pause-noreap.tar',
      `# /etc/containerd/config.toml: sandbox_image = "${PAUSE_NOREAP_IMAGE}", then restart containerd`,
      'crictl runp shared-pid-pod.json && crictl create … && crictl start …',
      'crictl exec <container-id> ps -o pid,ppid,stat,comm',
    ],
    realOnly: "the simulator runs the kata's pause program whatever the image, so it has no pause that forgets to reap",
    async run(backend, state) {
      const imported = await backend.importImage(state.images.pauseNoReap)
      await backend.restartWithSandboxImage!(PAUSE_NOREAP_IMAGE)
      await startPod(backend, state, { name: 'no-reap', sharePid: true })
      const app = await startApp(backend, state, 'no-reap', 0, ORPHAN_SCRIPT)
      const orphan = (rows: PsRow[]) => rows.find((r) => r.ppid === 1 && r.comm === 'sleep')
      let at = 2_700
      let rows = await backend.psAfter(app.id, at)
      while (orphan(rows) && !orphan(rows)!.stat.startsWith('Z') && at < 6_000) rows = await backend.psAfter(app.id, (at += 300))
      return {
        observed: { afterOrphanExits: processTree(rows) },
        transcript: [
          '$ ctr -n k8s.io images import pause-noreap.tar',
          imported,
          `$ # sandbox_image = "${PAUSE_NOREAP_IMAGE}"; restart containerd`,
          `$ crictl exec <app> ps -o pid,ppid,stat,comm   # at ${at / 1000} s, after the orphan's sleep 2`,
          ...psText(rows),
        ],
      }
    },
  },
]

export { APP_IMAGE }
