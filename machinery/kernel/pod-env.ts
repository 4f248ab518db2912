/**
 * A pod running on the simulated node, as its containers experience it: which network they
 * are in, which files they see, which process they are. Provided machinery: kata 2 builds a
 * RunningPod from a manifest; the programs in programs.ts run inside its containers.
 */
import type { Kernel, Namespace, NetworkNamespace, Process } from './kernel.ts'
import type { ContainerFiles, Volume } from './volumes.ts'

/** One running container: the world as seen from inside it. */
export interface ContainerEnv {
  /** The container's name from the manifest. */
  name: string
  /** Its network namespace: its `localhost`, its ports, its IP. */
  net: NetworkNamespace
  /** Its files: its own image, with the volumes it mounts laid over it. */
  files: ContainerFiles
  /** Its main process; `process.namespaces` says which namespaces it is in. */
  process: Process
}

/** What a pod holds while it runs: the shared part, and one ContainerEnv per running container. */
export interface RunningPod {
  name: string
  /** The one network namespace of the pod (the node's own with hostNetwork). */
  net: NetworkNamespace
  /** The one IPC namespace of the pod. */
  ipc: Namespace
  /** The one UTS namespace of the pod: its hostname. */
  uts: Namespace
  /** One Volume per entry of spec.volumes, by volume name. */
  volumes: Map<string, Volume>
  /** Native sidecars first (initContainers order), then the app containers (containers order). */
  containers: ContainerEnv[]
}

/** The container with this name, or an error that lists the ones there are. */
export function containerOf(pod: RunningPod, name: string): ContainerEnv {
  const env = pod.containers.find((c) => c.name === name)
  if (!env) {
    const names = pod.containers.map((c) => `"${c.name}"`).join(', ') || 'none'
    throw new Error(`pod "${pod.name}" has no running container "${name}" (running: ${names})`)
  }
  return env
}

/** The node's own network namespace, the one `hostNetwork: true` puts a pod in. */
export function nodeNetwork(kernel: Kernel): NetworkNamespace {
  return kernel.host.net as NetworkNamespace
}

/**
 * Gives the pod its IP, as the CNI plugin does when the runtime sets up the pod's network
 * (chapter 3 builds that part). The address belongs to the network namespace, so every
 * container of the pod has it.
 */
export function givePodIP(pod: RunningPod, ip: string): void {
  pod.net.addresses.add(ip)
}

const hostnames = new WeakMap<Namespace, string>()

/** Sets the hostname of a UTS namespace, as `sethostname(2)` does inside it. */
export function setHostname(uts: Namespace, hostname: string): void {
  if (uts.type !== 'uts') throw new Error(`setHostname needs a uts namespace, got ${uts.toString()}`)
  hostnames.set(uts, hostname)
}

/** The hostname set in a UTS namespace; '(none)' if nobody set one. */
export function hostnameIn(uts: Namespace): string {
  return hostnames.get(uts) ?? '(none)'
}

/** What `hostname` prints inside the container: the hostname of its UTS namespace. */
export function hostnameOf(env: ContainerEnv): string {
  return hostnameIn(env.process.namespaces.uts)
}
