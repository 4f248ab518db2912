/**
 * Faults to order, for the paths a real node takes only now and then: a PodSandboxStatus that
 * times out, a CreateContainer the runtime refuses, a StartContainer whose process cannot exec.
 * Armed on the runtime, they answer the kubelet's next call of a method with a gRPC error
 * instead of doing it — the kubelet sees what it would see on a real node; the runtime itself
 * did nothing. (A real containerd whose StartContainer failed marks the container exited, code
 * 128, reason StartError; here it stays created. The kubelet restarts it either way.)
 *
 * Provided machinery: specs and scenarios arm faults; learners' code only meets the errors.
 */
import type { CriMethod } from './cri.ts'
import { GrpcError, type GrpcCode } from './grpc.ts'

export class CriFaults {
  private readonly armed: { method: CriMethod; error: GrpcError; times: number }[] = []

  /** The kubelet's next `times` calls of `method` fail with this gRPC code and text. */
  fail(method: CriMethod, code: GrpcCode, desc: string, times = 1): void {
    this.armed.push({ method, error: new GrpcError(code, desc), times })
  }

  /** The error for this call, if a fault is armed for its method; each use counts down. */
  take(method: CriMethod): GrpcError | undefined {
    const fault = this.armed.find((f) => f.method === method && f.times > 0)
    if (!fault) return undefined
    fault.times -= 1
    return fault.error
  }
}
