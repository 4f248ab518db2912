// Mistake: gives a hostNetwork pod a network namespace of its own instead of the node's.
// Caught by: listens on the node's own IP: the pod's port 80 is the node's port 80
import type { Pod } from 'kubernetes-types/core/v1'
import type { Kernel } from '../../../../machinery/kernel/kernel.ts'
import type { RunningPod } from '../../../../machinery/kernel/pod-env.ts'
import { startPod as reference } from '../../../../solutions/02-composite/composite.ts'
export { startOrder, stopOrder } from '../../../../solutions/02-composite/composite.ts'

export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  return reference({ ...pod, spec: { containers: [], ...pod.spec, hostNetwork: false } }, kernel)
}
