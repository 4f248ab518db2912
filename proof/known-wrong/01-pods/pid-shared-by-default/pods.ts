// Mistake: believes every namespace is shared by the pod's containers, PID included.
// Caught by: shares network and IPC across the pod, but gives each container its own PID namespace
import type { Pod } from 'kubernetes-types/core/v1'
import type { NamespaceOption } from '../../../../machinery/runtime/cri.ts'
export { effectiveRequests, insufficientResources, validatePod } from '../../../../solutions/01-pods/pods.ts'

export function namespaceOptionsFor(pod: Pod): NamespaceOption {
  return {
    network: pod.spec?.hostNetwork ? 'NODE' : 'POD',
    pid: pod.spec?.hostPID ? 'NODE' : 'POD',
    ipc: pod.spec?.hostIPC ? 'NODE' : 'POD',
  }
}
