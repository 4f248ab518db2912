// Mistake: puts only the runtime's own text in FailedCreatePodSandBox, without "rpc error: code = Unknown desc = ".
// Caught by: records FailedCreatePodSandBox with the runtime’s gRPC error, as grpc-go prints it
import type { CriRuntime } from '../../../../machinery/runtime/cri.ts'
import { RuntimeManager as Reference, type RuntimeManagerDeps } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

/** Hands syncPod a runtime whose errors have lost their gRPC status line. */
export class RuntimeManager extends Reference {
  constructor(deps: RuntimeManagerDeps) {
    const cri: CriRuntime = Object.create(deps.cri)
    cri.runPodSandbox = (request) => {
      try {
        return deps.cri.runPodSandbox(request)
      } catch (error) {
        throw new Error((error as { desc: string }).desc)
      }
    }
    super({ ...deps, cri })
  }
}
