// Mistake: calls startContainer directly instead of the provided start(), so a crashing container is restarted at every sync, without back-off.
// Caught by: restarts it at once the first time, then backs off: BackOff "Back-off restarting failed container …", CrashLoopBackOff
import { findContainerStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { RuntimeManager as Reference, StartError, type SyncResult } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  protected override start(...[pod, container, kind, sandboxId, sandboxConfig, status]: Parameters<Reference['start']>): SyncResult {
    const previous = findContainerStatus(status, container.name)
    try {
      this.startContainer(pod, container, kind, sandboxId, sandboxConfig, previous ? previous.restartCount + 1 : 0)
      return { action: 'StartContainer', target: container.name }
    } catch (error) {
      if (!(error instanceof StartError)) throw error
      return { action: 'StartContainer', target: container.name, error: error.reason, message: error.message }
    }
  }
}
