// Mistake: returns from the sync at the first app container that fails, so the others never start.
// Caught by: still starts the other containers
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { RuntimeManager as Reference, type SyncResult } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override syncPod(pod: Pod, status: RuntimePodStatus): SyncResult[] {
    const results = super.syncPod(pod, status)
    const firstFailure = results.findIndex((r) => r.error)
    return firstFailure === -1 ? results : results.slice(0, firstFailure + 1)
  }

  protected override start(...args: Parameters<Reference['start']>): SyncResult {
    if (this.failedAlready) return { action: 'StartContainer', target: args[1].name }
    const result = super.start(...args)
    if (result.error) this.failedAlready = true
    return result
  }

  private failedAlready = false
}
