// Mistake: spawns pause with net, uts, ipc and pid only, so it lands in the node's mount namespace.
// Caught by: gives pause a mount namespace of its own, not the node’s
import type { RunPodSandboxRequest, RunPodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {
    const response = super.runPodSandbox(request)
    const sandbox = this.sandboxes.get(response.podSandboxId)!
    const pause = this.node.kernel.processes.get(sandbox.pausePid)!
    // What kernel.spawn does with a namespace it is not given: the node's.
    pause.namespaces.mnt = this.node.kernel.host.mnt
    return response
  }
}
