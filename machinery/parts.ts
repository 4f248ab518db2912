/**
 * What each kata hands to the node, as provided types: the contract between the machinery and
 * the files learners write. The machinery only ever sees a part through these types, so it
 * never depends on who wrote the part — the reference in solutions/, a learner's working copy
 * in katas/, a known-wrong variant in the proof, or code typed into the page.
 *
 * `assembly/` is the one place that chooses, per part, whose code runs.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { FieldError } from './api/field-errors.ts'
import type { GoError, HostsDir, Manifest, Network } from './images/registry.ts'
import type { Kernel, Namespace, NamespaceType, Process } from './kernel/kernel.ts'
import type { Backoff } from './kubelet/backoff.ts'
import type { EventRecorder } from './kubelet/events.ts'
import type { PodSyncer } from './kubelet/pod-worker.ts'
import type { ProbeResults } from './kubelet/prober.ts'
import type { RuntimePodStatus } from './kubelet/runtime-pod-status.ts'
import type { SimulatedNode } from './node/node.ts'
import type {
  CriRuntime,
  ListPodSandboxRequest,
  ListPodSandboxResponse,
  NamespaceOption,
  PodSandboxStatusRequest,
  PodSandboxStatusResponse,
  RemovePodSandboxRequest,
  RemovePodSandboxResponse,
  RunPodSandboxRequest,
  RunPodSandboxResponse,
  StopPodSandboxRequest,
  StopPodSandboxResponse,
} from './runtime/cri.ts'
import type { RuntimeProfile } from './runtime/runtime-profiles.ts'

// ---- kata 1: the Pod -----------------------------------------------------------------------

export interface PodsPart {
  /** The API server's validation of a Pod: every problem, as field errors. */
  validatePod(pod: Pod): FieldError[]
  /** Which namespaces the pod's containers share: what the kubelet puts in the sandbox config. */
  namespaceOptionsFor(pod: Pod): NamespaceOption
}

// ---- kata 3: the PodSandbox ----------------------------------------------------------------

/** The sandbox half of the CRI RuntimeService, as the runtime serves it. */
export interface SandboxServiceLike {
  runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse
  stopPodSandbox(request: StopPodSandboxRequest): StopPodSandboxResponse
  removePodSandbox(request: RemovePodSandboxRequest): RemovePodSandboxResponse
  podSandboxStatus(request: PodSandboxStatusRequest): PodSandboxStatusResponse
  listPodSandbox(request: ListPodSandboxRequest): ListPodSandboxResponse
}

export interface SandboxPart {
  SandboxService: new (node: SimulatedNode) => SandboxServiceLike
}

// ---- kata 4: the kubelet's SyncPod ---------------------------------------------------------

/** chapter 5's decision, as the kubelet asks it before every sync. */
export type PodSandboxChanged = (pod: Pod, status: RuntimePodStatus) => { changed: boolean; attempt: number; sandboxId: string }

/** What the node gives the kubelet's runtime manager (kata 4's RuntimeManager). */
export interface RuntimeManagerDeps {
  /** The runtime, over gRPC. */
  cri: CriRuntime
  /** Events on this pod, as `kubectl describe pod` will list them. */
  recorder: EventRecorder
  /** Milliseconds on the node's clock. */
  now: () => number
  /** Per pod and image: when a failed pull may be tried again. */
  imageBackOff: Backoff
  /** Per pod and container: when a crashed container may be restarted. */
  containerBackOff: Backoff
  /** Chapter 5's decision: does the pod need a new sandbox? */
  podSandboxChanged: PodSandboxChanged
  /** Chapter 1's answer: which namespaces the pod's containers share. */
  namespaceOptionsFor: (pod: Pod) => NamespaceOption
  /** The startup probes' last results, by container id (the kubelet's startupManager; not the runtime's). */
  startupManager: ProbeResults
}

export type { PodSyncer }

export interface KubeletPart {
  RuntimeManager: new (deps: RuntimeManagerDeps) => PodSyncer
}

// ---- kata 5: the pause container -----------------------------------------------------------

export interface PausePart {
  /** What /pause does once the sandbox starts it. */
  pauseProgram(process: Process, kernel: Kernel): void
  /** The namespaces a new container of the sandbox gets. */
  containerNamespaces(kernel: Kernel, pause: Process, options: NamespaceOption): Record<NamespaceType, Namespace>
  podSandboxChanged: PodSandboxChanged
}

// ---- kata 6: images on an air-gapped node --------------------------------------------------

/** One endpoint that can answer for a registry, as containerd's RegistryHost holds it. */
export interface RegistryHost {
  scheme: 'http' | 'https'
  /** `host[:port]`, e.g. `registry.k8s.io`, `10.0.0.5:5000`. */
  host: string
  /** The API root, normally `/v2`. */
  path: string
}

/** containerd 1.x reports the first failure; 2.x the one that got furthest (a 404 beats a dead host). */
export type ErrorChoice = 'first' | 'furthest'

/** What the kubelet's image GC knows about one image (its imageRecord). */
export interface ImageRecord {
  id: string
  size: number
  /** The runtime's recommendation to leave it alone (CRI Image.pinned). */
  pinned: boolean
  /** When the kubelet first saw it, in ms on the node's clock. */
  firstDetected: number
  /** When a container last used it; 0 if never. */
  lastUsed: number
}

export interface ResolverLike {
  hosts(registry: string): RegistryHost[]
  manifestURL(host: RegistryHost, normalized: string): string
  resolve(normalized: string): Manifest
}

export interface ImagesPart {
  normalizeReference(reference: string): string
  Resolver: new (hostsDir: HostsDir, network: Network, errors?: ErrorChoice) => ResolverLike
  pullImage(normalized: string, resolver: ResolverLike, profile: RuntimeProfile): Manifest
  sandboxImageError(profile: RuntimeProfile, image: string, pullError: GoError, sandboxId: string): GoError
  MANAGED_LABEL: string
  PINNED_LABEL: string
  criLabels(name: string, sandboxImage: string, pinning: boolean): Record<string, string>
  imagesToFree(images: readonly ImageRecord[], inUse: ReadonlySet<string>, bytesToFree: number, now: number, minAgeMs?: number): string[]
}

// ---- the whole node ------------------------------------------------------------------------

/** One part per kata that builds the node (kata 2's composite pod runs on its own). */
export interface NodeParts {
  pods: PodsPart
  sandbox: SandboxPart
  kubelet: KubeletPart
  pause: PausePart
  images: ImagesPart
}

export type PartName = keyof NodeParts
