// Mistake: creates a new Volume for each mount, so two containers never see the same files.
// Caught by: nginx serves the page that git-sync wrote into the shared volume
import type { Pod } from 'kubernetes-types/core/v1'
import type { Kernel } from '../../../../machinery/kernel/kernel.ts'
import type { RunningPod } from '../../../../machinery/kernel/pod-env.ts'
import { startPod as reference } from '../../../../solutions/02-composite/composite.ts'
export { startOrder, stopOrder } from '../../../../solutions/02-composite/composite.ts'
import { ContainerFiles, Volume } from '../../../../machinery/kernel/volumes.ts'

export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  const running = reference(pod, kernel)
  for (const container of running.containers) {
    container.files = new ContainerFiles(container.files.mounts.map((mount) => ({ ...mount, volume: new Volume(mount.volume.name) })))
  }
  return running
}
