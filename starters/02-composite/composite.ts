/**
 * Kata 2 — Composite containers.
 *
 * A sidecar, an ambassador and an adapter only work because of what the pod gives its
 * containers: one network (one localhost, one port space, one IP), one hostname, and volumes
 * that each container mounts where and how it says. You build that part of the pod on the
 * simulated node, and the provided programs (git-sync, nginx, a Redis ambassador, a metrics
 * adapter, in machinery/kernel/programs.ts) then run inside your containers. Then you work out in
 * which order the kubelet starts and stops native sidecars.
 *
 * Run `npm run kata` and make the specs in composite.spec.ts pass, one at a time. Stuck? Press
 * `h` in the watch loop, or run `npm run kata -- hint composite`.
 *
 * The helpers imported below are provided; you do not need to write any of them.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { Kernel, Namespace } from '../../machinery/kernel/kernel.ts'
import { nodeNetwork, setHostname, type ContainerEnv, type RunningPod } from '../../machinery/kernel/pod-env.ts'
import { ContainerFiles, Volume, type Mount } from '../../machinery/kernel/volumes.ts'

// #region start-pod
/**
 * Starts the pod on the node: first what its containers share, then one ContainerEnv per
 * running container (native sidecars first, then the app containers).
 *
 * The kernel gives you namespaces: kernel.createNetworkNamespace(), kernel.createNamespace('uts'),
 * kernel.createNamespace('ipc' | 'pid' | 'mnt'), and the node's own ones in kernel.host
 * (nodeNetwork(kernel) is kernel.host.net with its proper type). kernel.spawn(command,
 * namespaces) starts a container's process inside the namespaces you give it.
 */
export function startPod(pod: Pod, kernel: Kernel): RunningPod {
  // TODO: ONE network namespace for the whole pod (the node's own with spec.hostNetwork).
  // TODO: ONE UTS namespace, whose hostname is spec.hostname or else the pod's name
  //       (setHostname). With hostNetwork the pod has the node's UTS namespace and hostname.
  // TODO: ONE IPC namespace (the node's with spec.hostIPC).
  // TODO: one Volume per entry of spec.volumes, created once for the pod.
  // TODO: for each native sidecar and each app container, a ContainerEnv:
  //       - files: new ContainerFiles(mounts), with a Mount only for the container's own
  //         volumeMounts: { path: mountPath, volume, readOnly: readOnly ?? false };
  //       - process: kernel.spawn(image, { net, ipc, uts, pid, mnt }), where the mount namespace
  //         is the container's own, and so is PID unless the pod shares it (chapter 1).
  throw new Error('TODO: startPod is not written yet')
}
// #endregion start-pod

// #region sidecar
/** A native sidecar: an init container that keeps running beside the app containers. */
function isSidecar(container: Container): boolean {
  // TODO: which field of the init container says so? (Not the pod's restartPolicy.)
  throw new Error('TODO: isSidecar is not written yet')
}
// #endregion sidecar

// #region start-order
/**
 * What happens, in order, from the first container's start until every app container has
 * started: `<name> started` when a container starts, and `<name> completed` when a regular
 * init container has run to completion (exit code 0).
 */
export function startOrder(pod: Pod): string[] {
  // TODO: init containers in spec order. Before the next one may start, a regular init container
  //       must have completed; a sidecar only needs to have started.
  // TODO: then the app containers, in spec order.
  throw new Error('TODO: startOrder is not written yet')
}
// #endregion start-order

// #region stop-order
/**
 * The order in which the kubelet stops a running pod's containers: a list of groups, where the
 * containers of one group stop together and a group waits until the one before has exited.
 */
export function stopOrder(pod: Pod): string[][] {
  // TODO: which containers are still running when the pod is deleted?
  // TODO: who has to stop first, so that nothing loses a helper it still needs?
  throw new Error('TODO: stopOrder is not written yet')
}
// #endregion stop-order
