/**
 * Kata 3 — the PodSandbox.
 *
 * You are writing the container runtime's side of the five CRI calls for sandboxes, the way
 * containerd answers them. The kubelet calls RunPodSandbox before it creates any container of
 * a pod; the sandbox owns the pod's namespaces and its IP, held by a tiny `/pause` process.
 *
 * `this.node` gives you the simulated node (all provided):
 *   node.kernel     createNetworkNamespace(), createNamespace('ipc' | 'uts' | 'pid' | 'mnt'),
 *                   spawn(command, namespaces), exit(pid, code), unpin(namespace), host (the node's namespaces)
 *   node.ipam       allocate(sandboxId) → '10.244.1.2', release(sandboxId)   (CNI ADD / CNI DEL)
 *   node.ids        next() → a 64-hex id
 *   node.clock      nowNanos() → bigint nanoseconds
 *   node.containers inSandbox(id), stop(containerId, kernel), remove(containerId)
 * setHostname(uts, hostname) (machinery/kernel/pod-env.ts) names a UTS namespace, as sethostname(2).
 * Errors that cross the CRI are GrpcError(code, desc); resolveId(ids, prefix) finds an id from
 * a unique prefix, as containerd does.
 *
 * Run `npm run kata` and make the specs in sandbox.spec.ts pass, one at a time.
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

/** What the runtime remembers about one sandbox. Add to it what you need. */
interface SandboxRecord {
  id: string
  /** `<name>_<namespace>_<uid>_<attempt>`: reserved until the sandbox is removed. */
  name: string
  config: PodSandboxConfig
  state: PodSandboxState
  /** Nanoseconds since the epoch, as a decimal string. */
  createdAt: string
  ip: string
  net: NetworkNamespace
  pausePid: number
}

// #region run
export class SandboxService {
  private readonly sandboxes = new Map<string, SandboxRecord>()

  constructor(private readonly node: SimulatedNode) {}

  runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {
    // TODO: make the id, then reserve the name: refuse one that is already reserved
    //       (failed to reserve sandbox name …), as containerd does, in that order.
    // TODO: create the namespaces sandboxNamespaceOptions(config) asks for (NODE = the node's own),
    //       with config.hostname in a UTS namespace of the pod's own; get an IP for a pod-network
    //       sandbox; start '/pause' inside them (every namespace, mnt too); remember it all.
    throw new Error('TODO: runPodSandbox is not written yet')
  }
  // #endregion run

  // #region stop
  stopPodSandbox(request: StopPodSandboxRequest): StopPodSandboxResponse {
    // TODO: stop the containers and the pause process, give the IP back, drop the network
    //       namespace; the record stays, SANDBOX_NOTREADY. Stop is idempotent.
    throw new Error('TODO: stopPodSandbox is not written yet')
  }
  // #endregion stop

  // #region remove
  removePodSandbox(request: RemovePodSandboxRequest): RemovePodSandboxResponse {
    // TODO: stop first, whatever the state; remove the containers left inside; forget the sandbox.
    throw new Error('TODO: removePodSandbox is not written yet')
  }
  // #endregion remove

  // #region status
  podSandboxStatus(request: PodSandboxStatusRequest): PodSandboxStatusResponse {
    // TODO: the status crictl inspectp shows, or NotFound. With verbose, containerd adds
    //       info: { info: JSON.stringify({ pid, processStatus, netNamespaceClosed }) }
    //       (pid 0 and processStatus "deleted" once the pause process is gone). A sandbox whose
    //       pause died is SANDBOX_NOTREADY even if nobody stopped it.
    throw new Error('TODO: podSandboxStatus is not written yet')
  }
  // #endregion status

  // #region list
  listPodSandbox(request: ListPodSandboxRequest): ListPodSandboxResponse {
    // TODO: every sandbox, narrowed by the filter's id (a unique prefix, as containerd resolves
    //       it), state and labels.
    throw new Error('TODO: listPodSandbox is not written yet')
  }
  // #endregion list
}

