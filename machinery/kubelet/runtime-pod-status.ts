/**
 * What the kubelet knows about a pod from the runtime before each sync (kubecontainer.PodStatus):
 * its sandboxes, newest first, and every container the runtime still has for it. The kubelet
 * builds it from ListPodSandbox, PodSandboxStatus, ListContainers and ContainerStatus, filtered
 * by the pod-uid label it put on everything.
 *
 * Provided machinery. The real kubelet makes these calls before every sync (and its PLEG makes
 * them every second); the lane diagrams leave them out so that the calls that *change* the node
 * stand out.
 */
import type { ContainerState, CriRuntime, PodSandboxStatus } from '../runtime/cri.ts'
import { LABELS } from './pod-configs.ts'

export interface RuntimeContainerStatus {
  id: string
  name: string
  state: 'created' | 'running' | 'exited' | 'unknown'
  /** The container's attempt: how many times it was restarted before. */
  restartCount: number
  exitCode: number
  reason: string
  /** Milliseconds on the node's clock; 0 if it has not happened. */
  createdAt: number
  startedAt: number
  finishedAt: number
  imageRef: string
  podSandboxId: string
}

export interface RuntimePodStatus {
  uid: string
  name: string
  namespace: string
  /** Newest first: index 0 is the sandbox that counts. */
  sandboxStatuses: PodSandboxStatus[]
  /** Newest first. */
  containerStatuses: RuntimeContainerStatus[]
  /** The pod IPs, from the newest sandbox. */
  ips: string[]
}

const STATES: Record<ContainerState, RuntimeContainerStatus['state']> = {
  CONTAINER_CREATED: 'created',
  CONTAINER_RUNNING: 'running',
  CONTAINER_EXITED: 'exited',
  CONTAINER_UNKNOWN: 'unknown',
}

/** Reads the pod's status from the runtime. Give it the runtime itself, not the traced client. */
export function getPodStatus(runtime: CriRuntime, pod: { uid: string; name: string; namespace: string }): RuntimePodStatus {
  const selector = { [LABELS.podUid]: pod.uid }
  const sandboxStatuses = runtime
    .listPodSandbox({ filter: { labelSelector: selector } })
    .items.map((item) => runtime.podSandboxStatus({ podSandboxId: item.id }).status)
    .sort((a, b) => compareNanos(b.createdAt, a.createdAt) || b.metadata.attempt - a.metadata.attempt)
  const containerStatuses = runtime
    .listContainers({ filter: { labelSelector: selector } })
    .containers.map((c) => {
      const s = runtime.containerStatus({ containerId: c.id }).status
      return {
        id: s.id,
        name: s.metadata.name,
        state: STATES[s.state],
        restartCount: s.metadata.attempt,
        exitCode: s.exitCode,
        reason: s.reason,
        createdAt: nanosToMs(s.createdAt),
        startedAt: nanosToMs(s.startedAt),
        finishedAt: nanosToMs(s.finishedAt),
        imageRef: s.imageRef,
        podSandboxId: c.podSandboxId,
      }
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.restartCount - a.restartCount)
  const newest = sandboxStatuses[0]
  const ips = newest?.state === 'SANDBOX_READY' && newest.network.ip ? [newest.network.ip] : []
  return { ...pod, sandboxStatuses, containerStatuses, ips }
}

/** The newest status of the named container, if the runtime has one. */
export function findContainerStatus(status: RuntimePodStatus, name: string): RuntimeContainerStatus | undefined {
  return status.containerStatuses.find((c) => c.name === name)
}

function nanosToMs(nanos: string): number {
  return Number(BigInt(nanos || '0') / 1_000_000n)
}

function compareNanos(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b)
  return d > 0n ? 1 : d < 0n ? -1 : 0
}
