// Mistake: answers an unknown id with a plain error (gRPC code Unknown), as the cri-api fake runtime does, not NotFound.
// Caught by: fails with NotFound for an id it does not know
import type { PodSandboxStatusRequest, PodSandboxStatusResponse } from '../../../../machinery/runtime/cri.ts'
import { GrpcError } from '../../../../machinery/runtime/grpc.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override podSandboxStatus(request: PodSandboxStatusRequest): PodSandboxStatusResponse {
    if (!this.find(request.podSandboxId, () => '')) {
      throw new GrpcError('Unknown', `pod sandbox "${request.podSandboxId}" not found`)
    }
    return super.podSandboxStatus(request)
  }
}
