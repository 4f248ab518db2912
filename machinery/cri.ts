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
