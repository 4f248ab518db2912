/**
 * The kubelet's startup probes, reduced to what its decisions read: each probe's last result, by
 * container id — the prober's results cache (pkg/kubelet/prober/results), which
 * computePodActions asks as `startupManager.Get(containerID)` and which sets a container's
 * `started` in the Pod's status. Not the runtime: the CRI knows nothing of probes.
 *
 * A container with a startupProbe is Unknown from its start until a probe passes. The simulated
 * probe always passes, at the first probe once `initialDelaySeconds` have gone by; probes run
 * every `periodSeconds` (default 10) from the container's start. Failing probes are not modelled.
 *
 * Provided machinery: the pod worker runs the probes before each sync.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { findContainerStatus, type RuntimePodStatus } from './runtime-pod-status.ts'

/** proberesults.Result. */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown'

/** What the kubelet's runtime manager may ask: a probe's last result for a container, if it has one. */
export interface ProbeResults {
  get(containerId: string): ProbeResult | undefined
}

export class StartupProber implements ProbeResults {
  private readonly results = new Map<string, ProbeResult>()

  get(containerId: string): ProbeResult | undefined {
    return this.results.get(containerId)
  }

  /** Probes every running container of the pod that has a startupProbe and has not passed yet. */
  probe(pod: Pod, status: RuntimePodStatus, now: number): void {
    for (const { id, passesAt } of this.pending(pod, status)) this.results.set(id, now >= passesAt ? 'Success' : 'Unknown')
  }

  /** When the next startup probe of the pod will pass, if one is still to pass. */
  nextPass(pod: Pod, status: RuntimePodStatus): number | undefined {
    const times = this.pending(pod, status).map((p) => p.passesAt)
    return times.length > 0 ? Math.min(...times) : undefined
  }

  private pending(pod: Pod, status: RuntimePodStatus): { id: string; passesAt: number }[] {
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
    return containers.flatMap((container) => {
      const current = findContainerStatus(status, container.name)
      if (!container.startupProbe || current?.state !== 'running' || this.results.get(current.id) === 'Success') return []
      return [{ id: current.id, passesAt: passesAt(container, current.startedAt) }]
    })
  }
}

/** The first probe at or after initialDelaySeconds, probes every periodSeconds from the start. */
function passesAt(container: Container, startedAt: number): number {
  const delay = container.startupProbe?.initialDelaySeconds ?? 0
  const period = container.startupProbe?.periodSeconds ?? 10
  return startedAt + Math.ceil(delay / period) * period * 1000
}
