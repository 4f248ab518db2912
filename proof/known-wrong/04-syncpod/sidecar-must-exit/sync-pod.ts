// Mistake: treats a native sidecar like a regular init container and waits for it to exit.
// Caught by: a native sidecar that runs lets the next init container start
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { RuntimeManager as Reference, type PodActions } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override computePodActions(pod: Pod, status: RuntimePodStatus): PodActions {
    const asRegular = {
      ...pod,
      spec: { ...pod.spec!, initContainers: pod.spec?.initContainers?.map(({ restartPolicy: _, ...c }) => c) },
    }
    return super.computePodActions(asRegular, status)
  }
}
