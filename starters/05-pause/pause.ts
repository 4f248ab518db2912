/**
 * Kata 5 — the pause container. Your file.
 *
 * Three pieces of the same idea. pause is a process that does nothing, so that something
 * holds the pod's namespaces while containers come and go:
 * - the pause program itself, as k/k build/pause/linux/pause.c writes it;
 * - the namespaces a container gets: the sandbox's, found through the pause process;
 * - the kubelet's decision when something dies: restart a container in the same sandbox, or
 *   replace the whole sandbox (kuberuntime's PodSandboxChanged).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { NamespaceOption } from '../../machinery/runtime/cri.ts'
import { SIGNAL_DESCRIPTIONS, type Kernel, type Namespace, type NamespaceType, type Process } from '../../machinery/kernel/kernel.ts'
import type { RuntimePodStatus } from '../../machinery/kubelet/runtime-pod-status.ts'

// #region changed
/**
 * Whether the pod needs a new sandbox (kuberuntime's PodSandboxChanged), the attempt number for
 * it, and the sandbox concerned: a new pod gets attempt 0; a pod whose newest sandbox is not
 * ready (its pause process died), has lost its IP, or that has two ready sandboxes gets a new
 * one with the next attempt number. A container that crashed changes nothing here.
 */
export function podSandboxChanged(pod: Pod, status: RuntimePodStatus): { changed: boolean; attempt: number; sandboxId: string } {
  // TODO: no sandbox → changed, attempt 0. The newest sandbox (status.sandboxStatuses[0]) not
  //       ready, without an IP (unless hostNetwork), or two ready sandboxes → changed, with one
  //       more than the highest attempt so far. Otherwise unchanged, with its own attempt.
  throw new Error('TODO: podSandboxChanged is not written yet')
}
// #endregion changed

// #region pause
/**
 * What /pause does once started: install three signal handlers, and otherwise sleep forever.
 * SIGINT and SIGTERM: say so on stderr and exit 0. SIGCHLD: reap every child that has exited,
 * which matters only where pause is PID 1 for other processes (a shared PID namespace).
 */
export function pauseProgram(process: Process, kernel: Kernel): void {
  // TODO: pause.c in a few lines. Not PID 1 in its PID namespace (kernel.pidInNamespace)? Push
  //       'Warning: pause should be the first process' to process.stderr, and carry on.
  // TODO: process.handlers: SIGINT and SIGTERM push `Shutting down, got signal: <description>`
  //       (SIGNAL_DESCRIPTIONS) and exit 0; SIGCHLD reaps every exited child (kernel.waitAny).
  throw new Error('TODO: pauseProgram is not written yet')
}
// #endregion pause

// #region namespaces
/**
 * The namespaces of a new container in the sandbox whose pause process is `pause`: always
 * pause's network, IPC and UTS namespaces; its PID namespace only when the pod shares one (POD),
 * the node's with NODE, and otherwise a new one of its own. The mount namespace is always new.
 */
export function containerNamespaces(kernel: Kernel, pause: Process, options: NamespaceOption): Record<NamespaceType, Namespace> {
  // TODO: net, ipc and uts are pause's. pid: pause's with POD, the node's with NODE, else a new
  //       one. mnt: always a new one.
  throw new Error('TODO: containerNamespaces is not written yet')
}
// #endregion namespaces
