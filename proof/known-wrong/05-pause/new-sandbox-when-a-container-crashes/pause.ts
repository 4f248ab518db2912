// Mistake: treats a crashed container like a dead sandbox, and replaces the whole sandbox.
// Caught by: is created again in the same sandbox, with attempt 1, and the pod keeps its IP
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { podSandboxChanged as reference } from '../../../../solutions/05-pause/pause.ts'

export { containerNamespaces, pauseProgram } from '../../../../solutions/05-pause/pause.ts'

export function podSandboxChanged(pod: Pod, status: RuntimePodStatus) {
  const decision = reference(pod, status)
  const [newest] = status.sandboxStatuses
  const crashed = status.containerStatuses.some((c) => c.state === 'exited' && c.podSandboxId === newest?.id && c.exitCode !== 0)
  if (!decision.changed && crashed && newest) return { changed: true, attempt: decision.attempt + 1, sandboxId: newest.id }
  return decision
}
