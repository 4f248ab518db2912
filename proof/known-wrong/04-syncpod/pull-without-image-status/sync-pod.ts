// Mistake: pulls without asking ImageStatus first, so IfNotPresent pulls an image the node already has.
// Caught by: IfNotPresent: an image already on the node is not pulled, and the event says so
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { PodSandboxConfig } from '../../../../machinery/runtime/cri.ts'
import { withDefaultTag } from '../../../../machinery/images/image-ref.ts'
import { RuntimeManager as Reference } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override ensureImageExists(pod: Pod, container: Container, sandboxConfig: PodSandboxConfig): string {
    const image = withDefaultTag(container.image ?? '')
    this.deps.recorder.record('Normal', 'Pulling', `Pulling image "${container.image}"`, { fieldPath: `spec.containers{${container.name}}` })
    return this.deps.cri.pullImage({ image: { image }, sandboxConfig }).imageRef
  }
}
