// Mistake: creates a new Volume for each mount, so two containers never see the same files.
// Caught by: nginx serves the page that git-sync wrote into the shared volume
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { Kernel, Namespace } from '../../../../machinery/kernel.ts'
import { nodeNetwork, setHostname, type ContainerEnv, type RunningPod } from '../../../../machinery/pod-env.ts'
import { ContainerFiles, Volume, type Mount } from '../../../../machinery/volumes.ts'
export { startOrder, stopOrder } from '../../../../solutions/02-composite/composite.ts'

export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  const spec = pod.spec
  const name = pod.metadata?.name ?? ''
  // What the sandbox holds: created once, before any container, shared by all of them.
  // With hostNetwork the pod uses the node's network, and with it the node's hostname.
  const net = spec?.hostNetwork ? nodeNetwork(kernel) : kernel.createNetworkNamespace()
  const uts = spec?.hostNetwork ? kernel.host.uts : kernel.createNamespace('uts')
  const ipc = spec?.hostIPC ? kernel.host.ipc : kernel.createNamespace('ipc')
  if (!spec?.hostNetwork) setHostname(uts, spec?.hostname ?? name)
  const sharedPid = spec?.hostPID ? kernel.host.pid : spec?.shareProcessNamespace ? kernel.createNamespace('pid') : undefined

  // One Volume per declared volume, whichever containers mount it.
  const volumes = new Map((spec?.volumes ?? []).map((v) => [v.name, new Volume(v.name)] as const))

  const start = (container: Container): ContainerEnv => {
    const mounts: Mount[] = (container.volumeMounts ?? []).map((m) => {
      const volume = volumes.has(m.name) ? new Volume(m.name) : undefined
      if (!volume) throw new Error(`container "${container.name}" mounts unknown volume "${m.name}"`)
      return { path: m.mountPath, volume, readOnly: m.readOnly ?? false }
    })
    const namespaces: Record<'net' | 'ipc' | 'uts' | 'pid' | 'mnt', Namespace> = {
      net,
      ipc,
      uts,
      // Private to each container unless the pod asks to share it (chapter 1).
      pid: sharedPid ?? kernel.createNamespace('pid'),
      // Always private: a container sees its own image, plus only the volumes it mounts.
      mnt: kernel.createNamespace('mnt'),
    }
    const process = kernel.spawn(container.image ?? container.name, namespaces)
    return { name: container.name, net, files: new ContainerFiles(mounts), process }
  }

  const sidecars = (spec?.initContainers ?? []).filter(isSidecar)
  return { name, net, ipc, uts, volumes, containers: [...sidecars, ...(spec?.containers ?? [])].map(start) }
}

function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always'
}
