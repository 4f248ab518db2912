// Mistake: puts every pod's pause process into one shared network namespace, so pods share localhost and ports.
// Caught by: gives each sandbox a network namespace of its own
import type { RunPodSandboxRequest, RunPodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import type { NetworkNamespace } from '../../../../machinery/kernel/kernel.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

let shared: NetworkNamespace | undefined

export class SandboxService extends Reference {
  override runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {
    const response = super.runPodSandbox(request)
    const sandbox = this.sandboxes.get(response.podSandboxId)!
    const pause = this.node.kernel.processes.get(sandbox.pausePid)!
    shared ??= sandbox.net
    shared.addresses.add(sandbox.ip)
    pause.namespaces.net = shared
    pause.namespaces.uts = this.node.kernel.host.uts
    sandbox.net = shared
    return response
  }
}
