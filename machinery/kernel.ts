/**
 * A very small simulated Linux node: namespaces, processes, sockets and files — just enough
 * for a Pod to behave like a Pod. Provided machinery: katas build pods and sandboxes on top of
 * it; nobody writes a kernel.
 *
 * What it models, and why:
 * - Namespaces have an identity (an inode number, as in /proc/<pid>/ns/net), so "these two
 *   containers share a network namespace" is something a spec can check.
 * - A network namespace owns its own loopback and its own ports: `localhost` reaches only
 *   what listens in the same namespace, and a port can be bound once per namespace.
 * - A namespace lives while a process is in it, or while something pins it (a bind mount, as
 *   containerd does for the pod's network namespace).
 * - Errors read as Go's net and os packages print them, since that is what real logs show.
 */

export type NamespaceType = 'net' | 'ipc' | 'uts' | 'pid' | 'mnt'

export class KernelError extends Error {
  override name = 'KernelError'
  constructor(
    message: string,
    /** The errno name, e.g. EADDRINUSE, so code can react without parsing the message. */
    readonly code: string,
  ) {
    super(message)
  }
}

export class Namespace {
  /** Processes inside it, by host PID. */
  readonly members = new Set<number>()
  /** Something other than a process that keeps it alive (e.g. a bind mount). */
  pinned = false

  constructor(
    readonly type: NamespaceType,
    readonly inode: number,
  ) {}

  get alive(): boolean {
    return this.pinned || this.members.size > 0
  }

  /** As `readlink /proc/<pid>/ns/<type>` prints it: `net:[4026532301]`. */
  toString(): string {
    return `${this.type}:[${this.inode}]`
  }
}

export type Listener = (request: string) => string

export class NetworkNamespace extends Namespace {
  /** Addresses on its interfaces; 127.0.0.1 (lo) is always there. */
  readonly addresses = new Set<string>(['127.0.0.1'])
  private readonly listeners = new Map<number, { owner: string; listener: Listener }>()

  constructor(inode: number) {
    super('net', inode)
  }

  /** Listens on every address of the namespace (":port"), like a server started on 0.0.0.0. */
  listen(port: number, owner: string, listener: Listener): void {
    if (this.listeners.has(port)) {
      throw new KernelError(`listen tcp :${port}: bind: address already in use`, 'EADDRINUSE')
    }
    this.listeners.set(port, { owner, listener })
  }

  close(port: number): void {
    this.listeners.delete(port)
  }

  /** Who listens on the port, if anyone. */
  ownerOf(port: number): string | undefined {
    return this.listeners.get(port)?.owner
  }

  listenerOn(port: number): Listener | undefined {
    return this.listeners.get(port)?.listener
  }

  /** Every listener goes when the namespace dies. */
  closeAll(): void {
    this.listeners.clear()
  }
}

export interface Process {
  /** PID as the node sees it. */
  pid: number
  /** What runs, for people reading traces: `/pause`, `nginx`. */
  command: string
  namespaces: Record<NamespaceType, Namespace>
  state: 'running' | 'exited'
  exitCode?: number
}

/** The node: its own namespaces (what hostNetwork and hostPID mean) and everything running on it. */
export class Kernel {
  private nextInode = 4026532200
  private nextPid = 1000
  readonly processes = new Map<number, Process>()
  private readonly networks = new Set<NetworkNamespace>()
  /** The node's own namespaces, the ones `NODE` mode refers to. */
  readonly host: Record<NamespaceType, Namespace>

  constructor(nodeIP = '192.168.49.2') {
    this.host = {
      net: this.createNetworkNamespace(),
      ipc: this.createNamespace('ipc'),
      uts: this.createNamespace('uts'),
      pid: this.createNamespace('pid'),
      mnt: this.createNamespace('mnt'),
    }
    for (const ns of Object.values(this.host)) ns.pinned = true
    ;(this.host.net as NetworkNamespace).addresses.add(nodeIP)
  }

  createNamespace(type: Exclude<NamespaceType, 'net'>): Namespace
  createNamespace(type: 'net'): NetworkNamespace
  createNamespace(type: NamespaceType): Namespace {
    return type === 'net' ? this.createNetworkNamespace() : new Namespace(type, this.nextInode++)
  }

  createNetworkNamespace(): NetworkNamespace {
    const ns = new NetworkNamespace(this.nextInode++)
    this.networks.add(ns)
    return ns
  }

  /** Starts a process inside the given namespaces (the rest default to the node's). */
  spawn(command: string, namespaces: Partial<Record<NamespaceType, Namespace>>): Process {
    const process: Process = {
      pid: this.nextPid++,
      command,
      namespaces: { ...this.host, ...namespaces },
      state: 'running',
    }
    for (const ns of Object.values(process.namespaces)) ns.members.add(process.pid)
    this.processes.set(process.pid, process)
    return process
  }

  /** The process ends (killed or exited); a namespace nobody holds any more goes with it. */
  exit(pid: number, exitCode = 0): void {
    const process = this.processes.get(pid)
    if (!process || process.state === 'exited') return
    process.state = 'exited'
    process.exitCode = exitCode
    for (const ns of Object.values(process.namespaces)) {
      ns.members.delete(pid)
      if (!ns.alive && ns instanceof NetworkNamespace) ns.closeAll()
    }
  }

  /** Drops a pin (e.g. the runtime unmounts the pod's netns); the namespace may die now. */
  unpin(ns: Namespace): void {
    ns.pinned = false
    if (!ns.alive && ns instanceof NetworkNamespace) ns.closeAll()
  }

  /**
   * Opens a TCP connection from inside `from` and sends one request. `localhost` and
   * 127.0.0.1 stay inside `from`; any other address is looked up among the live network
   * namespaces of the node (the pod network is flat, as CNI makes it).
   */
  connect(from: NetworkNamespace, host: string, port: number, request = ''): string {
    const address = host === 'localhost' ? '127.0.0.1' : host
    const target = address === '127.0.0.1' ? from : this.namespaceWithAddress(address)
    const listener = target?.alive ? target.listenerOn(port) : undefined
    if (!listener) throw new KernelError(`dial tcp ${address}:${port}: connect: connection refused`, 'ECONNREFUSED')
    return listener(request)
  }

  private namespaceWithAddress(address: string): NetworkNamespace | undefined {
    return [...this.networks].find((ns) => ns.alive && ns.addresses.has(address))
  }
}
