/**
 * The parts of the CRI (Container Runtime Interface, cri-api v1) that the katas use, written
 * as TypeScript with the proto's camelCase field names. Enum values are their proto names.
 * Reference: ../shared/research/cri-api.proto (k8s.io/cri-api pkg/apis/runtime/v1/api.proto).
 */

/**
 * Where a namespace lives.
 * - POD: one namespace for the whole pod, held by the sandbox.
 * - CONTAINER: a namespace of the container's own.
 * - NODE: the node's namespace (hostNetwork, hostPID, hostIPC).
 * - TARGET: the namespace of another container (named by targetId), used by debug containers.
 */
export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE' | 'TARGET'

/**
 * NamespaceOption as the kubelet sends it in LinuxSandboxSecurityContext. There is no UTS
 * field: the UTS namespace (the hostname) follows the network namespace.
 */
export interface NamespaceOption {
  network: NamespaceMode
  pid: NamespaceMode
  ipc: NamespaceMode
  /** Set only with mode TARGET. */
  targetId?: string
}

// ---------------------------------------------------------------------------------------------
// PodSandbox messages (RuntimeService: RunPodSandbox, StopPodSandbox, RemovePodSandbox,
// PodSandboxStatus, ListPodSandbox). int64 fields are decimal strings, as in the proto3 JSON
// mapping and in `crictl inspectp`: nanoseconds since the epoch do not fit a JS number.

export interface PodSandboxMetadata {
  name: string
  uid: string
  namespace: string
  /** How many times this pod's sandbox was created before. Default 0. */
  attempt: number
}

export interface DNSConfig {
  servers: string[]
  searches: string[]
  options: string[]
}

export interface PortMapping {
  protocol: 'TCP' | 'UDP' | 'SCTP'
  containerPort: number
  hostPort: number
  hostIp: string
}

export interface LinuxSandboxSecurityContext {
  namespaceOptions?: NamespaceOption
  privileged?: boolean
}

export interface LinuxPodSandboxConfig {
  cgroupParent?: string
  securityContext?: LinuxSandboxSecurityContext
  sysctls?: Record<string, string>
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata
  /** May be empty only when the pod uses the node's network namespace. */
  hostname?: string
  /** e.g. /var/log/pods/<namespace>_<name>_<uid>/ */
  logDirectory?: string
  dnsConfig?: DNSConfig
  portMappings?: PortMapping[]
  labels?: Record<string, string>
  /** Must not be altered by the runtime. */
  annotations?: Record<string, string>
  linux?: LinuxPodSandboxConfig
}

export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY'

export interface RunPodSandboxRequest {
  config: PodSandboxConfig
  runtimeHandler?: string
}
export interface RunPodSandboxResponse {
  podSandboxId: string
}

export interface StopPodSandboxRequest {
  podSandboxId: string
}
export type StopPodSandboxResponse = Record<string, never>

export interface RemovePodSandboxRequest {
  podSandboxId: string
}
export type RemovePodSandboxResponse = Record<string, never>

export interface PodSandboxStatusRequest {
  podSandboxId: string
  verbose?: boolean
}

export interface PodIP {
  ip: string
}

export interface PodSandboxNetworkStatus {
  ip: string
  additionalIps: PodIP[]
}

export interface LinuxPodSandboxStatus {
  namespaces: { options: NamespaceOption }
}

export interface PodSandboxStatus {
  id: string
  metadata: PodSandboxMetadata
  state: PodSandboxState
  /** Nanoseconds since the epoch, as a decimal string. */
  createdAt: string
  network: PodSandboxNetworkStatus
  linux: LinuxPodSandboxStatus
  labels: Record<string, string>
  annotations: Record<string, string>
  runtimeHandler: string
}

export interface PodSandboxStatusResponse {
  status: PodSandboxStatus
  /** Runtime-specific details, only with verbose. */
  info: Record<string, string>
}

export interface PodSandboxFilter {
  id?: string
  state?: { state: PodSandboxState }
  /** Every key must be present with this value. */
  labelSelector?: Record<string, string>
}

export interface ListPodSandboxRequest {
  filter?: PodSandboxFilter
}

export interface PodSandbox {
  id: string
  metadata: PodSandboxMetadata
  state: PodSandboxState
  createdAt: string
  labels: Record<string, string>
  annotations: Record<string, string>
  runtimeHandler: string
}

export interface ListPodSandboxResponse {
  items: PodSandbox[]
}

/**
 * The namespace options a sandbox config asks for. The kubelet always sends them; a bare client
 * such as crictl may not, and then the pod network, pod IPC and a PID namespace per container
 * are what a kubelet would have asked for.
 */
export function sandboxNamespaceOptions(config: PodSandboxConfig): NamespaceOption {
  return config.linux?.securityContext?.namespaceOptions ?? { network: 'POD', pid: 'CONTAINER', ipc: 'POD' }
}

// ---------------------------------------------------------------------------------------------
// Container messages (RuntimeService: CreateContainer, StartContainer, StopContainer,
// RemoveContainer, ContainerStatus, ListContainers).

export interface ContainerMetadata {
  name: string
  /** The kubelet sends the container's restart count: (name, attempt) is unique in a sandbox. */
  attempt: number
}

export interface ImageSpec {
  /** The image reference, or the image id once resolved. */
  image: string
  /** The reference as the Pod spec wrote it. */
  userSpecifiedImage?: string
}

export interface KeyValue {
  key: string
  value: string
}

export interface Mount {
  containerPath: string
  hostPath: string
  readonly?: boolean
}

export interface LinuxContainerSecurityContext {
  namespaceOptions?: NamespaceOption
  privileged?: boolean
}

export interface ContainerConfig {
  metadata: ContainerMetadata
  image: ImageSpec
  command?: string[]
  args?: string[]
  workingDir?: string
  envs?: KeyValue[]
  mounts?: Mount[]
  labels?: Record<string, string>
  annotations?: Record<string, string>
  /** Relative to the sandbox's logDirectory: `<container name>/<attempt>.log`. */
  logPath?: string
  linux?: { securityContext?: LinuxContainerSecurityContext }
}

export interface CreateContainerRequest {
  podSandboxId: string
  config: ContainerConfig
  sandboxConfig: PodSandboxConfig
}
export interface CreateContainerResponse {
  containerId: string
}

export interface StartContainerRequest {
  containerId: string
}
export type StartContainerResponse = Record<string, never>

export interface StopContainerRequest {
  containerId: string
  /** Grace period in seconds before the runtime kills the container. */
  timeout: number
}
export type StopContainerResponse = Record<string, never>

export interface RemoveContainerRequest {
  containerId: string
}
export type RemoveContainerResponse = Record<string, never>

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN'

export interface ContainerStatusRequest {
  containerId: string
  verbose?: boolean
}

export interface ContainerStatus {
  id: string
  metadata: ContainerMetadata
  state: ContainerState
  /** Nanoseconds since the epoch, as decimal strings; '0' when it has not happened. */
  createdAt: string
  startedAt: string
  finishedAt: string
  exitCode: number
  image: ImageSpec
  /** The image id (`sha256:…`) the container runs. */
  imageRef: string
  /** Why it exited, e.g. `Completed`, `Error`, `OOMKilled`. */
  reason: string
  message: string
  labels: Record<string, string>
  annotations: Record<string, string>
  logPath: string
}

export interface ContainerStatusResponse {
  status: ContainerStatus
  info: Record<string, string>
}

export interface ContainerFilter {
  id?: string
  state?: { state: ContainerState }
  podSandboxId?: string
  labelSelector?: Record<string, string>
}

export interface ListContainersRequest {
  filter?: ContainerFilter
}

export interface Container {
  id: string
  podSandboxId: string
  metadata: ContainerMetadata
  image: ImageSpec
  imageRef: string
  state: ContainerState
  createdAt: string
  labels: Record<string, string>
  annotations: Record<string, string>
}

export interface ListContainersResponse {
  containers: Container[]
}

// ---------------------------------------------------------------------------------------------
// ImageService: ListImages, ImageStatus, PullImage, RemoveImage.

export interface Image {
  /** `sha256:…`, the digest of the image config. */
  id: string
  repoTags: string[]
  repoDigests: string[]
  /** Bytes, as a decimal string (uint64). */
  size: string
  /** Recommendation that image garbage collection leave it alone (the sandbox image). */
  pinned: boolean
}

export interface ImageStatusRequest {
  image: ImageSpec
  verbose?: boolean
}
export interface ImageStatusResponse {
  /** null when the image is not present: "not found" is not an error here. */
  image: Image | null
  info: Record<string, string>
}

export interface PullImageRequest {
  image: ImageSpec
  sandboxConfig?: PodSandboxConfig
}
export interface PullImageResponse {
  /** The image id of what was pulled. */
  imageRef: string
}

export interface ListImagesRequest {
  filter?: { image?: ImageSpec }
}
export interface ListImagesResponse {
  images: Image[]
}

export interface RemoveImageRequest {
  image: ImageSpec
}
export type RemoveImageResponse = Record<string, never>

// ---------------------------------------------------------------------------------------------
// The two gRPC services, as the kubelet sees them. Method names are the proto's, in camelCase;
// every call either returns its response or throws a GrpcError.

export interface RuntimeService {
  runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse
  stopPodSandbox(request: StopPodSandboxRequest): StopPodSandboxResponse
  removePodSandbox(request: RemovePodSandboxRequest): RemovePodSandboxResponse
  podSandboxStatus(request: PodSandboxStatusRequest): PodSandboxStatusResponse
  listPodSandbox(request: ListPodSandboxRequest): ListPodSandboxResponse
  createContainer(request: CreateContainerRequest): CreateContainerResponse
  startContainer(request: StartContainerRequest): StartContainerResponse
  stopContainer(request: StopContainerRequest): StopContainerResponse
  removeContainer(request: RemoveContainerRequest): RemoveContainerResponse
  containerStatus(request: ContainerStatusRequest): ContainerStatusResponse
  listContainers(request: ListContainersRequest): ListContainersResponse
}

export interface ImageService {
  listImages(request: ListImagesRequest): ListImagesResponse
  imageStatus(request: ImageStatusRequest): ImageStatusResponse
  pullImage(request: PullImageRequest): PullImageResponse
  removeImage(request: RemoveImageRequest): RemoveImageResponse
}

/** Both services: what a runtime serves on its CRI socket. */
export type CriRuntime = RuntimeService & ImageService

/** The proto's method name (as it appears on the wire and in logs) for each TypeScript one. */
export const CRI_METHODS = {
  runPodSandbox: 'RunPodSandbox',
  stopPodSandbox: 'StopPodSandbox',
  removePodSandbox: 'RemovePodSandbox',
  podSandboxStatus: 'PodSandboxStatus',
  listPodSandbox: 'ListPodSandbox',
  createContainer: 'CreateContainer',
  startContainer: 'StartContainer',
  stopContainer: 'StopContainer',
  removeContainer: 'RemoveContainer',
  containerStatus: 'ContainerStatus',
  listContainers: 'ListContainers',
  listImages: 'ListImages',
  imageStatus: 'ImageStatus',
  pullImage: 'PullImage',
  removeImage: 'RemoveImage',
} as const satisfies Record<keyof CriRuntime, string>

export type CriMethod = (typeof CRI_METHODS)[keyof typeof CRI_METHODS]
