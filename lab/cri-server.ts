/**
 * Serves a CriRuntime (the simulator's runtime) over CRI v1 gRPC on a unix socket, so that the
 * lab's client, or anyone's crictl, talks to the simulator exactly as to containerd. A thin
 * adapter: the proto's messages already are the simulator's camelCase objects (cri-wire.ts),
 * and a GrpcError becomes the gRPC status the runtime would have returned.
 */
import { existsSync, rmSync, statSync } from 'node:fs'
import * as grpc from '@grpc/grpc-js'
import { CRI_METHODS, type CriRuntime } from '../machinery/runtime/cri.ts'
import { GrpcError } from '../machinery/runtime/grpc.ts'
import { codeNumber, criPackage, unixTarget } from './cri-wire.ts'

export interface ServedRuntime {
  /** What Version answers. */
  runtimeName: string
  runtimeVersion: string
}

export interface CriServer {
  socketPath: string
  close(): Promise<void>
}

type Handler = grpc.handleUnaryCall<unknown, unknown>

/** The status for an error thrown by the runtime: its own code, or Unknown as grpc-go gives a plain error. */
function statusOf(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof GrpcError) return { code: codeNumber(error.code), details: error.desc }
  return { code: grpc.status.UNKNOWN, details: (error as Error)?.message ?? String(error) }
}

function unary(answer: (request: any) => unknown): Handler {
  return (call, callback) => {
    try {
      callback(null, answer(call.request))
    } catch (error) {
      callback(statusOf(error) as grpc.ServiceError, null)
    }
  }
}

export class SocketInUseError extends Error {
  override name = 'SocketInUseError'
}

export async function serveCri(runtime: CriRuntime, socketPath: string, served: ServedRuntime): Promise<CriServer> {
  if (existsSync(socketPath)) {
    if (!statSync(socketPath).isSocket()) throw new SocketInUseError(`${socketPath} exists and is not a socket; choose another path`)
    // A socket file left behind by a server that is gone; binding would fail on it.
    rmSync(socketPath)
  }
  const { RuntimeService, ImageService } = criPackage().runtime.v1
  const server = new grpc.Server()
  const handlers: Record<string, Handler> = {}
  for (const [method, wire] of Object.entries(CRI_METHODS)) {
    handlers[wire] = unary((request) => (runtime[method as keyof CriRuntime] as (r: unknown) => unknown).call(runtime, request))
  }
  handlers['Version'] = unary(() => ({ version: '0.1.0', runtimeName: served.runtimeName, runtimeVersion: served.runtimeVersion, runtimeApiVersion: 'v1' }))
  handlers['Status'] = unary(() => ({
    status: {
      conditions: [
        { type: 'RuntimeReady', status: true, reason: '', message: '' },
        { type: 'NetworkReady', status: true, reason: '', message: '' },
      ],
    },
    info: {},
  }))
  handlers['ExecSync'] = (_call, callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: 'the simulator runs no real processes, so it cannot exec into one' } as grpc.ServiceError, null)
  const pick = (service: grpc.ServiceClientConstructor) =>
    Object.fromEntries(Object.keys(service.service).map((name) => [name, handlers[name]!]))
  server.addService(RuntimeService.service, pick(RuntimeService))
  server.addService(ImageService.service, pick(ImageService))
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(unixTarget(socketPath), grpc.ServerCredentials.createInsecure(), (error) => (error ? reject(error) : resolve()))
  })
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => {
          rmSync(socketPath, { force: true })
          resolve()
        })
      }),
  }
}
