// Mistake: creates the container from the tag the Pod names instead of the image id the pull returned.
// Caught by: creates each container from the image id its pull returned
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { PodSandboxConfig } from '../../../../machinery/runtime/cri.ts'
import { RuntimeManager as Reference } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override ensureImageExists(pod: Pod, container: Container, sandboxConfig: PodSandboxConfig): string {
    super.ensureImageExists(pod, container, sandboxConfig)
    return container.image ?? ''
  }
}
