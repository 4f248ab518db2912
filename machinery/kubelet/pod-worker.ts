/**
 * The kubelet's pod worker for one pod, on simulated time: it reads the pod's status from the
 * runtime, hands pod and status to the runtime manager's SyncPod, and decides when to sync
 * again — 10 to 15 s after a sync that failed (the kubelet's backOffPeriod with
 * `wait.Jitter(backOffPeriod, 0.5)`, pkg/kubelet/pod_workers.go), or about 1 s after a
 * container changed state (the PLEG relist). Provided machinery: the sim,
 * the chapters' traces and the specs all drive pods through it.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { CriRuntime } from '../runtime/cri.ts'
import type { Trace } from '../node/trace.ts'
import { toApiStatus, type ApiPodStatus, type StartFailures } from './api-status.ts'
import { namespaceOf } from './pod-configs.ts'
import { getPodStatus, type RuntimePodStatus } from './runtime-pod-status.ts'
import type { StartupProber } from './prober.ts'

/** One step of a sync as SyncPod reports it (the reference's SyncResult has this shape). */
export interface StepResult {
  action: string
  target: string
  error?: string
  message?: string
}

export interface PodSyncer {
  syncPod(pod: Pod, status: RuntimePodStatus): StepResult[]
}

/** The kubelet's backOffPeriod; a failed sync is retried this long plus up to half again later. */
export const RETRY_AFTER_ERROR_MS = 10_000
const RETRY_JITTER_FACTOR = 0.5

/**
 * How long after its `n`th failed sync the pod worker of the pod with this uid tries again:
 * `wait.Jitter(10s, 0.5)`, i.e. somewhere in [10 s, 15 s). The kubelet draws from math/rand;
 * here the draw comes from a hash of uid and n, so a run is the same every time and two pods
 * drift apart as they would on a node. Whole milliseconds, so node time stays integral.
 */
export function retryAfterError(uid: string, n: number): number {
  let hash = 2166136261
  for (const char of `${uid}#${n}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0
  hash = Math.imul(hash ^ (hash >>> 15), 2246822507) >>> 0
  hash = (hash ^ (hash >>> 13)) >>> 0
  return RETRY_AFTER_ERROR_MS + Math.floor((hash / 2 ** 32) * RETRY_JITTER_FACTOR * RETRY_AFTER_ERROR_MS)
}
export const RELIST_MS = 1_000

export interface PodWorkerOptions {
  pod: Pod
  /** The runtime itself (status reads are not traced). */
  runtime: CriRuntime
  manager: PodSyncer
  trace?: Trace
  clock: { now(): number; advance(ms: number): void }
  /** The node's address, which a hostNetwork pod reports as its own. */
  nodeIP?: string
  /** The pod's startup probes, run before each sync; the runtime manager reads the same results. */
  prober?: StartupProber
}

export class PodWorker {
  readonly failures: StartFailures = new Map()
  syncs = 0
  /** Failed syncs so far: the input of the next retry's jitter. */
  failedSyncs = 0

  constructor(private readonly options: PodWorkerOptions) {}

  get pod(): Pod {
    return this.options.pod
  }

  /** What the runtime has for the pod right now. */
  runtimeStatus(): RuntimePodStatus {
    const { pod, runtime } = this.options
    return getPodStatus(runtime, { uid: pod.metadata?.uid ?? '', name: pod.metadata?.name ?? '', namespace: namespaceOf(pod) })
  }

  apiStatus(): ApiPodStatus {
    return toApiStatus(this.options.pod, this.runtimeStatus(), this.failures, this.options.nodeIP, this.options.prober)
  }

  /** One sync. Returns its results; remembers failed starts for the pod's status. */
  syncOnce(): StepResult[] {
    const { pod, manager, trace, prober, clock } = this.options
    this.syncs += 1
    const status = this.runtimeStatus()
    prober?.probe(pod, status, clock.now())
    trace?.sync(`SyncPod ${namespaceOf(pod)}/${pod.metadata?.name}`)
    const results = manager.syncPod(pod, status)
    for (const result of results) {
      if (result.action !== 'StartContainer') continue
      if (result.error) this.failures.set(result.target, { reason: result.error, message: result.message ?? '' })
      else this.failures.delete(result.target)
    }
    // The kubelet logs `Error syncing pod, skipping: failed to "<action>" for "<target>" with
    // <error>: …` here; the diagram only needs the gist.
    const failed = results.find((r) => r.error)
    if (failed) {
      this.failedSyncs += 1
      trace?.sync(`sync failed (${failed.error}): again in ${(this.nextRetryMs() / 1000).toFixed(1)}s`)
    }
    return results
  }

  /** How long after the last failed sync the next one is due. */
  nextRetryMs(): number {
    return retryAfterError(this.options.pod.metadata?.uid ?? '', this.failedSyncs)
  }

  /** When a startup probe of the pod will pass next (a change the kubelet syncs for), if any. */
  nextProbePass(): number | undefined {
    return this.options.prober?.nextPass(this.options.pod, this.runtimeStatus())
  }

  /**
   * Syncs until nothing is left to do, or until `forMs` of node time has passed while it keeps
   * failing (a pod that cannot start never settles). Returns how many syncs ran.
   */
  run(forMs = 120_000): number {
    const { clock } = this.options
    const end = clock.now() + forMs
    let ran = 0
    for (;;) {
      const results = this.syncOnce()
      ran += 1
      if (results.some((r) => r.error)) {
        const retry = this.nextRetryMs()
        if (clock.now() + retry > end) return ran
        clock.advance(retry)
        continue
      }
      if (results.length === 0) {
        // Nothing to do — unless a startup probe is about to pass, which makes a sync due.
        const probePasses = this.nextProbePass()
        if (probePasses === undefined || probePasses > end) return ran
        clock.advance(Math.max(probePasses - clock.now(), 0) + RELIST_MS)
        continue
      }
      // A pod that changes at every sync (a kubelet that keeps replacing its sandbox) never settles either.
      if (clock.now() + RELIST_MS > end) return ran
      clock.advance(RELIST_MS)
    }
  }
}
