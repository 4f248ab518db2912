/**
 * A CRI v1 client over a unix socket: the kubelet's side of the conversation, for a real
 * runtime (containerd's socket) or for the simulator served by `npm run sim -- --serve`.
 * Every call is a promise; a failure is a CriError carrying the gRPC status as the kubelet
 * receives it, printed the way grpc-go prints it: `rpc error: code = Unknown desc = …`.
 */
import * as grpc from '@grpc/grpc-js'
import type * as cri from '../machinery/runtime/cri.ts'
import { codeName, criPackage, type CodeName, type WireMethod, unixTarget, IMAGE_METHODS } from './cri-wire.ts'

export class CriError extends Error {
  override name = 'CriError'
  constructor(
    readonly code: CodeName,
    /** The runtime's own text: what grpc-go calls the description. */
    readonly details: string,
  ) {
    super(`rpc error: code = ${code} desc = ${details}`)
  }
}

export interface VersionResponse {
  version: string
  runtimeName: string
  runtimeVersion: string
  runtimeApiVersion: string
}

export interface RuntimeCondition {
  type: string
  status: boolean
  reason: string
  message: string
}

export interface StatusResponse {
  status: { conditions: RuntimeCondition[] }
  info: Record<string, string>
}

export interface ExecSyncResponse {
  stdout: Buffer
  stderr: Buffer
  exitCode: number
}

type Unary = (request: unknown, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response: unknown) => void) => void

export class CriClient {
  private readonly runtime: grpc.Client
  private readonly images: grpc.Client

  constructor(
    readonly socketPath: string,
    /** How long one call may take before it fails with DeadlineExceeded. */
    private readonly timeoutMs = 60_000,
  ) {
    const { RuntimeService, ImageService } = criPackage().runtime.v1
    const target = unixTarget(socketPath)
    const credentials = grpc.credentials.createInsecure()
    this.runtime = new RuntimeService(target, credentials)
    this.images = new ImageService(target, credentials)
  }

  /** Any method by its wire name; the typed helpers below are what the lab uses. */
  call<T>(method: WireMethod, request: object = {}): Promise<T> {
    const client = (IMAGE_METHODS as readonly string[]).includes(method) ? this.images : this.runtime
    const unary = (client as unknown as Record<string, Unary>)[method]!.bind(client)
    return new Promise((resolve, reject) => {
      unary(request, new grpc.Metadata(), { deadline: Date.now() + this.timeoutMs }, (error, response) => {
        if (error) reject(new CriError(codeName(error.code), error.details))
        else resolve(response as T)
      })
    })
  }

  version(): Promise<VersionResponse> {
    return this.call('Version', { version: '0.1.0' })
  }
  status(): Promise<StatusResponse> {
    return this.call('Status', {})
  }
  runPodSandbox(request: cri.RunPodSandboxRequest): Promise<cri.RunPodSandboxResponse> {
    return this.call('RunPodSandbox', request)
  }
  stopPodSandbox(request: cri.StopPodSandboxRequest): Promise<cri.StopPodSandboxResponse> {
    return this.call('StopPodSandbox', request)
  }
  removePodSandbox(request: cri.RemovePodSandboxRequest): Promise<cri.RemovePodSandboxResponse> {
    return this.call('RemovePodSandbox', request)
  }
  podSandboxStatus(request: cri.PodSandboxStatusRequest): Promise<cri.PodSandboxStatusResponse> {
    return this.call('PodSandboxStatus', request)
  }
  listPodSandbox(request: cri.ListPodSandboxRequest = {}): Promise<cri.ListPodSandboxResponse> {
    return this.call('ListPodSandbox', request)
  }
  createContainer(request: cri.CreateContainerRequest): Promise<cri.CreateContainerResponse> {
    return this.call('CreateContainer', request)
  }
  startContainer(request: cri.StartContainerRequest): Promise<cri.StartContainerResponse> {
    return this.call('StartContainer', request)
  }
  stopContainer(request: cri.StopContainerRequest): Promise<cri.StopContainerResponse> {
    return this.call('StopContainer', request)
  }
  removeContainer(request: cri.RemoveContainerRequest): Promise<cri.RemoveContainerResponse> {
    return this.call('RemoveContainer', request)
  }
  containerStatus(request: cri.ContainerStatusRequest): Promise<cri.ContainerStatusResponse> {
    return this.call('ContainerStatus', request)
  }
  listContainers(request: cri.ListContainersRequest = {}): Promise<cri.ListContainersResponse> {
    return this.call('ListContainers', request)
  }
  execSync(request: { containerId: string; cmd: string[]; timeout?: number }): Promise<ExecSyncResponse> {
    return this.call('ExecSync', request)
  }
  listImages(request: cri.ListImagesRequest = {}): Promise<cri.ListImagesResponse> {
    return this.call('ListImages', request)
  }
  imageStatus(request: cri.ImageStatusRequest): Promise<cri.ImageStatusResponse> {
    return this.call('ImageStatus', request)
  }
  pullImage(request: cri.PullImageRequest): Promise<cri.PullImageResponse> {
    return this.call('PullImage', request)
  }
  removeImage(request: cri.RemoveImageRequest): Promise<cri.RemoveImageResponse> {
    return this.call('RemoveImage', request)
  }

  close(): void {
    this.runtime.close()
    this.images.close()
  }
}
