// Mistake: asks ImageStatus before pulling even with imagePullPolicy Always, as kubelets before 1.32 did.
// Caught by: Always: pulls straight away, without asking ImageStatus first, even when the image is on the node
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { PodSandboxConfig } from '../../../../machinery/runtime/cri.ts'
import { withDefaultTag } from '../../../../machinery/images/image-ref.ts'
import { RuntimeManager as Reference } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override ensureImageExists(pod: Pod, container: Container, sandboxConfig: PodSandboxConfig): string {
    if (container.imagePullPolicy === 'Always') this.deps.cri.imageStatus({ image: { image: withDefaultTag(container.image ?? '') } })
    return super.ensureImageExists(pod, container, sandboxConfig)
  }
}
