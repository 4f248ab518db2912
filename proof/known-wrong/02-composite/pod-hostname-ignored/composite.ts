// Mistake: always names the pod's UTS namespace after the pod, ignoring spec.hostname.
// Caught by: uses spec.hostname instead of the pod name when it is set
import type { Pod } from 'kubernetes-types/core/v1'
import type { Kernel } from '../../../../machinery/kernel/kernel.ts'
import { setHostname, type RunningPod } from '../../../../machinery/kernel/pod-env.ts'
import { startPod as reference } from '../../../../solutions/02-composite/composite.ts'
export { startOrder, stopOrder } from '../../../../solutions/02-composite/composite.ts'

export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  const running = reference(pod, kernel)
  if (!pod.spec?.hostNetwork) setHostname(running.uts, pod.metadata?.name ?? '')
  return running
}
