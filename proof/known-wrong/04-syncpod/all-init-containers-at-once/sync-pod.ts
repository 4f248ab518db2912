// Mistake: starts every init container in the same sync, without waiting for the previous one to exit.
// Caught by: run one at a time, in order, each after the previous one completed, before any app container
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { RuntimeManager as Reference, type PodActions } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override computePodActions(pod: Pod, status: RuntimePodStatus): PodActions {
    const actions = super.computePodActions(pod, status)
    const inits = pod.spec?.initContainers ?? []
    if (actions.createSandbox && inits.length > 0) {
      return { ...actions, initContainersToStart: inits.map((_, i) => i), containersToStart: pod.spec!.containers.map((_, i) => i) }
    }
    if (!actions.createSandbox && actions.initContainersToStart.length > 0) return { ...actions, initContainersToStart: [] }
    return actions
  }
}
