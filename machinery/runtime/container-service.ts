/**
 * The runtime's half of the CRI for containers: CreateContainer, StartContainer,
 * StopContainer, RemoveContainer, ContainerStatus and ListContainers, the way containerd
 * serves them. Provided machinery (chapter 5 looks inside).
 *
 * The heart of it is what "a container in a pod" means on Linux: StartContainer starts the
 * process inside the network, IPC and UTS namespaces of the sandbox's pause process — found
 * through its pid, as containerd does with /proc/<pid>/ns/… — and inside pause's PID namespace
 * only when the pod shares one (shareProcessNamespace). The mount namespace is always its own.
 */
import type {
  Container,
  ContainerConfig,
  ContainerStatusRequest,
  ContainerStatusResponse,
  CreateContainerRequest,
  CreateContainerResponse,
  ListContainersRequest,
  ListContainersResponse,
  NamespaceOption,
  RemoveContainerRequest,
  RemoveContainerResponse,
  StartContainerRequest,
  StartContainerResponse,
  StopContainerRequest,
  StopContainerResponse,
} from './cri.ts'
import type { ContainerRecord } from './containers.ts'
import { GrpcError } from './grpc.ts'
import type { ImageStore } from '../images/image-service.ts'
import type { SimulatedNode } from '../node/node.ts'
import type { PausePart } from '../parts.ts'
import { PrefixError, resolveId } from './truncindex.ts'

/** What the runtime needs to know about a sandbox to put a container in it. */
export interface SandboxHandle {
  /** The pause process; 0 when it is not running. */
  pausePid: number
  namespaceOptions: NamespaceOption
  /** `<pod name>_<namespace>_<uid>_<attempt>`, part of the container's reserved name. */
  name: string
}

/**
 * What a container's process does once started. Real programs decide for themselves; here the
 * node's owner decides: keep running, or exit at once with a code (an init container that
 * finishes its job, a program that crashes on start).
 */
export type ProgramBehaviour = (config: ContainerConfig) => { exitCode: number } | 'runs'

export interface ContainerServiceOptions {
  node: SimulatedNode
  images: ImageStore
  sandbox: (podSandboxId: string) => SandboxHandle | undefined
  behaviour?: ProgramBehaviour
  step?: (text: string) => void
  /** Which namespaces a new container gets (chapter 5). */
  containerNamespaces: PausePart['containerNamespaces']
}

export class ContainerService {
  /** Reserved container names → the id holding each. */
  private readonly names = new Map<string, string>()

  constructor(private readonly options: ContainerServiceOptions) {}

  createContainer(request: CreateContainerRequest): CreateContainerResponse {
    const { node, images } = this.options
    const { config } = request
    const sandbox = this.options.sandbox(request.podSandboxId)
    if (!sandbox) {
      throw new GrpcError('NotFound', `failed to find sandbox id "${request.podSandboxId}": not found`)
    }
    if (!sandbox.pausePid) {
      throw new GrpcError('Unknown', `failed to get sandbox container task: no running task found: task ${request.podSandboxId} not found: not found`)
    }
    const name = `${config.metadata.name}_${sandbox.name}_${config.metadata.attempt}`
    const holder = this.names.get(name)
    if (holder) {
      throw new GrpcError('Unknown', `failed to reserve container name "${name}": name "${name}" is reserved for "${holder}"`)
    }
    const image = images.find(config.image.image)
    if (!image) throw new GrpcError('NotFound', `failed to resolve image "${config.image.image}": not found`)
    const id = node.ids.next()
    this.names.set(name, id)
    node.containers.add({
      id,
      podSandboxId: request.podSandboxId,
      name: config.metadata.name,
      attempt: config.metadata.attempt,
      state: 'CONTAINER_CREATED',
      config,
      imageRef: image.id,
      createdAt: node.clock.nowNanos().toString(),
      startedAt: '0',
      finishedAt: '0',
    })
    this.options.step?.(`from ${image.repoTags[0] ?? image.id}`)
    return { containerId: id }
  }

  startContainer(request: StartContainerRequest): StartContainerResponse {
    const { node } = this.options
    const record = this.find(request.containerId)
    if (record.state !== 'CONTAINER_CREATED') {
      throw new GrpcError('Unknown', `container "${record.id}" is in ${stateWord(record.state)} state`)
    }
    const sandbox = this.options.sandbox(record.podSandboxId)
    const pause = sandbox?.pausePid ? node.kernel.processes.get(sandbox.pausePid) : undefined
    if (!sandbox || !pause || pause.state !== 'running') {
      throw new GrpcError('Unknown', `sandbox container "${record.podSandboxId}" is not running`)
    }
    const { kernel } = node
    const command = commandLine(record.config)
    const namespaces = this.options.containerNamespaces(kernel, pause, sandbox.namespaceOptions)
    const pid = namespaces.pid
    const process = kernel.spawn(command, namespaces)
    this.options.step?.(`join pause's net, ipc, uts${pid === pause.namespaces.pid ? ', pid' : ''} (pid ${pause.pid})`)
    this.options.step?.(`start ${command} (pid ${process.pid})`)
    record.pid = process.pid
    record.state = 'CONTAINER_RUNNING'
    record.startedAt = node.clock.nowNanos().toString()
    const behaviour = record.config ? (this.options.behaviour?.(record.config) ?? 'runs') : 'runs'
    if (behaviour !== 'runs') {
      kernel.exit(process.pid, behaviour.exitCode)
      this.options.step?.(`pid ${process.pid} exited with code ${behaviour.exitCode}`)
    }
    return {}
  }

  stopContainer(request: StopContainerRequest): StopContainerResponse {
    const record = this.find(request.containerId)
    this.refresh(record)
    if (record.state === 'CONTAINER_RUNNING' && record.pid !== undefined) {
      // SIGTERM, and the program exits cleanly within its grace period.
      this.options.node.kernel.exit(record.pid, request.timeout > 0 ? 0 : 137)
      this.options.step?.(`stop ${record.name} (pid ${record.pid})`)
    }
    this.refresh(record)
    if (record.state === 'CONTAINER_CREATED') record.state = 'CONTAINER_EXITED'
    return {}
  }

  removeContainer(request: RemoveContainerRequest): RemoveContainerResponse {
    let record: ContainerRecord
    try {
      record = this.find(request.containerId)
    } catch (error) {
      if (error instanceof GrpcError && error.code === 'NotFound') return {}
      throw error
    }
    this.refresh(record)
    if (record.state === 'CONTAINER_RUNNING') {
      throw new GrpcError('Unknown', `failed to remove container "${record.id}": container is still running, to stop first`)
    }
    this.options.node.containers.remove(record.id)
    for (const [name, id] of this.names) if (id === record.id) this.names.delete(name)
    return {}
  }

  containerStatus(request: ContainerStatusRequest): ContainerStatusResponse {
    const record = this.find(request.containerId)
    this.refresh(record)
    const exited = record.state === 'CONTAINER_EXITED'
    return {
      status: {
        id: record.id,
        metadata: { name: record.name, attempt: record.attempt },
        state: record.state,
        createdAt: record.createdAt ?? '0',
        startedAt: record.startedAt ?? '0',
        finishedAt: record.finishedAt ?? '0',
        exitCode: record.exitCode ?? 0,
        image: record.config?.image ?? { image: '' },
        imageRef: record.imageRef ?? '',
        // containerd's reasons for an exited container.
        reason: exited ? (record.exitCode === 0 ? 'Completed' : 'Error') : '',
        message: '',
        labels: record.config?.labels ?? {},
        annotations: record.config?.annotations ?? {},
        logPath: record.config?.logPath ?? '',
      },
      info: {},
    }
  }

  listContainers(request: ListContainersRequest): ListContainersResponse {
    const filter = request.filter ?? {}
    const containers: Container[] = this.options.node.containers
      .all()
      .map((record) => {
        this.refresh(record)
        return record
      })
      .filter((r) => !filter.id || r.id.startsWith(filter.id))
      .filter((r) => !filter.podSandboxId || r.podSandboxId === filter.podSandboxId)
      .filter((r) => !filter.state || r.state === filter.state.state)
      .filter((r) => Object.entries(filter.labelSelector ?? {}).every(([k, v]) => r.config?.labels?.[k] === v))
      .map((r) => ({
        id: r.id,
        podSandboxId: r.podSandboxId,
        metadata: { name: r.name, attempt: r.attempt },
        image: r.config?.image ?? { image: '' },
        imageRef: r.imageRef ?? '',
        state: r.state,
        createdAt: r.createdAt ?? '0',
        labels: r.config?.labels ?? {},
        annotations: r.config?.annotations ?? {},
      }))
    return { containers }
  }

  /** containerd notices a task exit through its event stream; here, when it next looks. */
  private refresh(record: ContainerRecord): void {
    if (record.state !== 'CONTAINER_RUNNING' || record.pid === undefined) return
    const process = this.options.node.kernel.processes.get(record.pid)
    if (process?.state !== 'exited') return
    record.state = 'CONTAINER_EXITED'
    record.exitCode = process.exitCode ?? 0
    record.finishedAt = this.options.node.clock.nowNanos().toString()
  }

  private find(idOrPrefix: string): ContainerRecord {
    const { containers } = this.options.node
    try {
      const id = resolveId(
        containers.all().map((c) => c.id),
        idOrPrefix,
      )
      return containers.get(id)!
    } catch (error) {
      if (error instanceof PrefixError && error.kind === 'not-found') {
        throw new GrpcError('NotFound', `an error occurred when try to find container "${idOrPrefix}": not found`)
      }
      throw new GrpcError('Unknown', `an error occurred when try to find container "${idOrPrefix}": ${(error as Error).message}`)
    }
  }
}

/** What runs, for traces: the image as the Pod names it. */
function commandLine(config: ContainerConfig | undefined): string {
  return config ? (config.image.userSpecifiedImage ?? config.image.image) : 'unknown'
}

function stateWord(state: ContainerRecord['state']): string {
  return state.replace('CONTAINER_', '')
}
