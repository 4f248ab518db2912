// Mistake: starts the app containers first and creates the sandbox afterwards.
// Caught by: makes the CRI calls of the chapter diagram for a two-container pod
import type { Pod } from 'kubernetes-types/core/v1'
import type { RuntimePodStatus } from '../../../../machinery/kubelet/runtime-pod-status.ts'
import { generatePodSandboxConfig } from '../../../../machinery/kubelet/pod-configs.ts'
import { RuntimeManager as Reference, type SyncResult } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  override syncPod(pod: Pod, status: RuntimePodStatus): SyncResult[] {
    const actions = this.computePodActions(pod, status)
    const config = generatePodSandboxConfig(pod, actions.attempt, this.deps.namespaceOptionsFor(pod))
    const results = actions.containersToStart.map((i) => this.start(pod, pod.spec!.containers[i]!, 'containers', '', config, status))
    const sandboxId = this.deps.cri.runPodSandbox({ config }).podSandboxId
    this.deps.cri.podSandboxStatus({ podSandboxId: sandboxId })
    return results
  }
}
