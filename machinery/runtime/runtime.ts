/**
 * A whole container runtime on the simulated node, serving both CRI services the way
 * containerd (or CRI-O) would: the sandbox calls from chapter 3, the container calls, and the
 * image calls. It is what answers on the other end of the kubelet's gRPC socket.
 *
 * What this file adds on top of the parts is the one thing chapter 6 is about: RunPodSandbox
 * needs the sandbox (pause) image, and the *runtime* gets it — not the kubelet — at a point in
 * RunPodSandbox that depends on the runtime and its version, and it wraps a failure in its own
 * words before the kubelet ever sees it.
 */
import { ContainerService, type ProgramBehaviour, type SandboxHandle } from './container-service.ts'
import type {
  ContainerStatusRequest,
  ContainerStatusResponse,
  CreateContainerRequest,
  CreateContainerResponse,
  CriRuntime,
  ImageStatusRequest,
  ImageStatusResponse,
  ListContainersRequest,
  ListContainersResponse,
  ListImagesRequest,
  ListImagesResponse,
  ListPodSandboxRequest,
  ListPodSandboxResponse,
  PodSandboxConfig,
  PodSandboxStatusRequest,
  PodSandboxStatusResponse,
  PullImageRequest,
  PullImageResponse,
  RemoveContainerRequest,
  RemoveContainerResponse,
  RemoveImageRequest,
  RemoveImageResponse,
  RemovePodSandboxRequest,
  RemovePodSandboxResponse,
  RunPodSandboxRequest,
  RunPodSandboxResponse,
  StartContainerRequest,
  StartContainerResponse,
  StopContainerRequest,
  StopContainerResponse,
  StopPodSandboxRequest,
  StopPodSandboxResponse,
} from './cri.ts'
import { sandboxNamespaceOptions } from './cri.ts'
import { GrpcError } from './grpc.ts'
import { CriFaults } from './faults.ts'
import { ImageStore } from '../images/image-service.ts'
import type { ImagesPart, PausePart, SandboxPart, SandboxServiceLike } from '../parts.ts'
import type { SimulatedNode } from '../node/node.ts'
import { GoError, Registries, type RegistryOptions } from '../images/registry.ts'
import { DEFAULT_RUNTIME, RUNTIME_PROFILES, type RuntimeName, type RuntimeProfile } from './runtime-profiles.ts'
import type { Trace } from '../node/trace.ts'

export interface RuntimeOptions {
  runtime?: RuntimeName
  /** The configured sandbox image; the runtime's default when absent. */
  sandboxImage?: string
  /** How the node reaches registries (connectivity, mirrors). */
  registry?: RegistryOptions
  /** Images already in the store, as if imported or pulled earlier. */
  preload?: string[]
  /** false imitates a runtime without sandbox-image pinning (containerd before 1.6.22 / 1.7.3). */
  pinning?: boolean
  /** Kata 6's image functions: normalise, resolve, word a failure, pin. */
  images: ImagesPart
  behaviour?: ProgramBehaviour
  trace?: Trace
  /** Kata 3's SandboxService: the sandbox half of the RuntimeService. */
  sandbox: SandboxPart
  /** Chapter 5's pieces: the pause program, a container's namespaces. */
  pause: Pick<PausePart, 'pauseProgram' | 'containerNamespaces'>
}

export class SimulatedRuntime implements CriRuntime {
  readonly profile: RuntimeProfile
  readonly registries: Registries
  readonly images: ImageStore
  private readonly sandboxes: SandboxServiceLike
  private readonly containers: ContainerService
  /** Errors to answer the kubelet's next calls with, instead of doing them. */
  readonly faults = new CriFaults()

  constructor(
    readonly node: SimulatedNode,
    options: RuntimeOptions,
  ) {
    this.profile = RUNTIME_PROFILES[options.runtime ?? DEFAULT_RUNTIME]
    const step = (text: string) => options.trace?.step(text)
    this.registries = new Registries({ nodeIP: '192.168.49.2', ...options.registry, advance: (ms) => node.clock.advance(ms) })
    this.images = new ImageStore({
      profile: this.profile,
      registries: this.registries,
      sandboxImage: options.sandboxImage ?? this.profile.defaultSandboxImage,
      ...(options.pinning === undefined ? {} : { pinning: options.pinning }),
      images: options.images,
      now: () => node.clock.now(),
      advance: (ms) => node.clock.advance(ms),
      step,
    })
    for (const reference of options.preload ?? []) this.images.import(reference)
    // What /pause does when the sandbox starts it: chapter 5's pause program.
    node.kernel.programs.set('/pause', options.pause.pauseProgram)
    this.sandboxes = new options.sandbox.SandboxService(node)
    this.containers = new ContainerService({
      node,
      images: this.images,
      sandbox: (id) => this.sandboxHandle(id),
      containerNamespaces: options.pause.containerNamespaces,
      ...(options.behaviour ? { behaviour: options.behaviour } : {}),
      step,
    })
    this.step = step
  }

  private readonly step: (text: string) => void

  // ---- RuntimeService: sandboxes -------------------------------------------------------------

  runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {
    this.takes(CALL_MS.runPodSandbox)
    const { sandboxImageStep } = this.profile
    if (sandboxImageStep === 'before-network') this.ensureSandboxImage(request.config, '')
    const response = this.sandboxes.runPodSandbox(request)
    const id = response.podSandboxId
    const status = this.sandboxes.podSandboxStatus({ podSandboxId: id, verbose: true })
    const ip = status.status.network.ip
    this.step(ip ? `netns + CNI ADD → ${ip}` : "the node's network (hostNetwork)")
    if (sandboxImageStep !== 'before-network') {
      try {
        this.ensureSandboxImage(request.config, id)
      } catch (error) {
        // containerd's deferred cleanup: the network it just set up is torn down again.
        this.sandboxes.removePodSandbox({ podSandboxId: id })
        if (ip) this.step(`CNI DEL: ${ip} released`)
        throw error
      }
    }
    this.step(`start /pause (pid ${pausePid(status)})`)
    return response
  }

  stopPodSandbox(request: StopPodSandboxRequest): StopPodSandboxResponse {
    return this.sandboxes.stopPodSandbox(request)
  }

  removePodSandbox(request: RemovePodSandboxRequest): RemovePodSandboxResponse {
    return this.sandboxes.removePodSandbox(request)
  }

  // containerd's exit monitor (a sandbox is NOTREADY once pause dies, stopped or not) is kata
  // 3's to write: the runtime reports what the SandboxService says.
  podSandboxStatus(request: PodSandboxStatusRequest): PodSandboxStatusResponse {
    return this.sandboxes.podSandboxStatus(request)
  }

  listPodSandbox(request: ListPodSandboxRequest): ListPodSandboxResponse {
    return this.sandboxes.listPodSandbox(request)
  }

  // ---- RuntimeService: containers ------------------------------------------------------------

  createContainer(request: CreateContainerRequest): CreateContainerResponse {
    this.takes(CALL_MS.createContainer)
    const response = this.containers.createContainer(request)
    const image = this.images.find(request.config.image.image)
    if (image) this.images.markUsed(image.id, this.node.clock.now())
    return response
  }

  startContainer(request: StartContainerRequest): StartContainerResponse {
    this.takes(CALL_MS.startContainer)
    return this.containers.startContainer(request)
  }

  stopContainer(request: StopContainerRequest): StopContainerResponse {
    this.takes(CALL_MS.stopContainer)
    return this.containers.stopContainer(request)
  }

  removeContainer(request: RemoveContainerRequest): RemoveContainerResponse {
    return this.containers.removeContainer(request)
  }

  containerStatus(request: ContainerStatusRequest): ContainerStatusResponse {
    return this.containers.containerStatus(request)
  }

  listContainers(request: ListContainersRequest): ListContainersResponse {
    return this.containers.listContainers(request)
  }

  // ---- ImageService --------------------------------------------------------------------------

  listImages(request: ListImagesRequest): ListImagesResponse {
    return this.images.listImages(request)
  }

  imageStatus(request: ImageStatusRequest): ImageStatusResponse {
    return this.images.imageStatus(request)
  }

  pullImage(request: PullImageRequest): PullImageResponse {
    return this.images.pullImage(request)
  }

  removeImage(request: RemoveImageRequest): RemoveImageResponse {
    return this.images.removeImage(request)
  }

  // ---- the sandbox image ---------------------------------------------------------------------

  /**
   * Makes sure the sandbox image is in the store, pulling it if not, and words a failure the
   * way this runtime does. `sandboxId` is empty when the sandbox does not exist yet.
   */
  private ensureSandboxImage(config: PodSandboxConfig, sandboxId: string): void {
    const image = this.images.sandboxImage
    if (this.images.find(image)) {
      this.step(`sandbox image ${image} is here`)
      return
    }
    this.step(`pull sandbox image ${image}`)
    try {
      this.images.pullImage({ image: { image } })
    } catch (error) {
      if (!(error instanceof GrpcError)) throw error
      if (this.profile.family === 'cri-o') {
        // CRI-O: server/sandbox_run_linux.go wraps the storage layer's pull error once.
        const { name, namespace, uid, attempt } = config.metadata
        throw new GrpcError(error.code, `creating pod sandbox with name "k8s_${name}_${namespace}_${uid}_${attempt}": ${error.desc}`)
      }
      const wrapped = this.images.images.sandboxImageError(this.profile, image, new GoError(error.desc, error.code), sandboxId)
      throw new GrpcError(wrapped.code, wrapped.message)
    }
  }

  /** Real calls take time; a little, so that events and ages come out in a believable order. */
  private takes(ms: number): void {
    this.node.clock.advance(ms)
  }

  private sandboxHandle(id: string): SandboxHandle | undefined {
    try {
      const verbose = this.podSandboxStatus({ podSandboxId: id, verbose: true })
      const { name, namespace, uid, attempt } = verbose.status.metadata
      return {
        pausePid: pausePid(verbose),
        namespaceOptions: sandboxNamespaceOptions({ metadata: verbose.status.metadata, linux: { securityContext: { namespaceOptions: verbose.status.linux.namespaces.options } } }),
        name: `${name}_${namespace}_${uid}_${attempt}`,
      }
    } catch (error) {
      if (error instanceof GrpcError && error.code === 'NotFound') return undefined
      throw error
    }
  }
}

/** Milliseconds a call takes on a quiet node, besides any pull inside it. */
const CALL_MS = {
  runPodSandbox: 180,
  createContainer: 40,
  startContainer: 90,
  stopContainer: 60,
}

/** The pause pid from a verbose PodSandboxStatus (containerd's `info` JSON); 0 when not running. */
function pausePid(status: PodSandboxStatusResponse): number {
  try {
    const info = JSON.parse(status.info['info'] ?? '{}') as { pid?: number; processStatus?: string }
    return info.processStatus === 'running' ? (info.pid ?? 0) : 0
  } catch {
    return 0
  }
}
