/**
 * What every scenario shares: the types of a scenario and its outcome, what a backend remembers
 * between scenarios, and the small steps they are made of (start a pod, start an app, word a
 * failure the way grpc-go prints it).
 */
import type { PodSandboxStatusResponse } from '../../machinery/runtime/cri.ts'
import { CriError } from '../cri-client.ts'
import { ensureLogDirectory, type Backend, type PsRow } from '../backends.ts'
import type { LabImage } from '../images/build-images.ts'
import { appConfig, sandboxConfig, type PodShape } from '../pods.ts'

export const MIRROR = 'http://127.0.0.1:5000'

export interface LabImages {
  pause: LabImage
  pauseNoReap: LabImage
  app: LabImage
}

/** What one backend remembers between scenarios: its pods. */
export interface RunState {
  images: LabImages
  pods: Map<string, { shape: PodShape; sandboxId: string; ip: string; appId?: string; appPid?: number }>
}

export interface Outcome {
  /** The facts compared between the two runtimes. */
  observed: Record<string, unknown>
  /** What was called and what came back, as a reader would see it. */
  transcript: string[]
}

export interface Scenario {
  id: string
  title: string
  chapter: string
  /** The same steps on a real node, with crictl and ctr. */
  commands: string[]
  /** Set when the simulator does not model this: why. The scenario then runs on containerd only. */
  realOnly?: string
  run(backend: Backend, state: RunState): Promise<Outcome>
}

/** A failed call as the kubelet sees it: the gRPC code and the runtime's text. */
export async function failure(call: Promise<unknown>): Promise<{ code: string; details: string } | 'succeeded'> {
  try {
    await call
    return 'succeeded'
  } catch (error) {
    if (error instanceof CriError) return { code: error.code, details: error.details }
    throw error
  }
}

export function said(outcome: { code: string; details: string } | 'succeeded'): string {
  return outcome === 'succeeded' ? 'ok' : `rpc error: code = ${outcome.code} desc = ${outcome.details}`
}

export function shortId(id: string): string {
  return id.slice(0, 13)
}

export async function startPod(backend: Backend, state: RunState, shape: PodShape): Promise<{ sandboxId: string; status: PodSandboxStatusResponse }> {
  ensureLogDirectory(backend, `default_${shape.name}_podkata-lab-${shape.name}`)
  const { podSandboxId } = await backend.cri.runPodSandbox({ config: sandboxConfig(shape, backend.logRoot) })
  const status = await backend.cri.podSandboxStatus({ podSandboxId, verbose: true })
  state.pods.set(shape.name, { shape, sandboxId: podSandboxId, ip: status.status.network.ip })
  return { sandboxId: podSandboxId, status }
}

export async function startApp(backend: Backend, state: RunState, podName: string, attempt: number, script: string): Promise<{ id: string; pid: number }> {
  const pod = state.pods.get(podName)!
  const config = sandboxConfig(pod.shape, backend.logRoot)
  const { containerId } = await backend.cri.createContainer({ podSandboxId: pod.sandboxId, config: appConfig(pod.shape, 'app', attempt, script), sandboxConfig: config })
  await backend.cri.startContainer({ containerId })
  const pid = await backend.containerPid(containerId)
  Object.assign(pod, { appId: containerId, appPid: pid })
  return { id: containerId, pid }
}

export function pausePid(status: PodSandboxStatusResponse): number {
  return (JSON.parse(status.info['info'] ?? '{}') as { pid?: number }).pid ?? 0
}

export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: still not so after ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The process table with parents named instead of numbered, since PIDs differ between runtimes. */
export function processTree(rows: PsRow[]): string[] {
  const byPid = new Map(rows.map((row) => [row.pid, row]))
  return rows.map((row) => `${row.comm} (pid ${row.pid === 1 ? 1 : 'n'}, parent ${row.ppid === 0 ? '-' : (byPid.get(row.ppid)?.comm ?? '?')}${row.ppid === 1 ? ' pid 1' : ''}, ${row.stat.startsWith('Z') ? 'zombie' : 'alive'})`)
}

export function psText(rows: PsRow[]): string[] {
  return ['PID   PPID  STAT  COMMAND', ...rows.map((r) => `${String(r.pid).padEnd(5)} ${String(r.ppid).padEnd(5)} ${r.stat.padEnd(5)} ${r.comm}`)]
}

export const ORPHAN_SCRIPT = 'sh -c "sleep 2 &"; exec sleep 3600'
