/**
 * The two runtimes the lab drives through the same CRI client: the real containerd (in its
 * loopback-only namespace) and the simulator's runtime served over gRPC. What CRI cannot do —
 * importing an archive, writing a CNI conflist or a hosts.toml, killing a process, reading a
 * process's namespaces — each backend does its own way: the real one with ctr, files and
 * /proc; the simulated one on its simulated node.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { CriClient } from './cri-client.ts'
import { serveCri, type CriServer } from './cri-server.ts'
import type { LabNode } from './containerd/lab-node.ts'
import { sleep } from './containerd/host-processes.ts'
import type { LabImage } from './images/build-images.ts'
import { simulatedNode, type SimulatedNodeHandle } from './sim-node.ts'
import type { RuntimeName } from '../machinery/runtime/runtime-profiles.ts'

export type NamespaceName = 'net' | 'ipc' | 'uts' | 'pid' | 'mnt'
export const NAMESPACES: NamespaceName[] = ['net', 'ipc', 'uts', 'pid', 'mnt']

/** One line of `ps -o pid,ppid,stat,comm` inside a container. */
export interface PsRow {
  pid: number
  ppid: number
  stat: string
  comm: string
}

export interface Backend {
  kind: 'containerd' | 'simulator'
  cri: CriClient
  /** Where pods' log directories go. */
  logRoot: string
  /** `ctr -n k8s.io images import <archive>`; what it printed. */
  importImage(image: LabImage): Promise<string>
  /** A bridge conflist appears in the CNI config dir; resolves once the runtime says NetworkReady. */
  enablePodNetwork(): Promise<string>
  /** `certs.d/<registry>/hosts.toml` naming one mirror; `up`: whether the mirror answers. */
  setMirror(registry: string, endpoint: string, up: boolean): Promise<void>
  /** The network namespace the runtime itself runs in: what NODE means to it. */
  nodeNetNamespace(): string
  namespaces(pid: number): Record<NamespaceName, string>
  /** The container's main process, as the node sees it. */
  containerPid(containerId: string): Promise<number>
  kill(pid: number): void
  /**
   * In a container started with `sh -c 'sh -c "sleep 2 &"; exec sleep 3600'`: the process
   * table once the container has run for `ms` milliseconds.
   */
  psAfter(containerId: string, ms: number): Promise<PsRow[]>
  /** Requests the lab's mirror received, when it has one. */
  registryLog(): string[]
  /** Only the real runtime: a new sandbox_image in the config, and a restart. */
  restartWithSandboxImage?(image: string): Promise<void>
  stop(): Promise<string[]>
}

// ---- the real containerd ---------------------------------------------------------------------

/**
 * The backend over a LabNode the caller made, so that the caller can stop it even while it is
 * still starting (an interrupt during the start must not leave containerd behind).
 */
export async function containerdBackend(node: LabNode, registryScript: string, catalogFile: string): Promise<Backend> {
  const dir = node.dir
  await node.start()
  return {
    kind: 'containerd',
    cri: node.cri,
    logRoot: join(dir, 'pods'),
    async importImage(image) {
      return node.ctr(['images', 'import', image.file])
    },
    async enablePodNetwork() {
      const file = node.writeBridgeConflist()
      // containerd notices the conflist through inotify; wait until it says so.
      const deadline = Date.now() + 10_000
      for (;;) {
        const { status } = await node.cri.status()
        if (status.conditions.find((c) => c.type === 'NetworkReady')?.status) return file
        if (Date.now() > deadline) throw new Error('containerd did not load the bridge conflist within 10 s')
        await sleep(50)
      }
    },
    async setMirror(registry, endpoint, up) {
      node.writeMirror(registry, endpoint)
      if (up) await node.startRegistry(registryScript, [catalogFile, new URL(endpoint).port])
    },
    nodeNetNamespace: () => node.namespaces(node.containerdPid()).net,
    namespaces: (pid) => node.namespaces(pid),
    async containerPid(containerId) {
      const { info } = await node.cri.containerStatus({ containerId, verbose: true })
      return (JSON.parse(info['info'] ?? '{}') as { pid?: number }).pid ?? 0
    },
    kill(pid) {
      process.kill(pid, 'SIGKILL')
    },
    async psAfter(containerId, ms) {
      // The container's own start time (nanoseconds), as containerd recorded it.
      const { status } = await node.cri.containerStatus({ containerId })
      const since = Number(BigInt(status.startedAt) / 1_000_000n)
      await sleep(Math.max(0, since + ms - Date.now()))
      const result = await node.cri.execSync({ containerId, cmd: ['ps', '-o', 'pid,ppid,stat,comm'], timeout: 10 })
      return parsePs(result.stdout.toString('utf8'))
    },
    registryLog: () => node.registryLog(),
    restartWithSandboxImage: (image) => node.restartWithSandboxImage(image),
    stop: () => node.stop(),
  }
}

/** busybox `ps -o pid,ppid,stat,comm`, without its header and without the ps process itself. */
export function parsePs(text: string): PsRow[] {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, stat, ...comm]) => ({ pid: Number(pid), ppid: Number(ppid), stat: stat ?? '', comm: comm.join(' ') }))
    .filter((row) => row.comm !== 'ps')
}

// ---- the simulator -------------------------------------------------------------------------

export async function simulatorBackend(dir: string, runtime: RuntimeName): Promise<Backend> {
  const sim: SimulatedNodeHandle = simulatedNode({ runtime, connectivity: 'no-route' })
  const socket = join(dir, 'sim.sock')
  const server: CriServer = await serveCri(sim.runtime, socket, sim.served)
  const cri = new CriClient(socket)
  const played = new Set<string>()
  return {
    kind: 'simulator',
    cri,
    logRoot: join(dir, 'sim-pods'),
    async importImage(image) {
      return sim.importImage(image.reference)
    },
    async enablePodNetwork() {
      // The simulated runtime always has its pod network.
      return ''
    },
    async setMirror(registry, endpoint, up) {
      sim.setMirror(registry, endpoint, up)
    },
    nodeNetNamespace: () => sim.nodeNamespaces().net,
    namespaces: (pid) => sim.namespaces(pid),
    async containerPid(containerId) {
      return sim.containerPid(containerId)
    },
    kill(pid) {
      sim.kill(pid)
    },
    async psAfter(containerId, ms) {
      // The simulator has no shell: the lab plays the two shells' forks and exits on the
      // simulated kernel, at the moments they happen on the real one.
      if (!played.has(containerId)) {
        played.add(containerId)
        sim.forkOrphan(containerId)
      }
      if (ms >= 2_000) sim.orphanExits(containerId)
      return sim.ps(containerId)
    },
    registryLog: () => [],
    async stop() {
      cri.close()
      await server.close()
      return []
    },
  }
}

export function ensureLogDirectory(backend: Backend, name: string): string {
  const dir = join(backend.logRoot, name)
  mkdirSync(dir, { recursive: true })
  return dir
}
