/**
 * A simulated node with a kubelet and a container runtime, driven step by step: apply a Pod,
 * let the kubelet sync it for a while, crash something, import an image, change the runtime's
 * configuration. `npm run sim`, the scenario files and the chapters' diagrams all run through
 * here, so a trace in a chapter is exactly what `npm run sim` prints.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { validatePod } from '../solutions/01-pods/pods.ts'
import { RuntimeManager } from '../solutions/04-syncpod/sync-pod.ts'
import { criClient } from '../machinery/cri-client.ts'
import type { CriRuntime } from '../machinery/cri.ts'
import { EventRecorder, type PodEvent } from '../machinery/events.ts'
import { formatFieldError } from '../machinery/field-errors.ts'
import { withApiDefaults } from '../machinery/kubelet/api-defaults.ts'
import type { ApiPodStatus } from '../machinery/kubelet/api-status.ts'
import { Backoff } from '../machinery/kubelet/backoff.ts'
import { LABELS } from '../machinery/kubelet/pod-configs.ts'
import { PodWorker, RELIST_MS, type PodSyncer, type StepResult } from '../machinery/kubelet/pod-worker.ts'
import { describeEvents, getPods } from '../machinery/kubectl.ts'
import { SimulatedNode } from '../machinery/node.ts'
import type { Connectivity } from '../machinery/registry.ts'
import { RUNTIME_PROFILES, type RuntimeName, type RuntimeProfile } from '../machinery/runtime-profiles.ts'
import { SimulatedRuntime } from '../machinery/runtime.ts'
import { Trace } from '../machinery/trace.ts'

/** What a kubelet runtime manager is given: the CRI client, the pod's recorder, clock and back-offs. */
export type ManagerDeps = ConstructorParameters<typeof RuntimeManager>[0]

export class SimError extends Error {
  override name = 'SimError'
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
}

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

  constructor(options: SessionOptions = {}) {
    const clock = this.node.clock
    this.trace = new Trace(() => clock.now())
    this.nodeName = options.nodeName ?? 'node-1'
    this.profile = RUNTIME_PROFILES[options.runtime ?? 'containerd-1.7']
    const mirrors = options.mirrors ?? {}
    const mirrorsUp = options.mirrorsUp ?? true
    this.runtime = new SimulatedRuntime(this.node, {
      runtime: this.profile.name,
      ...(options.sandboxImage ? { sandboxImage: options.sandboxImage } : {}),
      registry: {
        connectivity: options.connectivity ?? 'online',
        mirrors,
        // A mirror that is up holds whatever it is asked for.
        reachable: mirrorsUp ? Object.fromEntries(Object.values(mirrors).flat().map((endpoint) => [endpoint.replace(/\/+$/, ''), 'all' as const])) : {},
      },
      preload: options.preload ?? [],
      ...(options.pinning === undefined ? {} : { pinning: options.pinning }),
      behaviour: (config) => this.behaviourOf(config.labels ?? {}),
      trace: this.trace,
    })
    this.cri = criClient(this.runtime, this.trace)
    this.imageBackOff = new Backoff(() => clock.now())
    this.containerBackOff = new Backoff(() => clock.now())
  }

  /** Creates the pod (API defaults, validation), schedules it here, and returns its name. */
  apply(manifest: Pod, makeManager?: (deps: ManagerDeps) => PodSyncer): string {
    const errors = validatePod(manifest)
    if (errors.length > 0) {
      const messages = errors.map(formatFieldError)
      const detail = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`
      throw new SimError(`The Pod "${manifest.metadata?.name ?? ''}" is invalid: ${detail}`)
    }
    const pod = withApiDefaults(manifest)
    const name = pod.metadata!.name!
    if (this.pods.has(name)) throw new SimError(`pods "${name}" already exists`)
    const clock = this.node.clock
    const recorder = new EventRecorder(() => clock.now(), this.trace)
    recorder.record('Normal', 'Scheduled', `Successfully assigned ${pod.metadata!.namespace}/${name} to ${this.nodeName}`, {
      source: 'default-scheduler',
    })
    const deps = { cri: this.cri, recorder, now: () => clock.now(), imageBackOff: this.imageBackOff, containerBackOff: this.containerBackOff }
    const manager = makeManager ? makeManager(deps) : new RuntimeManager(deps)
    const worker = new PodWorker({ pod, runtime: this.runtime, manager, trace: this.trace, clock })
    this.pods.set(name, { pod, worker, recorder, createdAt: clock.now() })
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
    return target
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

  /** Init containers finish their job as soon as they start; everything else keeps running. */
  private behaviourOf(labels: Record<string, string>): { exitCode: number } | 'runs' {
    const entry = [...this.pods.values()].find((e) => e.pod.metadata?.uid === labels[LABELS.podUid])
    const init = entry?.pod.spec?.initContainers?.find((c) => c.name === labels[LABELS.containerName])
    return init && init.restartPolicy !== 'Always' ? { exitCode: 0 } : 'runs'
  }

  private entry(name: string): PodEntry {
    const entry = this.pods.get(name)
    if (!entry) throw new SimError(`pods "${name}" not found`)
    return entry
  }
}
