// Mistake: mounts every volume read-write, ignoring volumeMounts[*].readOnly.
// Caught by: a read-only mount rejects writes: read-only file system
import type { Pod } from 'kubernetes-types/core/v1'
import type { Kernel } from '../../../../machinery/kernel/kernel.ts'
import type { RunningPod } from '../../../../machinery/kernel/pod-env.ts'
import { startPod as reference } from '../../../../solutions/02-composite/composite.ts'
export { startOrder, stopOrder } from '../../../../solutions/02-composite/composite.ts'
import { ContainerFiles } from '../../../../machinery/kernel/volumes.ts'

export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  const running = reference(pod, kernel)
  for (const container of running.containers) {
    container.files = new ContainerFiles(container.files.mounts.map((mount) => ({ ...mount, readOnly: false })))
  }
  return running
}
