// Mistake: records FailedCreatePodSandBox but goes on to pull and create containers anyway.
// Caught by: stops the sync there: no pulls, no containers
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { generatePodSandboxConfig } from '../../../../machinery/kubelet/pod-configs.ts'
import { RuntimeManager as Reference, type SyncResult } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override syncPod(pod: Pod, status: RuntimePodStatus): SyncResult[] {
    const actions = this.computePodActions(pod, status)
    const config = generatePodSandboxConfig(pod, actions.attempt, this.deps.namespaceOptionsFor(pod))
    let sandboxId = actions.sandboxId
    const results: SyncResult[] = []
    if (actions.createSandbox) {
      try {
        sandboxId = this.deps.cri.runPodSandbox({ config }).podSandboxId
        this.deps.cri.podSandboxStatus({ podSandboxId: sandboxId })
      } catch (error) {
        this.deps.recorder.record('Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${(error as Error).message}`)
        results.push({ action: 'CreatePodSandbox', target: pod.metadata!.name!, error: 'CreatePodSandboxError' })
      }
    }
    for (const i of actions.containersToStart) results.push(this.start(pod, pod.spec!.containers[i]!, 'containers', sandboxId, config, status))
    return results
  }
}
