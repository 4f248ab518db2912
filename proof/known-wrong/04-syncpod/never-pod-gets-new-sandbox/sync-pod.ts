// Mistake: replaces a dead sandbox whenever podSandboxChanged says so, even for a restartPolicy Never pod whose containers have run.
// Caught by: restartPolicy Never: a pod whose containers have run is killed, not given a new sandbox, when its sandbox is gone
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { RuntimeManager as Reference, type PodActions } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override computePodActions(pod: Pod, status: RuntimePodStatus): PodActions {
    const sandboxGone = status.sandboxStatuses.length > 0 && status.sandboxStatuses[0]!.state !== 'SANDBOX_READY'
    if (pod.spec?.restartPolicy !== 'Never' || !sandboxGone) return super.computePodActions(pod, status)
    return super.computePodActions({ ...pod, spec: { ...pod.spec, restartPolicy: 'Always' } }, status)
  }
}
