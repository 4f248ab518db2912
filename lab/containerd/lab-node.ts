/**
 * A real containerd for the lab, air-gapped: it runs inside a network namespace the lab
 * creates with nothing but loopback, so a pull toward registry.k8s.io fails on this machine
 * and no packet leaves it. Everything containerd writes lives in the scratch folder, except
 * what containerd 1.6 hard-codes (its shims' sockets under /run/containerd/s) and the CNI
 * result cache (/var/lib/cni), which the lab cleans up after itself.
 *
 * runc also makes cgroups under /sys/fs/cgroup/<controller>/k8s.io/; the lab removes the ones
 * that appeared during its run.
 *
 * Every process the lab starts is remembered by PID and stopped by PID.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CriClient } from '../cri-client.ts'
import { hasSysResource, labConfig, type LabPaths } from './config.ts'
import { criCgroups, descendantsOf, killQuietly, list, mountsUnder, removeCgroup, shimsOf, sleep, stillRunningAfter, stopProcess, type Started } from './host-processes.ts'

export const CNI_BIN_DIR = '/usr/lib/cni'
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** The pod network of the lab's bridge: the simulator's default pod CIDR, so both hand out the same IPs. */
export const POD_CIDR = '10.244.1.0/24'
export const CNI_NETWORK = 'podkata-lab'
const CNI_CACHE = '/var/lib/cni'
const SHIM_SOCKETS = '/run/containerd/s'

export class LabNode {
  readonly paths: LabPaths
  readonly netns: string
  readonly cri: CriClient
  private containerd: Started | undefined
  private registry: Started | undefined
  /** What existed before the lab started, so cleanup removes only what the lab made. */
  private readonly before: { shimSockets: Set<string>; runContainerd: boolean; cniCache: boolean; cniResults: Set<string>; cgroups: Set<string> }

  constructor(readonly dir: string) {
    this.paths = {
      root: join(dir, 'root'),
      state: join(dir, 'state'),
      socket: join(dir, 'containerd.sock'),
      opt: join(dir, 'opt'),
      cniConfDir: join(dir, 'cni', 'net.d'),
      certsDir: join(dir, 'certs.d'),
      runcRoot: join(dir, 'runc'),
    }
    this.netns = `podkata-lab-${process.pid}`
    this.before = {
      shimSockets: new Set(list(SHIM_SOCKETS)),
      runContainerd: existsSync('/run/containerd'),
      cniCache: existsSync(CNI_CACHE),
      cniResults: new Set(list(join(CNI_CACHE, 'results'))),
      cgroups: new Set(criCgroups()),
    }
    this.cri = new CriClient(this.paths.socket, 40_000)
  }

  /** Creates the loopback-only namespace, writes the config, starts containerd and waits for its socket. */
  async start(): Promise<void> {
    for (const path of Object.values(this.paths)) if (!path.endsWith('.sock')) mkdirSync(path, { recursive: true })
    this.writeConfig()
    execFileSync('ip', ['netns', 'add', this.netns], { stdio: 'pipe' })
    execFileSync('ip', ['-n', this.netns, 'link', 'set', 'lo', 'up'], { stdio: 'pipe' })
    await this.startContainerd()
  }

  /** A new `sandbox_image` in the config, and containerd restarted to read it, as an admin would. */
  async restartWithSandboxImage(image: string): Promise<void> {
    if (this.containerd) await stopProcess(this.containerd)
    this.writeConfig(image)
    await this.startContainerd()
  }

  private writeConfig(sandboxImage?: string): void {
    const restrict = !hasSysResource(readFileSync('/proc/self/status', 'utf8'))
    const defaults = execFileSync('containerd', ['config', 'default'], { encoding: 'utf8' })
    const options = { restrictOomScoreAdj: restrict, cniBinDir: CNI_BIN_DIR, ...(sandboxImage ? { sandboxImage } : {}) }
    writeFileSync(join(this.dir, 'config.toml'), labConfig(defaults, this.paths, options))
  }

  private async startContainerd(): Promise<void> {
    this.containerd = this.inNetns('containerd', ['--config', join(this.dir, 'config.toml')], join(this.dir, 'containerd.log'))
    await this.waitForSocket()
  }

  /** Starts a program inside the lab's network namespace (nsenter execs it: same PID). */
  inNetns(command: string, args: string[], logFile: string): Started {
    const log = openSync(logFile, 'a')
    // From the repository root, so that `node --import tsx` finds tsx wherever the lab was started.
    const child = spawn('nsenter', [`--net=/run/netns/${this.netns}`, '--', command, ...args], { stdio: ['ignore', log, log], cwd: REPO_ROOT })
    if (child.pid === undefined) throw new Error(`could not start ${command}`)
    return { pid: child.pid, process: child }
  }

  private async waitForSocket(): Promise<void> {
    const deadline = Date.now() + 15_000
    for (;;) {
      if (this.containerd?.process.exitCode !== null) throw new Error(`containerd exited at start; see ${join(this.dir, 'containerd.log')}`)
      try {
        if (existsSync(this.paths.socket)) {
          await this.cri.version()
          return
        }
      } catch {
        // not serving yet
      }
      if (Date.now() > deadline) throw new Error(`containerd did not answer on ${this.paths.socket} within 15 s`)
      await sleep(25)
    }
  }

  /** `ctr -n k8s.io images import <archive>`: what it printed. */
  ctr(args: string[]): string {
    return execFileSync('ctr', ['-a', this.paths.socket, '-n', 'k8s.io', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  }

  /** A bridge network for pods (bridge + host-local, no iptables), picked up by containerd's inotify. */
  writeBridgeConflist(): string {
    const conflist = {
      cniVersion: '1.0.0',
      name: CNI_NETWORK,
      plugins: [
        {
          type: 'bridge',
          bridge: 'podkata0',
          isGateway: true,
          ipMasq: false,
          ipam: { type: 'host-local', ranges: [[{ subnet: POD_CIDR }]], dataDir: join(this.dir, 'cni', 'ipam') },
        },
      ],
    }
    const file = join(this.paths.cniConfDir, '10-podkata-lab.conflist')
    writeFileSync(file, `${JSON.stringify(conflist, null, 2)}\n`)
    return file
  }

  /** certs.d/<registry>/hosts.toml pointing the registry at one mirror. */
  writeMirror(registry: string, endpoint: string): string {
    const dir = join(this.paths.certsDir, registry)
    mkdirSync(dir, { recursive: true })
    const file = join(dir, 'hosts.toml')
    writeFileSync(file, `server = "https://${registry}"\n\n[host."${endpoint}"]\n  capabilities = ["pull", "resolve"]\n`)
    return file
  }

  /** The lab's loopback registry, inside the namespace, serving the given images; resolves once it listens. */
  async startRegistry(script: string, args: string[]): Promise<void> {
    this.registry = this.inNetns(process.execPath, ['--import', 'tsx', script, ...args], join(this.dir, 'registry.log'))
    const deadline = Date.now() + 15_000
    while (!readFileSync(join(this.dir, 'registry.log'), 'utf8').includes('listening')) {
      if (this.registry.process.exitCode !== null) throw new Error(`the lab registry exited; see ${join(this.dir, 'registry.log')}`)
      if (Date.now() > deadline) throw new Error('the lab registry did not start within 15 s')
      await sleep(25)
    }
  }

  containerdPid(): number {
    return this.containerd?.pid ?? 0
  }

  /** The mirror's request log: one `METHOD url` per line. */
  registryLog(): string[] {
    const file = join(this.dir, 'registry.log')
    if (!existsSync(file)) return []
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^(GET|HEAD) /.test(line))
  }

  /** The namespaces of a process, as `readlink /proc/<pid>/ns/<type>` prints them. */
  namespaces(pid: number): Record<'net' | 'ipc' | 'uts' | 'pid' | 'mnt', string> {
    const read = (type: string) => readlinkSync(`/proc/${pid}/ns/${type}`)
    return { net: read('net'), ipc: read('ipc'), uts: read('uts'), pid: read('pid'), mnt: read('mnt') }
  }

  /**
   * Stops everything the lab started and removes what it created: pods (through CRI), the
   * registry and containerd (by PID), shims left behind (found by our socket in their command
   * line), mounts under the scratch folder, the namespace, the shim sockets and CNI cache
   * entries that appeared during the run.
   */
  async stop(): Promise<string[]> {
    const notes: string[] = []
    await this.removeAllPods().catch((error) => notes.push(`could not remove every pod: ${(error as Error).message}`))
    this.cri.close()
    // Shims outlive containerd by design; each exits once its last container is gone.
    const shims = shimsOf(this.paths.socket)
    for (const started of [this.registry, this.containerd]) if (started) await stopProcess(started)
    for (const pid of await stillRunningAfter([...new Set([...shims, ...shimsOf(this.paths.socket)])], 3_000)) {
      // A shim still running still has a container: its processes go first, then the shim.
      for (const child of descendantsOf(pid)) killQuietly(child, 'SIGKILL')
      notes.push(`stopped a leftover shim (pid ${pid}) and its containers`)
      killQuietly(pid, 'SIGKILL')
    }
    for (const mount of mountsUnder(this.dir).reverse()) {
      try {
        execFileSync('umount', ['-l', mount], { stdio: 'pipe' })
      } catch {
        notes.push(`could not unmount ${mount}`)
      }
    }
    try {
      execFileSync('ip', ['netns', 'del', this.netns], { stdio: 'pipe' })
    } catch {
      // never created
    }
    for (const name of list(SHIM_SOCKETS)) if (!this.before.shimSockets.has(name)) rmSync(join(SHIM_SOCKETS, name), { recursive: true, force: true })
    if (!this.before.runContainerd) rmSync('/run/containerd', { recursive: true, force: true })
    for (const name of list(join(CNI_CACHE, 'results'))) {
      if (!this.before.cniResults.has(name) && name.startsWith(`${CNI_NETWORK}-`)) rmSync(join(CNI_CACHE, 'results', name), { force: true })
    }
    if (!this.before.cniCache) rmSync(CNI_CACHE, { recursive: true, force: true })
    // Deepest first: a cgroup directory can only go once it has no children and no tasks.
    const cgroups = criCgroups().filter((dir) => !this.before.cgroups.has(dir))
    for (const dir of cgroups.sort((a, b) => b.length - a.length)) {
      if (!(await removeCgroup(dir))) notes.push(`could not remove the cgroup ${dir}`)
    }
    return notes
  }

  private async removeAllPods(): Promise<void> {
    if (this.containerd?.process.exitCode !== null || !existsSync(this.paths.socket)) return
    const { items } = await this.cri.listPodSandbox()
    for (const sandbox of items) {
      await this.cri.stopPodSandbox({ podSandboxId: sandbox.id }).catch(() => undefined)
      try {
        await this.cri.removePodSandbox({ podSandboxId: sandbox.id })
      } catch {
        // A sandbox stuck without a network can only go once CNI can tear it down.
        this.writeBridgeConflist()
        await sleep(1_000)
        await this.cri.removePodSandbox({ podSandboxId: sandbox.id })
      }
    }
  }
}
