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
