// Mistake: starts a failed init container again whatever the pod's restartPolicy, so a Never pod retries forever instead of failing.
// Caught by: restartPolicy Never: a failed init container kills the pod instead of starting again
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { RuntimeManager as Reference, type PodActions } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  protected override computeInitContainerActions(pod: Pod, status: RuntimePodStatus, actions: PodActions): boolean {
    return super.computeInitContainerActions({ ...pod, spec: { ...pod.spec!, restartPolicy: 'Always' } }, status, actions)
  }
}
