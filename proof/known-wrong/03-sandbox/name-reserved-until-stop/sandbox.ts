// Mistake: frees the sandbox name when the sandbox stops, so a stopped sandbox and a new one share a name.
// Caught by: refuses a second sandbox with the same name, namespace, uid and attempt while the first exists
import type { RunPodSandboxRequest, RunPodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {
    for (const sandbox of this.sandboxes.values()) {
      if (sandbox.state === 'SANDBOX_NOTREADY') sandbox.name = `${sandbox.name} (stopped)`
    }
    return super.runPodSandbox(request)
  }
}
