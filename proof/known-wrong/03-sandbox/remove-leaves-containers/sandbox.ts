// Mistake: forgets the sandbox record but leaves its containers (and their processes) behind.
// Caught by: forcibly stops and removes a running sandbox with containers still inside, and frees its IP
import type { RemovePodSandboxRequest, RemovePodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override removePodSandbox(request: RemovePodSandboxRequest): RemovePodSandboxResponse {
    const sandbox = this.find(request.podSandboxId, () => '')
    if (!sandbox) return {}
    this.node.kernel.exit(sandbox.pausePid, 137)
    this.node.ipam.release(sandbox.id)
    this.sandboxes.delete(sandbox.id)
    return {}
  }
}
