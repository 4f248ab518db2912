// Mistake: creates the pod's UTS namespace but never sets the hostname the kubelet sent in the config.
// Caught by: sets the config's hostname in the pod's UTS namespace, and leaves the node's hostname alone with network NODE
import type { RunPodSandboxRequest, RunPodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {
    const response = super.runPodSandbox(request)
    const sandbox = this.sandboxes.get(response.podSandboxId)!
    const pause = this.node.kernel.processes.get(sandbox.pausePid)!
    // A new UTS namespace, as before, but one nobody gave a hostname.
    if (sandbox.ownNetwork) pause.namespaces.uts = this.node.kernel.createNamespace('uts')
    return response
  }
}
