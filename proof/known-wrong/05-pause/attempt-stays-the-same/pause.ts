// Mistake: re-creates a dead sandbox with the same attempt number, so its name is still reserved.
// Caught by: a sandbox that is not ready (its pause died) is replaced, with the next attempt
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { podSandboxChanged as reference } from '../../../../solutions/05-pause/pause.ts'

export { containerNamespaces, pauseProgram } from '../../../../solutions/05-pause/pause.ts'

export function podSandboxChanged(pod: Pod, status: RuntimePodStatus) {
  const decision = reference(pod, status)
  return { ...decision, attempt: status.sandboxStatuses[0]?.metadata.attempt ?? 0 }
}
