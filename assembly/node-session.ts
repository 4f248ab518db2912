/**
 * A simulated node with a kubelet and a container runtime, driven step by step: apply a Pod,
 * let the kubelet sync it for a while, crash something, import an image, change the runtime's
 * configuration. `npm run sim`, the scenario files, the chapters' diagrams and the kata specs
 * all run through here, so a trace in a chapter is exactly what `npm run sim` prints.
 *
 * The node is put together from the provided machinery and one part per kata (`parts`): whose
 * code each part is — the reference's, a learner's — is the caller's choice (see index.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { NodeParts, RuntimeManagerDeps } from '../machinery/parts.ts'
import { criClient } from '../machinery/kubelet/cri-client.ts'
import type { CriRuntime } from '../machinery/runtime/cri.ts'
import { EventRecorder, type PodEvent } from '../machinery/kubelet/events.ts'
import { formatFieldError } from '../machinery/api/field-errors.ts'
import { apiChecks, validationRank } from '../machinery/api/pod-checks.ts'
import { withApiDefaults } from '../machinery/kubelet/api-defaults.ts'
import type { ApiPodStatus } from '../machinery/kubelet/api-status.ts'
import { Backoff } from '../machinery/kubelet/backoff.ts'
import { LABELS } from '../machinery/kubelet/pod-configs.ts'
import { StartupProber } from '../machinery/kubelet/prober.ts'
import { PodWorker, RELIST_MS, type StepResult } from '../machinery/kubelet/pod-worker.ts'
import { describeEvents, getPods, podColumns, tabwrite, humanDuration } from '../machinery/kubectl/kubectl.ts'
import { SimulatedNode } from '../machinery/node/node.ts'
import type { Connectivity } from '../machinery/images/registry.ts'
import { CRI_NAMESPACE, type ImportResult } from '../machinery/images/image-service.ts'
import { ReferenceError, parseReference } from '../machinery/images/image-ref.ts'
import { RUNTIME_PROFILES, type RuntimeName, type RuntimeProfile } from '../machinery/runtime/runtime-profiles.ts'
import { SimulatedRuntime } from '../machinery/runtime/runtime.ts'
import { Trace } from '../machinery/node/trace.ts'

/** What a kubelet runtime manager is given: the CRI client, the pod's recorder, clock and back-offs. */
export type ManagerDeps = RuntimeManagerDeps

/** The crictl commands a scenario may run: stop or remove a sandbox, stop or remove a container. */
export type CrictlCall = 'stopp' | 'rmp' | 'stop' | 'rm'
export const CRICTL_CALLS: readonly CrictlCall[] = ['stopp', 'rmp', 'stop', 'rm']

export class SimError extends Error {
  override name = 'SimError'
  /** @param fields the fields a refused Pod's errors are about, in the message's order (for a page to point at their lines). */
  constructor(
    message: string,
    readonly fields: readonly string[] = [],
  ) {
    super(message)
  }
}

export interface SessionOptions {
  runtime?: RuntimeName
  sandboxImage?: string
  connectivity?: Connectivity
  /** Registry host → mirror endpoints (hosts.toml). */
  mirrors?: Record<string, string[]>
  /** Whether the configured mirrors answer (they hold every image) or refuse connections. */
  mirrorsUp?: boolean
  preload?: string[]
  pinning?: boolean
  nodeName?: string
  /** Endpoints inside the closed network that answer, e.g. a private registry: endpoint → the refs it holds, or 'all'. */
  reachable?: Record<string, string[] | 'all'>
}

/** What one run of the kubelet's image GC did. */
export interface ImageGcResult {
  removed: { id: string; size: number; names: string[] }[]
  /** The kubelet's log lines (klog's structured form, without the header). */
  log: string[]
}

/** The kubelet's periodic resync of every pod (syncFrequency). */
const RESYNC_MS = 60_000
/** The kubelet's default imageMinimumGCAge. */
const IMAGE_MINIMUM_GC_AGE_MS = 120_000

/** Everything needed to show one pod the way kubectl and the diagrams do. */
export interface PodView {
  pod: Pod
  status: ApiPodStatus
  events: PodEvent[]
  createdAt: number
  now: number
}

interface PodEntry {
  pod: Pod
  worker: PodWorker
  recorder: EventRecorder
  createdAt: number
}

export class NodeSession {
  readonly node = new SimulatedNode()
  readonly trace: Trace
  readonly runtime: SimulatedRuntime
  readonly profile: RuntimeProfile
  readonly nodeName: string
  private readonly cri: CriRuntime
  private readonly pods = new Map<string, PodEntry>()
  private readonly imageBackOff: Backoff
  private readonly containerBackOff: Backoff
  /** When the pod worker will sync each pod next, for advance(). */
  private readonly due = new Map<string, number>()

  constructor(
    /** Whose code runs for each kata's part of the node. */
    readonly parts: NodeParts,
    options: SessionOptions = {},
  ) {
    const clock = this.node.clock
    this.trace = new Trace(() => clock.now())
    this.nodeName = options.nodeName ?? 'node-1'
    this.profile = RUNTIME_PROFILES[options.runtime ?? 'containerd-1.7']
    const mirrors = options.mirrors ?? {}
    const mirrorsUp = options.mirrorsUp ?? true
    // The runtime would refuse them at the first pull; say so before anything runs.
    for (const reference of [...(options.sandboxImage ? [options.sandboxImage] : []), ...(options.preload ?? [])]) this.checkReference(reference)
    if (this.profile.family === 'cri-o' && Object.keys(mirrors).length > 0) {
      throw new SimError("CRI-O reads its mirrors from /etc/containers/registries.conf, not hosts.toml; the sim models containerd's hosts.toml only")
    }
    this.runtime = new SimulatedRuntime(this.node, {
      runtime: this.profile.name,
      ...(options.sandboxImage ? { sandboxImage: options.sandboxImage } : {}),
      registry: {
        connectivity: options.connectivity ?? 'online',
        mirrors,
        // A mirror that is up holds whatever it is asked for.
        reachable: {
          ...(mirrorsUp ? Object.fromEntries(Object.values(mirrors).flat().map((endpoint) => [endpoint.replace(/\/+$/, ''), 'all' as const])) : {}),
          ...(options.reachable ?? {}),
        },
      },
      preload: options.preload ?? [],
      ...(options.pinning === undefined ? {} : { pinning: options.pinning }),
      sandbox: parts.sandbox,
      pause: parts.pause,
      images: parts.images,
      behaviour: (config) => this.behaviourOf(config.labels ?? {}),
      trace: this.trace,
    })
    this.cri = criClient(this.runtime, this.trace, this.runtime.faults)
    this.imageBackOff = new Backoff(() => clock.now())
    this.containerBackOff = new Backoff(() => clock.now())
  }

  /** Creates the pod (API defaults, validation), schedules it here, and returns its name. */
  apply(manifest: Pod): string {
    // Kata 1's checks first, then the API server's others; one error per field and kind.
    const errors = [...this.parts.pods.validatePod(manifest), ...apiChecks(manifest)]
      .filter((error, i, all) => all.findIndex((e) => e.field === error.field && e.type === error.type) === i)
      .map((error, i) => ({ error, i }))
      .sort((a, b) => validationRank(a.error.field) - validationRank(b.error.field) || a.i - b.i)
      .map(({ error }) => error)
    if (errors.length > 0) {
      const messages = errors.map(formatFieldError)
      const detail = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`
      throw new SimError(`The Pod "${manifest.metadata?.name ?? ''}" is invalid: ${detail}`, errors.map((e) => e.field))
    }
    const pod = withApiDefaults(manifest)
    const name = pod.metadata!.name!
    if (this.pods.has(name)) throw new SimError(`pods "${name}" already exists`)
    const clock = this.node.clock
    const recorder = new EventRecorder(() => clock.now(), this.trace)
    recorder.record('Normal', 'Scheduled', `Successfully assigned ${pod.metadata!.namespace}/${name} to ${this.nodeName}`, {
      source: 'default-scheduler',
    })
    const prober = new StartupProber()
    const deps: ManagerDeps = {
      cri: this.cri,
      recorder,
      now: () => clock.now(),
      imageBackOff: this.imageBackOff,
      containerBackOff: this.containerBackOff,
      podSandboxChanged: this.parts.pause.podSandboxChanged,
      namespaceOptionsFor: this.parts.pods.namespaceOptionsFor,
      startupManager: prober,
    }
    const manager = new this.parts.kubelet.RuntimeManager(deps)
    const worker = new PodWorker({ pod, runtime: this.runtime, manager, trace: this.trace, clock, nodeIP: this.node.nodeIP, prober })
    this.pods.set(name, { pod, worker, recorder, createdAt: clock.now() })
    this.due.set(name, clock.now())
    return name
  }

  /** One sync of the pod, as the pod worker would make it; its results. */
  sync(name: string): StepResult[] {
    return this.entry(name).worker.syncOnce()
  }

  /** Lets the kubelet work on the pod until it settles, or for `forMs` while it keeps failing. */
  run(name: string, forMs?: number): void {
    this.entry(name).worker.run(forMs)
  }

  /**
   * What an admin does by hand with crictl on the pod's newest sandbox or one of its
   * containers (`crictl stopp`, `rmp`, `stop`, `rm`): the CRI call itself, behind the
   * kubelet's back. Returns the id it acted on.
   */
  crictl(name: string, call: CrictlCall, container?: string): string {
    const status = this.entry(name).worker.runtimeStatus()
    // The kubelet's PLEG sees the change at its next relist and syncs the pod.
    this.due.set(name, Math.min(this.due.get(name) ?? Infinity, this.node.clock.now() + RELIST_MS))
    if (call === 'stopp' || call === 'rmp') {
      const sandbox = status.sandboxStatuses[0]
      if (!sandbox) throw new SimError(`pod "${name}" has no sandbox`)
      this.trace.sync(`crictl ${call} ${sandbox.id.slice(0, 13)}`)
      if (call === 'stopp') this.cri.stopPodSandbox({ podSandboxId: sandbox.id })
      else this.cri.removePodSandbox({ podSandboxId: sandbox.id })
      return sandbox.id
    }
    const found = status.containerStatuses.find((c) => c.name === container)
    if (!found) throw new SimError(`pod "${name}" has no container "${container ?? ''}" on the node`)
    this.trace.sync(`crictl ${call} ${found.id.slice(0, 13)}`)
    if (call === 'stop') this.cri.stopContainer({ containerId: found.id, timeout: 0 })
    else this.cri.removeContainer({ containerId: found.id })
    return found.id
  }

  /** Kills a container's process, or the pod's pause process; the kubelet notices at its next relist. */
  crash(name: string, target: string): string {
    const { worker } = this.entry(name)
    const status = worker.runtimeStatus()
    const { kernel } = this.node
    if (target === 'pause') {
      const sandbox = status.sandboxStatuses[0]
      if (!sandbox || sandbox.state !== 'SANDBOX_READY') throw new SimError(`pod "${name}" has no running sandbox to crash`)
      const info = JSON.parse(this.runtime.podSandboxStatus({ podSandboxId: sandbox.id, verbose: true }).info['info'] ?? '{}') as { pid?: number }
      kernel.exit(info.pid ?? 0, 137)
    } else {
      const running = status.containerStatuses.find((c) => c.name === target && c.state === 'running')
      if (!running) {
        const names = [...(worker.pod.spec?.initContainers ?? []), ...(worker.pod.spec?.containers ?? [])].map((c) => c.name)
        if (!names.includes(target)) throw new SimError(`pod "${name}" has no container "${target}" (it has: ${names.join(', ')}, and pause)`)
        throw new SimError(`container "${target}" of pod "${name}" is not running, so it cannot crash`)
      }
      const record = this.node.containers.get(running.id)
      kernel.exit(record?.pid ?? 0, 1)
    }
    this.trace.sync(`${target === 'pause' ? 'the pause process' : `container ${target}`} dies`)
    this.node.clock.advance(RELIST_MS)
    this.due.set(name, this.node.clock.now())
    return target
  }

  // ---- time, for scenarios with several pods and changes in between ---------------------------

  /**
   * Lets `ms` of node time pass with the kubelet at work on every pod: each pod is synced when
   * its pod worker would sync it — about 1 s after a change, 10–15 s after a failed sync, and
   * once a minute otherwise.
   */
  advance(ms: number): void {
    const clock = this.node.clock
    const end = clock.now() + ms
    for (;;) {
      let next: [string, number] | undefined
      for (const [name, at] of this.due) if (at <= end && (!next || at < next[1])) next = [name, at]
      if (!next) break
      const [name, at] = next
      if (at > clock.now()) clock.advance(at - clock.now())
      const { worker } = this.entry(name)
      const results = worker.syncOnce()
      const failed = results.some((r) => r.error)
      let dueAt = clock.now() + (failed ? worker.nextRetryMs() : results.length > 0 ? RELIST_MS : RESYNC_MS)
      // A startup probe that passes makes a sync due (the prober tells the pod worker).
      const probePasses = worker.nextProbePass()
      if (probePasses !== undefined) dueAt = Math.min(dueAt, Math.max(probePasses, clock.now()) + RELIST_MS)
      this.due.set(name, dueAt)
    }
    if (clock.now() < end) clock.advance(end - clock.now())
  }

  /** The pods on the node, in the order they were created. */
  podNames(): string[] {
    return [...this.pods.keys()]
  }

  /**
   * `kubectl delete pod`: the kubelet stops the pod's containers and its sandbox, and they are
   * removed; the pod is gone from the API.
   */
  deletePod(name: string): void {
    const { worker, recorder } = this.entry(name)
    const status = worker.runtimeStatus()
    this.trace.sync(`delete pod ${name}`)
    for (const container of status.containerStatuses) {
      if (container.state === 'running') {
        recorder.record('Normal', 'Killing', `Stopping container ${container.name}`, { fieldPath: `spec.containers{${container.name}}` })
        this.cri.stopContainer({ containerId: container.id, timeout: 30 })
      }
    }
    for (const sandbox of status.sandboxStatuses) this.cri.stopPodSandbox({ podSandboxId: sandbox.id })
    for (const container of status.containerStatuses) this.cri.removeContainer({ containerId: container.id })
    for (const sandbox of status.sandboxStatuses) this.cri.removePodSandbox({ podSandboxId: sandbox.id })
    this.pods.delete(name)
    this.due.delete(name)
  }

  // ---- the runtime's configuration and images, as an admin changes them ---------------------

  /** `ctr -n <namespace> images import <tarball>` of an archive holding this image. */
  importImage(reference: string, namespace = CRI_NAMESPACE): ImportResult {
    this.checkReference(reference)
    return this.runtime.images.import(reference, namespace)
  }

  /** A new sandbox image in the runtime's configuration, and a restart of the runtime. */
  setSandboxImage(reference: string): void {
    this.checkReference(reference)
    this.runtime.images.setSandboxImage(reference)
  }

  /** Writes the registry's hosts.toml with these mirrors; `up`: whether they answer (holding every image). */
  setMirrors(registry: string, endpoints: string[], up = true): void {
    this.runtime.registries.setMirrors(registry, endpoints)
    for (const endpoint of endpoints) this.runtime.registries.setReachable(endpoint, up ? 'all' : false)
  }

  /**
   * The kubelet's image garbage collector, as the eviction manager runs it under disk pressure
   * (DeleteUnusedImages): every image no container uses and the runtime has not pinned, least
   * recently used first — or only until `bytesToFree` bytes are freed. The decisions are kata
   * 6's imagesToFree; the removals are CRI RemoveImage calls.
   */
  gcImages(options: { bytesToFree?: number; minAgeMs?: number } = {}): ImageGcResult {
    const store = this.runtime.images
    const now = this.node.clock.now()
    this.trace.sync('image GC: delete unused images')
    const records = store.gcRecords()
    const inUse = new Set(this.runtime.listContainers({}).containers.map((c) => c.imageRef))
    const listed = this.runtime.listImages({}).images
    const ids = store.images.imagesToFree(records, inUse, options.bytesToFree ?? Number.MAX_SAFE_INTEGER, now, options.minAgeMs ?? IMAGE_MINIMUM_GC_AGE_MS)
    const result: ImageGcResult = { removed: [], log: ['"Attempting to delete unused images"'] }
    for (const id of ids) {
      const record = records.find((r) => r.id === id)
      const size = record?.size ?? 0
      result.log.push(`"Removing image to free bytes" imageID="${id}" size=${size} runtimeHandler=""`)
      this.cri.removeImage({ image: { image: id } })
      result.removed.push({ id, size, names: listed.find((i) => i.id === id)?.repoTags ?? [] })
    }
    return result
  }

  // ---- what an admin reads -------------------------------------------------------------------

  /** `kubectl get pods` (optionally `-o wide`) for every pod on the node. */
  getAllPods(wide = false): string {
    const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']
    if (wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES')
    // The API server lists pods in key order: by name.
    const rows = [...this.podNames()].sort().map((name) => {
      const v = this.view(name)
      const c = podColumns(v.pod, v.status, v.now)
      const row = [name, c.ready, c.status, c.restarts, humanDuration(v.now - v.createdAt)]
      if (wide) row.push(v.status.podIP || '<none>', this.nodeName, '<none>', '<none>')
      return row
    })
    if (rows.length === 0) return 'No resources found in default namespace.'
    return tabwrite([header, ...rows], { minWidth: 6, padding: 3 }).join('\n')
  }

  /**
   * `crictl images` (with `--pinned`): one line per name, sorted by the first name, ids cut to
   * 13 characters, sizes as go-units prints them; crictl's tabwriter (minwidth 20, padding 3).
   */
  crictlImages(pinned = true): string {
    const images = [...this.runtime.listImages({}).images].sort((a, b) => (a.repoTags[0] ?? a.id).localeCompare(b.repoTags[0] ?? b.id))
    const header = ['IMAGE', 'TAG', 'IMAGE ID', 'SIZE', ...(pinned ? ['PINNED'] : [])]
    const rows = images.flatMap((image) => {
      const id = image.id.replace(/^sha256:/, '').slice(0, 13)
      const size = humanSize(Number(image.size))
      const tags = image.repoTags.length > 0 ? image.repoTags : [`${(image.repoDigests[0] ?? '<none>').split('@')[0]}:<none>`]
      return tags.map((tag) => {
        const colon = tag.lastIndexOf(':')
        return [tag.slice(0, colon), tag.slice(colon + 1), id, size, ...(pinned ? [String(image.pinned)] : [])]
      })
    })
    return tabwrite([header, ...rows], { minWidth: 20, padding: 3 }).join('\n')
  }

  private checkReference(reference: string): void {
    try {
      parseReference(reference)
    } catch (error) {
      if (error instanceof ReferenceError) throw new SimError(`"${reference}" is not an image reference: ${error.message}`)
      throw error
    }
  }

  view(name: string): PodView {
    const { pod, worker, recorder, createdAt } = this.entry(name)
    return { pod, status: worker.apiStatus(), events: recorder.list(), createdAt, now: this.node.clock.now() }
  }

  /** `kubectl get pods -o wide` for the pod. */
  getPods(name: string, wide = false): string {
    const v = this.view(name)
    return getPods(v.pod, v.status, v.now, v.createdAt, { wide, node: this.nodeName })
  }

  /** The Events part of `kubectl describe pod`. */
  describeEvents(name: string): string {
    const v = this.view(name)
    return describeEvents(v.events, v.now)
  }

  /**
   * What a container's process does: one whose command ends in `exit N` (e.g. `sh -c 'exit 1'`)
   * exits with N as soon as it starts; other init containers finish their job at once (exit 0);
   * everything else keeps running.
   */
  private behaviourOf(labels: Record<string, string>): { exitCode: number } | 'runs' {
    const entry = [...this.pods.values()].find((e) => e.pod.metadata?.uid === labels[LABELS.podUid])
    const name = labels[LABELS.containerName]
    const init = entry?.pod.spec?.initContainers?.find((c) => c.name === name)
    const container = init ?? entry?.pod.spec?.containers.find((c) => c.name === name)
    const script = [...(container?.command ?? []), ...(container?.args ?? [])].join(' ')
    const exit = /(?:^|[\s;&|])exit (\d+)\s*$/.exec(script)
    if (exit) return { exitCode: Number(exit[1]) }
    return init && init.restartPolicy !== 'Always' ? { exitCode: 0 } : 'runs'
  }

  private entry(name: string): PodEntry {
    const entry = this.pods.get(name)
    if (!entry) throw new SimError(`pods "${name}" not found`)
    return entry
  }
}

/** go-units HumanSizeWithPrecision(size, 3): decimal units, three significant digits (`320kB`, `72.2MB`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB']
  let size = bytes
  let i = 0
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000
    i++
  }
  return `${Number(size.toPrecision(3))}${units[i]}`
}
