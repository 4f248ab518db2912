/**
 * The Pod's `status` as the kubelet reports it to the API server (generateAPIPodStatus),
 * reduced to what `kubectl get pods` and the chapters read: the phase, the pod IP and each
 * container's state. A container the runtime has never created is `waiting` with reason
 * ContainerCreating — or PodInitializing in a pod with init containers — unless the last
 * attempt to start it failed, in which case the failure's reason (ErrImagePull,
 * ImagePullBackOff, CrashLoopBackOff …) is shown instead.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { RuntimeContainerStatus, RuntimePodStatus } from './runtime-pod-status.ts'
import type { ProbeResults } from './prober.ts'

export type ContainerStateView =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: number } }
  | { terminated: { exitCode: number; reason: string; finishedAt: number } }

export interface ApiContainerStatus {
  name: string
  ready: boolean
  restartCount: number
  state: ContainerStateView
  lastState?: { terminated: { exitCode: number; reason: string; finishedAt: number } }
  /** Set for native sidecars: whether they count as started. */
  started?: boolean
}

export interface ApiPodStatus {
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed'
  podIP: string
  initContainerStatuses: ApiContainerStatus[]
  containerStatuses: ApiContainerStatus[]
}

/** Why the last start of a container failed (the kubelet's reasonCache), by container name. */
export type StartFailures = Map<string, { reason: string; message: string }>

/**
 * `nodeIP` is what a hostNetwork pod reports once its sandbox runs: it has no IP of its own,
 * so the kubelet gives it the node's. `startup`: the startup probes' results — a running
 * container with a startupProbe is `started` only once its probe has passed.
 */
export function toApiStatus(pod: Pod, status: RuntimePodStatus, failures: StartFailures, nodeIP = '', startup?: ProbeResults): ApiPodStatus {
  const hasInit = (pod.spec?.initContainers ?? []).length > 0
  const defaultReason = hasInit ? 'PodInitializing' : 'ContainerCreating'
  const convert = (c: Container) => {
    const [current, previous] = status.containerStatuses.filter((s) => s.name === c.name)
    return containerStatus(c, current, previous, failures, defaultReason, startup)
  }
  const initContainerStatuses = (pod.spec?.initContainers ?? []).map(convert)
  const containerStatuses = (pod.spec?.containers ?? []).map(convert)
  const sandboxReady = status.sandboxStatuses[0]?.state === 'SANDBOX_READY'
  const podIP = status.ips[0] ?? (pod.spec?.hostNetwork && sandboxReady ? nodeIP : '')
  return { phase: phase(pod, initContainerStatuses, containerStatuses), podIP, initContainerStatuses, containerStatuses }
}

function containerStatus(
  container: Container,
  current: RuntimeContainerStatus | undefined,
  previous: RuntimeContainerStatus | undefined,
  failures: StartFailures,
  defaultReason: string,
  startup?: ProbeResults,
): ApiContainerStatus {
  const failure = failures.get(container.name)
  const base = { name: container.name, restartCount: current?.restartCount ?? 0 }
  const terminated = current?.state === 'exited' ? { exitCode: current.exitCode, reason: current.reason, finishedAt: current.finishedAt } : undefined
  if (current?.state === 'running') {
    // The container before this one (same name, previous attempt) is what lastState shows.
    const last = previous?.state === 'exited' ? { terminated: { exitCode: previous.exitCode, reason: previous.reason, finishedAt: previous.finishedAt } } : undefined
    return {
      ...base,
      ready: true,
      state: { running: { startedAt: current.startedAt } },
      ...(last ? { lastState: last } : {}),
      ...(container.restartPolicy === 'Always' ? { started: !container.startupProbe || startup?.get(current.id) === 'Success' } : {}),
    }
  }
  if (failure) {
    return { ...base, ready: false, state: { waiting: failure }, ...(terminated ? { lastState: { terminated } } : {}) }
  }
  if (terminated) return { ...base, ready: false, state: { terminated } }
  return { ...base, ready: false, state: { waiting: { reason: defaultReason } } }
}

/** getPhase, for the cases the book meets. */
function phase(pod: Pod, inits: ApiContainerStatus[], apps: ApiContainerStatus[]): ApiPodStatus['phase'] {
  const regular = inits.filter((_, i) => pod.spec?.initContainers?.[i]?.restartPolicy !== 'Always')
  // A regular init container that failed, in a pod that never restarts: the pod has failed.
  const lastExit = (s: ApiContainerStatus) => ('terminated' in s.state ? s.state.terminated : s.lastState?.terminated)
  const failedInit = regular.some((s) => !('running' in s.state) && (lastExit(s)?.exitCode ?? 0) !== 0)
  if (failedInit && pod.spec?.restartPolicy === 'Never') return 'Failed'
  const initPending = inits.some((s, i) => {
    const sidecar = pod.spec?.initContainers?.[i]?.restartPolicy === 'Always'
    if (sidecar) return !('running' in s.state && s.started !== false)
    return !('terminated' in s.state && s.state.terminated.exitCode === 0)
  })
  if (initPending) return 'Pending'
  let running = 0
  let waiting = 0
  let stopped = 0
  let failed = 0
  for (const s of apps) {
    if ('running' in s.state) running++
    else if ('waiting' in s.state) {
      if (s.lastState) stopped++
      else waiting++
    } else {
      stopped++
      if (s.state.terminated.exitCode !== 0) failed++
    }
  }
  if (waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped > 0) {
    if ((pod.spec?.restartPolicy ?? 'Always') === 'Always') return 'Running'
    return failed > 0 ? 'Failed' : 'Succeeded'
  }
  return 'Pending'
}
