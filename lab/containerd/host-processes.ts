/**
 * What the lab needs to find and stop on the host after containerd: processes (by PID, with
 * their descendants), shims that outlive containerd, mounts under the scratch folder, and the
 * cgroups runc made. Plain /proc and /sys reading, no containerd API.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'

export interface Started {
  pid: number
  process: ChildProcess
}

export function list(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // already gone
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export async function stopProcess(started: Started): Promise<void> {
  if (started.process.exitCode !== null || started.process.signalCode !== null) return
  const exited = new Promise<void>((resolve) => started.process.once('exit', () => resolve()))
  killQuietly(started.pid, 'SIGTERM')
  const timer = setTimeout(() => killQuietly(started.pid, 'SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

const CGROUP_ROOT = '/sys/fs/cgroup'

/** containerd's CRI cgroups: `<root>[/<controller>]/k8s.io` and the per-container ones below it. */
export function criCgroups(): string[] {
  const parents = [join(CGROUP_ROOT, 'k8s.io'), ...list(CGROUP_ROOT).map((controller) => join(CGROUP_ROOT, controller, 'k8s.io'))].filter((dir) => existsSync(dir))
  return parents.flatMap((parent) => [parent, ...list(parent).map((child) => join(parent, child)).filter((dir) => existsSync(join(dir, 'cgroup.procs')))])
}

/** rmdir, retried briefly: the kernel keeps a cgroup busy for a moment after its last task exits. */
export async function removeCgroup(dir: string): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      rmdirSync(dir)
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true
      await sleep(50)
    }
  }
  return false
}

/** Every process below `pid` in the process tree, children before their own children. */
export function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>()
  for (const entry of list('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = []
  let frontier = [pid]
  while (frontier.length > 0) {
    frontier = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child)
    found.push(...frontier)
  }
  return found
}

/** The processes of `pids` still alive after up to `ms`. */
export async function stillRunningAfter(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms
  let alive = pids
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(50)
    alive = alive.filter((pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '))
  }
  return alive
}

/** containerd-shim-runc-v2 processes serving our containerd (its socket is in their command line). */
export function shimsOf(socket: string): number[] {
  const pids: number[] = []
  for (const entry of list('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (args[0]?.endsWith('containerd-shim-runc-v2') && args.includes(socket)) pids.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

/** Mount points at or below `dir`, in the order they were mounted. */
export function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
}
