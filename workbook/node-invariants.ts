/**
 * What must hold on a simulated node after every step, whoever wrote its parts: the rules a
 * real kubelet and runtime keep, checked from the outside (the CRI's listings, the IPAM, the
 * kernel, the recorded events). workbook/node-properties.ts plays random histories and calls
 * check() after each step; the first broken rule is thrown as an InvariantError.
 */
import type { NodeSession } from '../assembly/index.ts'
import type { ContainerState, PodSandboxState } from '../machinery/runtime/cri.ts'

export class InvariantError extends Error {
  override name = 'InvariantError'
}

/** Reasons the kubelet (and the scheduler, for Scheduled) gives, from k/k pkg/kubelet/events. */
const KNOWN_REASONS = new Set([
  'Scheduled',
  'Pulling',
  'Pulled',
  'Failed',
  'BackOff',
  'ErrImageNeverPull',
  'InspectFailed',
  'Created',
  'Started',
  'Killing',
  'SandboxChanged',
  'FailedCreatePodSandBox',
  'FailedPodSandBoxStatus',
  'FailedKillPod',
  'FailedSync',
])

/** What a message must never contain: a JavaScript error or value that leaked into the words. */
const LEAKS = /\bundefined\b|\bNaN\b|\[object |is not a function|Cannot read propert|is not defined|is not iterable|Maximum call stack|TypeError|ReferenceError|RangeError/

/** The CRI's legal moves: a sandbox never comes back to READY, a container never runs twice. */
const SANDBOX_NEXT: Record<PodSandboxState, PodSandboxState[]> = {
  SANDBOX_READY: ['SANDBOX_READY', 'SANDBOX_NOTREADY'],
  SANDBOX_NOTREADY: ['SANDBOX_NOTREADY'],
}
const CONTAINER_NEXT: Record<ContainerState, ContainerState[]> = {
  CONTAINER_CREATED: ['CONTAINER_CREATED', 'CONTAINER_RUNNING', 'CONTAINER_EXITED'],
  CONTAINER_RUNNING: ['CONTAINER_RUNNING', 'CONTAINER_EXITED'],
  CONTAINER_EXITED: ['CONTAINER_EXITED'],
  CONTAINER_UNKNOWN: ['CONTAINER_UNKNOWN', 'CONTAINER_EXITED'],
}

export class NodeInvariants {
  private readonly sandboxStates = new Map<string, PodSandboxState>()
  private readonly containerStates = new Map<string, ContainerState>()
  /** Every id ever listed, and whether it was a sandbox or a container. */
  private readonly ids = new Map<string, 'sandbox' | 'container'>()
  private eventsChecked = 0
  private callsChecked = 0
  /** Sandboxes a StopPodSandbox or RemovePodSandbox call has stopped. */
  private readonly stopped = new Set<string>()

  /** Throws an InvariantError naming the first rule the node breaks now. */
  check(session: NodeSession): void {
    const runtime = session.runtime
    const sandboxes = runtime.listPodSandbox({}).items
    const containers = runtime.listContainers({}).containers
    const { ipam } = session.node

    // Ids are unique: never reused, never both a sandbox's and a container's.
    for (const [id, kind] of [...sandboxes.map((s) => [s.id, 'sandbox'] as const), ...containers.map((c) => [c.id, 'container'] as const)]) {
      const before = this.ids.get(id)
      if (before && before !== kind) fail(`id ${short(id)} is both a sandbox's and a container's`)
      this.ids.set(id, kind)
    }

    // StopPodSandbox (from the kubelet or crictl) is what stops a sandbox; one whose pause
    // died is NOTREADY but keeps its network until then, as containerd's does.
    for (const call of session.trace.calls().slice(this.callsChecked)) {
      if (!call.error && (call.method === 'StopPodSandbox' || call.method === 'RemovePodSandbox')) {
        this.stopped.add((call.request as { podSandboxId: string }).podSandboxId)
      }
    }
    this.callsChecked = session.trace.calls().length

    // An IP is held by one sandbox at most, and a stopped sandbox's IP is back in the pool.
    const holders = new Map<string, string>()
    const reported = new Map<string, string>()
    for (const sandbox of sandboxes) {
      const ip = runtime.podSandboxStatus({ podSandboxId: sandbox.id }).status.network?.ip ?? ''
      if (this.stopped.has(sandbox.id) && ip) fail(`stopped sandbox ${short(sandbox.id)} still reports IP ${ip}`)
      if (!ip) continue
      const other = holders.get(ip)
      if (other) fail(`IP ${ip} is held by two sandboxes, ${short(other)} and ${short(sandbox.id)}`)
      holders.set(ip, sandbox.id)
      reported.set(sandbox.id, ip)
    }
    for (const ip of ipam.inUse) {
      const owner = ipam.ownerOf(ip)!
      if (this.stopped.has(owner)) fail(`IP ${ip} is still reserved for sandbox ${short(owner)}, which was stopped`)
      if (!sandboxes.some((s) => s.id === owner)) fail(`IP ${ip} is still reserved for sandbox ${short(owner)}, which is gone`)
      if (reported.get(owner) !== ip) fail(`IP ${ip} is reserved for sandbox ${short(owner)}, which does not report it`)
    }

    // No container outlives its sandbox.
    const listed = new Set(sandboxes.map((s) => s.id))
    for (const container of containers) {
      if (!listed.has(container.podSandboxId)) fail(`container ${container.metadata.name} (${short(container.id)}) is left after its sandbox ${short(container.podSandboxId)} was removed`)
      if (container.state === 'CONTAINER_RUNNING' && this.stopped.has(container.podSandboxId)) {
        fail(`container ${container.metadata.name} (${short(container.id)}) runs in stopped sandbox ${short(container.podSandboxId)}`)
      }
    }

    // Namespaces are released when their last holder goes: no exited process is still a member.
    const { kernel } = session.node
    for (const process of kernel.processes.values()) {
      if (process.state !== 'exited') continue
      for (const [type, ns] of Object.entries(process.namespaces)) {
        if (ns.members.has(process.pid)) fail(`exited process ${process.pid} (${process.command}) still holds its ${type} namespace ${ns}`)
      }
    }

    // States move only along the CRI's legal transitions. Attempts only grow: a new sandbox's
    // attempt is above those of the pod's sandboxes still on the node, a new container's above
    // those of its namesakes still in the same sandbox (the kubelet counts restarts from what
    // the runtime still lists, so a container removed by hand does not count).
    for (const sandbox of sandboxes) {
      const before = this.sandboxStates.get(sandbox.id)
      if (before && !SANDBOX_NEXT[before].includes(sandbox.state)) fail(`sandbox ${short(sandbox.id)} went from ${before} to ${sandbox.state}`)
      if (!before) {
        const older = sandboxes.filter((s) => s.id !== sandbox.id && s.metadata.uid === sandbox.metadata.uid && this.sandboxStates.has(s.id))
        const newest = Math.max(-1, ...older.map((s) => s.metadata.attempt))
        if (older.length > 0 && sandbox.metadata.attempt <= newest) {
          fail(`a new sandbox of pod ${sandbox.metadata.name} has attempt ${sandbox.metadata.attempt}, not more than the ${newest} of one still on the node`)
        }
      }
    }
    for (const container of containers) {
      const before = this.containerStates.get(container.id)
      if (before && !CONTAINER_NEXT[before].includes(container.state)) fail(`container ${container.metadata.name} (${short(container.id)}) went from ${before} to ${container.state}`)
      if (!before) {
        const older = containers.filter(
          (c) => c.id !== container.id && c.podSandboxId === container.podSandboxId && c.metadata.name === container.metadata.name && this.containerStates.has(c.id),
        )
        const newest = Math.max(-1, ...older.map((c) => c.metadata.attempt))
        if (older.length > 0 && container.metadata.attempt <= newest) {
          fail(`a new ${container.metadata.name} container has attempt ${container.metadata.attempt}, not more than the ${newest} of one still in the same sandbox`)
        }
      }
    }
    for (const sandbox of sandboxes) this.sandboxStates.set(sandbox.id, sandbox.state)
    for (const container of containers) this.containerStates.set(container.id, container.state)

    // Every event has a kubelet reason and a well-formed message.
    const events = session.trace.events()
    for (const event of events.slice(this.eventsChecked)) {
      if (!KNOWN_REASONS.has(event.reason)) fail(`event with reason "${event.reason}", which the kubelet never gives`)
      if (event.type !== 'Normal' && event.type !== 'Warning') fail(`event ${event.reason} of type "${String(event.type)}"`)
      if (typeof event.message !== 'string' || event.message.trim() === '') fail(`event ${event.reason} has no message`)
      if (/\n/.test(event.message)) fail(`event ${event.reason} has a message of several lines`)
      const leak = LEAKS.exec(event.message)
      if (leak) fail(`event ${event.reason} has "${leak[0]}" in its message: ${event.message}`)
    }
    this.eventsChecked = events.length
  }
}

function fail(what: string): never {
  throw new InvariantError(what)
}

function short(id: string): string {
  return id.slice(0, 13)
}
