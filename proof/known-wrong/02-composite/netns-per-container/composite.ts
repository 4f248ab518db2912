// Mistake: creates a network namespace for each container, as if each were a machine of its own.
// Caught by: the app reaches Redis on localhost:6379, where the ambassador listens
import type { Pod } from 'kubernetes-types/core/v1'
import type { Kernel } from '../../../../machinery/kernel/kernel.ts'
import type { RunningPod } from '../../../../machinery/kernel/pod-env.ts'
import { startPod as reference } from '../../../../solutions/02-composite/composite.ts'
export { startOrder, stopOrder } from '../../../../solutions/02-composite/composite.ts'

export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  const running = reference(pod, kernel)
  for (const container of running.containers) {
    const own = kernel.createNetworkNamespace()
    container.net.members.delete(container.process.pid)
    own.members.add(container.process.pid)
    container.process.namespaces.net = own
    container.net = own
  }
  return running
}
