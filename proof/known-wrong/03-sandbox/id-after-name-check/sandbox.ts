// Mistake: checks the name before it makes the id, so a refused request uses up no id (containerd makes the id first).
// Caught by: makes the id before it reserves the name, as containerd does: a refused request has used up an id
import type { RunPodSandboxRequest, RunPodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import { GrpcError } from '../../../../machinery/runtime/grpc.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {
    const { name, namespace, uid, attempt } = request.config.metadata
    const wanted = [name, namespace, uid, String(attempt ?? 0)].join('_')
    const holder = [...this.sandboxes.values()].find((s) => s.name === wanted)
    // Refused before node.ids.next() is ever called.
    if (holder) throw new GrpcError('Unknown', `failed to reserve sandbox name "${wanted}": name "${wanted}" is reserved for "${holder.id}"`)
    return super.runPodSandbox(request)
  }
}
