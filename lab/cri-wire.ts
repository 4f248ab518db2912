/**
 * The CRI v1 wire format, loaded from the project's own proto (lab/proto/cri-v1.proto) for the
 * client and the server alike. Field names come out camelCase, enums as their proto names and
 * int64/uint64 as decimal strings — the same shapes machinery/cri.ts uses — so the simulator's
 * objects cross the wire without a translation layer of their own.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as grpc from '@grpc/grpc-js'
import * as protoLoader from '@grpc/proto-loader'

export const PROTO_FILE = fileURLToPath(new URL('./proto/cri-v1.proto', import.meta.url))

/** How proto messages become JS objects, on both ends. */
const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
}

interface CriPackage {
  runtime: { v1: { RuntimeService: grpc.ServiceClientConstructor; ImageService: grpc.ServiceClientConstructor } }
}

let loaded: CriPackage | undefined

export function criPackage(): CriPackage {
  loaded ??= grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_FILE, LOADER_OPTIONS)) as unknown as CriPackage
  return loaded
}

/** Which service each method belongs to, with its wire name. */
export const RUNTIME_METHODS = [
  'Version',
  'RunPodSandbox',
  'StopPodSandbox',
  'RemovePodSandbox',
  'PodSandboxStatus',
  'ListPodSandbox',
  'CreateContainer',
  'StartContainer',
  'StopContainer',
  'RemoveContainer',
  'ListContainers',
  'ContainerStatus',
  'ExecSync',
  'Status',
] as const
export const IMAGE_METHODS = ['ListImages', 'ImageStatus', 'PullImage', 'RemoveImage'] as const

export type WireMethod = (typeof RUNTIME_METHODS)[number] | (typeof IMAGE_METHODS)[number]

/** gRPC status codes by number, named the way grpc-go prints them in `rpc error: code = …`. */
export const CODE_NAMES = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
] as const

export type CodeName = (typeof CODE_NAMES)[number]

export function codeNumber(name: string): number {
  const index = (CODE_NAMES as readonly string[]).indexOf(name)
  return index < 0 ? grpc.status.UNKNOWN : index
}

export function codeName(code: number): CodeName {
  return CODE_NAMES[code] ?? 'Unknown'
}

/** A unix socket path as gRPC wants it: `unix:///run/x.sock`. */
export function unixTarget(socketPath: string): string {
  return `unix://${resolve(socketPath)}`
}
