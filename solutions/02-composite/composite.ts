/**
 * Kata 2 — Composite containers. The reference solution.
 *
 * What a pod gives its containers so that sidecars, ambassadors and adapters work: one network
 * (one localhost, one port space, one IP), one IPC and UTS namespace, and volumes that each
 * container mounts where and how it says. Then the order in which the kubelet starts and stops
 * native sidecars.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { Kernel, Namespace, NamespaceType } from '../../machinery/kernel/kernel.ts'
import { nodeNetwork, setHostname, type ContainerEnv, type RunningPod } from '../../machinery/kernel/pod-env.ts'
import { ContainerFiles, Volume, type Mount } from '../../machinery/kernel/volumes.ts'

// #region start-pod
export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  const spec = pod.spec
  const name = pod.metadata?.name ?? ''
  // What the sandbox holds: created once, before any container,
  // shared by all of them. With hostNetwork the pod uses the node's
  // network, and with it the node's hostname.
  const host = spec?.hostNetwork
  const net = host ? nodeNetwork(kernel) : kernel.createNetworkNamespace()
  const uts = host ? kernel.host.uts : kernel.createNamespace('uts')
  const ipc = spec?.hostIPC ? kernel.host.ipc : kernel.createNamespace('ipc')
  if (!host) setHostname(uts, spec?.hostname ?? name)
  const sharedPid = spec?.hostPID
    ? kernel.host.pid
    : spec?.shareProcessNamespace
      ? kernel.createNamespace('pid')
      : undefined

  // One Volume per declared volume, whichever containers mount it.
  const volumes = new Map<string, Volume>()
  for (const v of spec?.volumes ?? []) volumes.set(v.name, new Volume(v.name))

  const start = (container: Container): ContainerEnv => {
    const mounts: Mount[] = (container.volumeMounts ?? []).map((m) => {
      const volume = volumes.get(m.name)
      if (!volume) throw new Error(`no volume "${m.name}" in the pod`)
      return { path: m.mountPath, volume, readOnly: m.readOnly ?? false }
    })
    const namespaces: Record<NamespaceType, Namespace> = {
      net,
      ipc,
      uts,
      // Private to each container unless the pod shares it (chapter 1).
      pid: sharedPid ?? kernel.createNamespace('pid'),
      // Always private: the container's own image, plus its mounts.
      mnt: kernel.createNamespace('mnt'),
    }
    const process = kernel.spawn(container.image ?? container.name, namespaces)
    const files = new ContainerFiles(mounts)
    return { name: container.name, net, files, process }
  }

  const sidecars = (spec?.initContainers ?? []).filter(isSidecar)
  const running = [...sidecars, ...(spec?.containers ?? [])]
  return { name, net, ipc, uts, volumes, containers: running.map(start) }
}
// #endregion start-pod

// #region sidecar
/** A native sidecar: an init container whose own restartPolicy is Always. */
function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always'
}
// #endregion sidecar

// #region start-order
export function startOrder(pod: Pod): string[] {
  const steps: string[] = []
  for (const init of pod.spec?.initContainers ?? []) {
    steps.push(`${init.name} started`)
    // A sidecar keeps running: the next init container starts as
    // soon as it has started. A regular init container must run to
    // completion (exit code 0) first.
    if (!isSidecar(init)) steps.push(`${init.name} completed`)
  }
  for (const app of pod.spec?.containers ?? []) steps.push(`${app.name} started`)
  return steps
}
// #endregion start-order

// #region stop-order
export function stopOrder(pod: Pod): string[][] {
  // Regular init containers completed long ago: only app containers
  // and sidecars are still running.
  const apps = (pod.spec?.containers ?? []).map((c) => c.name)
  const sidecars = (pod.spec?.initContainers ?? []).filter(isSidecar).map((c) => c.name)
  // The app containers together, then each sidecar alone, the last
  // one declared first.
  return [apps, ...sidecars.reverse().map((name) => [name])]
}
// #endregion stop-order
