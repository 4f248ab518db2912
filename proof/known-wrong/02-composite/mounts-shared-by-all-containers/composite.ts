// Mistake: collects the volumeMounts of every container and mounts them all in each container.
// Caught by: a container that does not mount the volume does not see its files
import type { Pod } from 'kubernetes-types/core/v1'
import type { Kernel } from '../../../../machinery/kernel/kernel.ts'
import type { RunningPod } from '../../../../machinery/kernel/pod-env.ts'
import { startPod as reference } from '../../../../solutions/02-composite/composite.ts'
export { startOrder, stopOrder } from '../../../../solutions/02-composite/composite.ts'
import { ContainerFiles, type Mount } from '../../../../machinery/kernel/volumes.ts'

export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  const running = reference(pod, kernel)
  const everyMount = new Map<string, Mount>()
  for (const container of running.containers) for (const mount of container.files.mounts) everyMount.set(mount.path, mount)
  for (const container of running.containers) container.files = new ContainerFiles([...everyMount.values()])
  return running
}
