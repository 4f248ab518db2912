// Mistake: treats a second stop, or an unknown id, as an error, though the CRI says stop is idempotent.
// Caught by: succeeds when called again, and for an id it does not know
import type { StopPodSandboxRequest, StopPodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import { GrpcError } from '../../../../machinery/runtime/grpc.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override stopPodSandbox(request: StopPodSandboxRequest): StopPodSandboxResponse {
    const sandbox = this.find(request.podSandboxId, () => '')
    if (!sandbox || sandbox.state === 'SANDBOX_NOTREADY') {
      throw new GrpcError('NotFound', `pod sandbox ${request.podSandboxId} not found`)
    }
    return super.stopPodSandbox(request)
  }
}
