/**
 * Kata 3 — the PodSandbox. The reference solution.
 *
 * The runtime's half of the CRI for sandboxes, as containerd implements it: RunPodSandbox
 * creates the pod's namespaces and network and starts the pause process that holds them;
 * StopPodSandbox takes them down and gives the IP back; RemovePodSandbox forgets the sandbox
 * and anything left in it; PodSandboxStatus and ListPodSandbox report.
 */
import type {
  ListPodSandboxRequest,
  ListPodSandboxResponse,
  PodSandbox,
  PodSandboxConfig,
  PodSandboxState,
  PodSandboxStatusRequest,
  PodSandboxStatusResponse,
  RemovePodSandboxRequest,
  RemovePodSandboxResponse,
  RunPodSandboxRequest,
  RunPodSandboxResponse,
  StopPodSandboxRequest,
  StopPodSandboxResponse,
} from '../../machinery/runtime/cri.ts'
import { sandboxNamespaceOptions } from '../../machinery/runtime/cri.ts'
import { GrpcError } from '../../machinery/runtime/grpc.ts'
import type { NetworkNamespace } from '../../machinery/kernel/kernel.ts'
import { setHostname } from '../../machinery/kernel/pod-env.ts'
import type { SimulatedNode } from '../../machinery/node/node.ts'
import { PrefixError, resolveId } from '../../machinery/runtime/truncindex.ts'

/** What the runtime remembers about one sandbox. */
export interface SandboxRecord {
  id: string
  /** `<name>_<namespace>_<uid>_<attempt>`: reserved until the sandbox is removed. */
  name: string
  config: PodSandboxConfig
  runtimeHandler: string
  state: PodSandboxState
  createdAt: string
  ip: string
  /** The pod's network namespace; the node's own with network NODE. */
  net: NetworkNamespace
  ownNetwork: boolean
  pausePid: number
}

// #region run
export class SandboxService {
  protected readonly sandboxes = new Map<string, SandboxRecord>()

  constructor(protected readonly node: SimulatedNode) {}

  runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {
    const { config } = request
    if (!config?.metadata) throw new GrpcError('Unknown', 'sandbox config must include metadata')
    const { kernel, ipam, ids, clock } = this.node
    // containerd makes the id first and only then reserves the name, so a refused request
    // has used up an id too (its debug log: generated id for sandbox name "…").
    const id = ids.next()
    const name = sandboxName(config)
    const holder = [...this.sandboxes.values()].find((s) => s.name === name)
    if (holder) {
      throw new GrpcError('Unknown', `failed to reserve sandbox name "${name}": name "${name}" is reserved for "${holder.id}"`)
    }
    const options = sandboxNamespaceOptions(config)
    const ownNetwork = options.network !== 'NODE'
    // The pod's own network namespace is pinned (containerd bind-mounts it), so it outlives
    // the pause process until StopPodSandbox removes it.
    const net = ownNetwork ? kernel.createNetworkNamespace() : (kernel.host.net as NetworkNamespace)
    if (ownNetwork) net.pinned = true
    const ip = ownNetwork ? ipam.allocate(id) : ''
    if (ip) net.addresses.add(ip)
    // UTS follows the network namespace: a pod on the node's network has the node's hostname;
    // a pod of its own gets the hostname the kubelet sent (the OCI spec's hostname).
    const uts = ownNetwork ? kernel.createNamespace('uts') : kernel.host.uts
    if (ownNetwork) setHostname(uts, config.hostname ?? '')
    const ipc = options.ipc === 'NODE' ? kernel.host.ipc : kernel.createNamespace('ipc')
    // pause is PID 1 of a PID namespace of its own unless the pod uses the node's.
    const pid = options.pid === 'NODE' ? kernel.host.pid : kernel.createNamespace('pid')
    // Nothing removes the mount namespace from containerd's default spec: pause gets its own.
    const pause = kernel.spawn('/pause', { net, uts, ipc, pid, mnt: kernel.createNamespace('mnt') })
    this.sandboxes.set(id, {
      id,
      name,
      config,
      runtimeHandler: request.runtimeHandler ?? '',
      state: 'SANDBOX_READY',
      createdAt: clock.nowNanos().toString(),
      ip,
      net,
      ownNetwork,
      pausePid: pause.pid,
    })
    return { podSandboxId: id }
  }
  // #endregion run

  // #region stop
  stopPodSandbox(request: StopPodSandboxRequest): StopPodSandboxResponse {
    const sandbox = this.find(request.podSandboxId, (prefix) => `an error occurred when try to find sandbox "${prefix}": `)
    // Stop is idempotent: an unknown sandbox has nothing left to reclaim.
    if (!sandbox) return {}
    const { kernel, ipam, containers } = this.node
    for (const container of containers.inSandbox(sandbox.id)) containers.stop(container.id, kernel)
    kernel.exit(sandbox.pausePid, 137) // SIGKILL
    if (sandbox.ownNetwork) {
      ipam.release(sandbox.id) // CNI DEL
      sandbox.net.addresses.delete(sandbox.ip)
      kernel.unpin(sandbox.net) // the netns bind mount goes
    }
    sandbox.state = 'SANDBOX_NOTREADY'
    return {}
  }
  // #endregion stop

  // #region remove
  removePodSandbox(request: RemovePodSandboxRequest): RemovePodSandboxResponse {
    const sandbox = this.find(request.podSandboxId, (prefix) => `an error occurred when try to find sandbox "${prefix}": `)
    if (!sandbox) return {}
    // Whatever its state, stop it fully first: containers, pause, network.
    this.stopPodSandbox({ podSandboxId: sandbox.id })
    const { containers } = this.node
    for (const container of containers.inSandbox(sandbox.id)) containers.remove(container.id)
    // Deleting the record also frees the name for a new sandbox.
    this.sandboxes.delete(sandbox.id)
    return {}
  }
  // #endregion remove

  // #region status
  podSandboxStatus(request: PodSandboxStatusRequest): PodSandboxStatusResponse {
    const sandbox = this.find(request.podSandboxId, () => 'an error occurred when try to find sandbox: ')
    if (!sandbox) throw new GrpcError('NotFound', 'an error occurred when try to find sandbox: not found')
    this.noticeExit(sandbox)
    // A stopped sandbox's network namespace is gone, so it has no IP to report. One whose
    // pause died but that nobody stopped still has it: the bind mount keeps the netns.
    const ip = sandbox.ownNetwork && sandbox.net.alive ? sandbox.ip : ''
    const status = {
      ...summary(sandbox),
      network: { ip, additionalIps: [] },
      linux: { namespaces: { options: sandboxNamespaceOptions(sandbox.config) } },
    }
    if (!request.verbose) return { status, info: {} }
    // containerd's verbose extra: one key, "info", holding JSON. Its pid is how containers
    // find the namespaces to join (/proc/<pid>/ns/...).
    // Once pause is gone — stopped, or dead on its own — containerd has deleted its task:
    // no pid, and "deleted", a status containerd itself does not have.
    const running = this.node.kernel.processes.get(sandbox.pausePid)?.state === 'running'
    const info = {
      pid: running ? sandbox.pausePid : 0,
      processStatus: running ? 'running' : 'deleted',
      netNamespaceClosed: !sandbox.net.alive,
    }
    return { status, info: { info: JSON.stringify(info) } }
  }
  // #endregion status

  // #region list
  listPodSandbox(request: ListPodSandboxRequest): ListPodSandboxResponse {
    const filter = request.filter ?? {}
    let id = filter.id ?? ''
    try {
      if (id) id = resolveId(this.sandboxes.keys(), id)
    } catch {
      // An unknown or ambiguous id matches nothing; listing never fails.
    }
    for (const sandbox of this.sandboxes.values()) this.noticeExit(sandbox)
    // An id prefix that matches several sandboxes resolves to none, and is then compared
    // as it is with every full id: it matches nothing.
    const items = [...this.sandboxes.values()]
      .filter((s) => !id || s.id === id)
      .filter((s) => !filter.state || s.state === filter.state.state)
      .filter((s) => Object.entries(filter.labelSelector ?? {}).every(([k, v]) => s.config.labels?.[k] === v))
      .map(summary)
    return { items }
  }
  // #endregion list

  /**
   * containerd's exit monitor: when the pause task exits, the sandbox becomes NOTREADY with
   * pid 0, whether or not anyone called StopPodSandbox. Here it is noticed when asked.
   */
  protected noticeExit(sandbox: SandboxRecord): void {
    if (this.node.kernel.processes.get(sandbox.pausePid)?.state !== 'running') sandbox.state = 'SANDBOX_NOTREADY'
  }

  /** The sandbox an id or a unique id prefix names; undefined if there is none. */
  protected find(idOrPrefix: string, context: (prefix: string) => string): SandboxRecord | undefined {
    try {
      return this.sandboxes.get(resolveId(this.sandboxes.keys(), idOrPrefix))
    } catch (error) {
      if (error instanceof PrefixError && error.kind === 'not-found') return undefined
      throw new GrpcError('Unknown', context(idOrPrefix) + (error as Error).message)
    }
  }
}

function sandboxName(config: PodSandboxConfig): string {
  const { name, namespace, uid, attempt } = config.metadata
  return [name, namespace, uid, String(attempt ?? 0)].join('_')
}


function summary(sandbox: SandboxRecord): PodSandbox {
  return {
    id: sandbox.id,
    metadata: sandbox.config.metadata,
    state: sandbox.state,
    createdAt: sandbox.createdAt,
    labels: sandbox.config.labels ?? {},
    annotations: sandbox.config.annotations ?? {},
    runtimeHandler: sandbox.runtimeHandler,
  }
}
