// Mistake: stops the pause process but never gives the IP back (no CNI DEL), so addresses leak.
// Caught by: gives the IP back to the node, so the status shows no IP any more
import type { StopPodSandboxRequest, StopPodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override stopPodSandbox(request: StopPodSandboxRequest): StopPodSandboxResponse {
    const sandbox = this.find(request.podSandboxId, () => '')
    if (!sandbox) return {}
    for (const c of this.node.containers.inSandbox(sandbox.id)) this.node.containers.stop(c.id, this.node.kernel)
    this.node.kernel.exit(sandbox.pausePid, 137)
    sandbox.state = 'SANDBOX_NOTREADY'
    return {}
  }
}
