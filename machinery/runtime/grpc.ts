/**
 * Errors as they cross the CRI's gRPC boundary. The kubelet never sees a runtime's Go error
 * itself, only a gRPC status, and grpc-go prints one as `rpc error: code = <Code> desc = <text>`.
 * That line is what ends up in events such as FailedCreatePodSandBox.
 */

/** The gRPC status codes the runtimes return on the paths this book follows. */
export type GrpcCode = 'Unknown' | 'NotFound' | 'InvalidArgument' | 'FailedPrecondition' | 'AlreadyExists' | 'DeadlineExceeded'

export class GrpcError extends Error {
  override name = 'GrpcError'
  constructor(
    readonly code: GrpcCode,
    /** The runtime's own error text (the `desc`). */
    readonly desc: string,
  ) {
    super(`rpc error: code = ${code} desc = ${desc}`)
  }
}
