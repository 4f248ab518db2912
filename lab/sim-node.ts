/**
 * The simulator's side of the lab, and of `npm run sim -- --serve`: a simulated node built the
 * way `npm run sim` builds one (assembly/, the reference parts), whose runtime answers CRI calls, plus the
 * few things an admin or the kernel does to it that CRI does not cover.
 */
import { assembleNode } from '../assembly/index.ts'
import type { Connectivity } from '../machinery/images/registry.ts'
import { RUNTIME_PROFILES, type RuntimeName } from '../machinery/runtime/runtime-profiles.ts'
import type { CriRuntime } from '../machinery/runtime/cri.ts'
import type { ServedRuntime } from './cri-server.ts'
import type { NamespaceName, PsRow } from './backends.ts'

export interface SimNodeOptions {
  runtime: RuntimeName
  connectivity?: Connectivity
  preload?: string[]
  sandboxImage?: string
  mirrors?: Record<string, string[]>
  /** Whether the mirrors answer (holding every image) or refuse connections. */
  mirrorsUp?: boolean
}

export interface SimulatedNodeHandle {
  runtime: CriRuntime
  served: ServedRuntime
  importImage(reference: string): string
  setMirror(registry: string, endpoint: string, up: boolean): void
  nodeNamespaces(): Record<NamespaceName, string>
  namespaces(pid: number): Record<NamespaceName, string>
  containerPid(containerId: string): number
  kill(pid: number): void
  /** The shells of the orphan scenario: `sh -c "sleep 2 &"` forks a sleep and exits, and the outer sh reaps it. */
  forkOrphan(containerId: string): void
  /** The orphaned sleep finishes. */
  orphanExits(containerId: string): void
  /** `ps -o pid,ppid,stat,comm` inside the container's PID namespace. */
  ps(containerId: string): PsRow[]
}

/** The simulator profile for the containerd the lab found: 1.6 before 1.6.22 does not pin the sandbox image yet. */
export function simulatorProfileFor(runtimeVersion: string): RuntimeName | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(runtimeVersion)
  if (!match || match[1] !== '1' || match[2] !== '6') return undefined
  return Number(match[3]) < 22 ? 'containerd-1.6.20' : 'containerd-1.6'
}

export function simulatedNode(options: SimNodeOptions): SimulatedNodeHandle {
  const session = assembleNode({
    runtime: options.runtime,
    connectivity: options.connectivity ?? 'online',
    ...(options.preload ? { preload: options.preload } : {}),
    ...(options.sandboxImage ? { sandboxImage: options.sandboxImage } : {}),
    ...(options.mirrors ? { mirrors: options.mirrors } : {}),
    ...(options.mirrorsUp === undefined ? {} : { mirrorsUp: options.mirrorsUp }),
  })
  const { kernel } = session.node
  const orphans = new Map<string, number>()
  const process = (pid: number) => {
    const found = kernel.processes.get(pid)
    if (!found) throw new Error(`no simulated process ${pid}`)
    return found
  }
  const namespaces = (pid: number) => {
    const ns = process(pid).namespaces
    return { net: String(ns.net), ipc: String(ns.ipc), uts: String(ns.uts), pid: String(ns.pid), mnt: String(ns.mnt) }
  }
  const containerPid = (containerId: string) => session.node.containers.get(containerId)?.pid ?? 0
  return {
    runtime: session.runtime,
    served: { runtimeName: 'podkata-simulator', runtimeVersion: `${RUNTIME_PROFILES[options.runtime].title} (simulated)` },
    importImage(reference) {
      const result = session.importImage(reference)
      return `unpacking ${reference} (${result.digest ?? ''})...done`
    },
    setMirror(registry, endpoint, up) {
      session.setMirrors(registry, [endpoint], up)
    },
    nodeNamespaces: () => {
      const ns = kernel.host
      return { net: String(ns.net), ipc: String(ns.ipc), uts: String(ns.uts), pid: String(ns.pid), mnt: String(ns.mnt) }
    },
    namespaces,
    containerPid,
    kill(pid) {
      kernel.signal(pid, 'SIGKILL')
    },
    forkOrphan(containerId) {
      const app = containerPid(containerId)
      const inner = kernel.spawnChild(app, 'sh')
      const sleep = kernel.spawnChild(inner.pid, 'sleep')
      kernel.exit(inner.pid, 0)
      kernel.waitAny(app)
      // The outer sh then execs `sleep 3600`: same process, new program.
      process(app).command = 'sleep'
      orphans.set(containerId, sleep.pid)
    },
    orphanExits(containerId) {
      const pid = orphans.get(containerId)
      if (pid !== undefined && process(pid).state === 'running') kernel.exit(pid, 0)
    },
    ps(containerId) {
      const pidNs = process(containerPid(containerId)).namespaces.pid
      const rows = [...kernel.processes.values()].filter((p) => p.namespaces.pid === pidNs && (p.state === 'running' || p.zombie))
      return rows.map((p) => ({
        pid: kernel.pidInNamespace(p.pid),
        ppid: p.parentPid !== undefined && kernel.processes.get(p.parentPid)?.namespaces.pid === pidNs ? kernel.pidInNamespace(p.parentPid) : 0,
        stat: p.zombie ? 'Z' : 'S',
        comm: p.command.split('/').pop()!.split(' ')[0]!,
      }))
    },
  }
}
