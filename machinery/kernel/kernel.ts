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
 * - Processes have parents, and Linux's rules for PID namespaces: each one numbers its processes
 *   from 1; an exited child is a zombie until its parent waits for it; an orphan goes to PID 1
 *   of its namespace; PID 1 ignores signals it has no handler for, and takes the namespace's
 *   other processes with it when it dies. That is what chapter 5's pause relies on.
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
  /** The parent's PID (node view); undefined for processes the runtime started directly. */
  parentPid?: number
  /** Exited, but its parent has not waited for it yet: a zombie, still holding its PID. */
  zombie?: boolean
  /** What the process does when a signal arrives; a signal without a handler does the default. */
  handlers?: Partial<Record<Signal, () => void>>
  /** What it wrote to stderr, line by line. */
  stderr?: string[]
}

/** The signals this book needs, with Linux's numbers. */
export const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGCHLD: 17 } as const
export type Signal = keyof typeof SIGNALS

/** How psignal(3) names them, e.g. `Shutting down, got signal: Terminated`. */
export const SIGNAL_DESCRIPTIONS: Record<Signal, string> = {
  SIGHUP: 'Hangup',
  SIGINT: 'Interrupt',
  SIGKILL: 'Killed',
  SIGTERM: 'Terminated',
  SIGCHLD: 'Child exited',
}

/** A program the node knows how to run: called once the process exists, to set it up. */
export type Program = (process: Process, kernel: Kernel) => void

/** The node: its own namespaces (what hostNetwork and hostPID mean) and everything running on it. */
export class Kernel {
  private nextInode = 4026532200
  private nextPid = 1000
  readonly processes = new Map<number, Process>()
  private readonly networks = new Set<NetworkNamespace>()
  /** The node's own namespaces, the ones `NODE` mode refers to. */
  readonly host: Record<NamespaceType, Namespace>
  /** Programs by command: spawning one of these runs its setup (e.g. pause installs its handlers). */
  readonly programs = new Map<string, Program>()
  /** Each PID namespace's first process, its PID 1 ("init"), which inherits orphans. */
  private readonly pidNamespaceInit = new Map<Namespace, number>()
  /** The next PID each PID namespace hands out: Linux numbers every namespace from 1. */
  private readonly nextPidIn = new Map<Namespace, number>()
  /** Node PID → the PID the process has inside its own PID namespace. */
  private readonly namespacePids = new Map<number, number>()

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
    const pidNs = process.namespaces.pid
    if (pidNs !== this.host.pid) {
      if (!this.pidNamespaceInit.has(pidNs)) this.pidNamespaceInit.set(pidNs, process.pid)
      // Its own counter, not the node's: other pods starting in between do not take its numbers.
      const inside = this.nextPidIn.get(pidNs) ?? 1
      this.nextPidIn.set(pidNs, inside + 1)
      this.namespacePids.set(process.pid, inside)
    }
    this.programs.get(command)?.(process, this)
    return process
  }

  /** fork + exec inside the parent's namespaces: a child process of `parentPid`. */
  spawnChild(parentPid: number, command: string): Process {
    const parent = this.processes.get(parentPid)
    if (!parent || parent.state !== 'running') throw new KernelError(`fork: no such process: ${parentPid}`, 'ESRCH')
    const child = this.spawn(command, parent.namespaces)
    child.parentPid = parentPid
    return child
  }

  /**
   * The PID a process has inside its own PID namespace, as `getpid()` returns it there: 1 for
   * the namespace's first process. Inside the node's namespace it is the node PID.
   */
  pidInNamespace(pid: number): number {
    const process = this.processes.get(pid)
    if (!process) throw new KernelError(`no such process: ${pid}`, 'ESRCH')
    return this.namespacePids.get(pid) ?? pid
  }

  /**
   * Sends a signal. A handler runs if the process has one. SIGKILL always kills (exit code
   * 137). Otherwise the default action: terminate — except for a namespace's PID 1, which the
   * kernel shields from signals it has no handler for.
   */
  signal(pid: number, signal: Signal): void {
    const process = this.processes.get(pid)
    if (!process || process.state !== 'running') throw new KernelError(`kill ${pid}: no such process`, 'ESRCH')
    if (signal === 'SIGKILL') return this.exit(pid, 128 + SIGNALS.SIGKILL)
    const handler = process.handlers?.[signal]
    if (handler) return handler()
    if (signal === 'SIGCHLD') return // default: ignore
    const isNamespaceInit = process.namespaces.pid !== this.host.pid && this.pidInNamespace(pid) === 1
    if (isNamespaceInit) return
    this.exit(pid, 128 + SIGNALS[signal])
  }

  /** Exited children of `parentPid` that nobody has waited for yet. */
  zombiesOf(parentPid: number): Process[] {
    return [...this.processes.values()].filter((p) => p.zombie && p.parentPid === parentPid)
  }

  /** `waitpid(-1, NULL, WNOHANG)`: reaps one zombie child, and returns its pid, or 0 if none. */
  waitAny(parentPid: number): number {
    const [zombie] = this.zombiesOf(parentPid)
    if (!zombie) return 0
    zombie.zombie = false
    return zombie.pid
  }

  /**
   * The process ends (killed or exited); a namespace nobody holds any more goes with it.
   * A process with a living parent stays a zombie until the parent waits for it, and the
   * parent gets SIGCHLD. Its own children are re-parented to PID 1 of their PID namespace —
   * and when PID 1 itself dies, the kernel kills everything else in that namespace.
   */
  exit(pid: number, exitCode = 0): void {
    const process = this.processes.get(pid)
    if (!process || process.state === 'exited') return
    process.state = 'exited'
    process.exitCode = exitCode
    for (const ns of Object.values(process.namespaces)) {
      ns.members.delete(pid)
      if (!ns.alive && ns instanceof NetworkNamespace) ns.closeAll()
    }
    const pidNs = process.namespaces.pid
    const init = this.pidNamespaceInit.get(pidNs)
    let zombiesHandedOver = false
    for (const child of this.processes.values()) {
      if (child.parentPid !== pid) continue
      child.parentPid = init !== undefined && init !== pid ? init : undefined
      if (child.zombie && child.parentPid === undefined) child.zombie = false
      if (child.zombie) zombiesHandedOver = true
    }
    if (init === pid) {
      for (const other of [...pidNs.members]) this.exit(other, 128 + SIGNALS.SIGKILL)
    }
    const parent = process.parentPid === undefined ? undefined : this.processes.get(process.parentPid)
    if (parent?.state === 'running') {
      process.zombie = true
      parent.handlers?.SIGCHLD?.()
    }
    // Linux tells PID 1 when it inherits a zombie, so a reaping init (pause) reaps it at once.
    // One SIGCHLD is enough if PID 1 was also the parent just told: signals do not queue.
    const initProcess = init === undefined ? undefined : this.processes.get(init)
    if (zombiesHandedOver && initProcess?.state === 'running' && initProcess !== parent) initProcess.handlers?.SIGCHLD?.()
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
