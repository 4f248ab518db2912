/**
 * Kata 5 — the pause container. The reference solution.
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
  const [newest] = status.sandboxStatuses
  if (!newest) return { changed: true, attempt: 0, sandboxId: '' }
  const next = Math.max(...status.sandboxStatuses.map((s) => s.metadata.attempt)) + 1
  const ready = status.sandboxStatuses.filter((s) => s.state === 'SANDBOX_READY').length
  if (ready > 1) return { changed: true, attempt: next, sandboxId: newest.id }
  if (newest.state !== 'SANDBOX_READY') return { changed: true, attempt: next, sandboxId: newest.id }
  if (!pod.spec?.hostNetwork && !newest.network.ip) return { changed: true, attempt: next, sandboxId: newest.id }
  return { changed: false, attempt: newest.metadata.attempt, sandboxId: newest.id }
}
// #endregion changed

// #region pause
/**
 * What /pause does once started: install three signal handlers, and otherwise sleep forever.
 * SIGINT and SIGTERM: say so on stderr and exit 0. SIGCHLD: reap every child that has exited,
 * which matters only where pause is PID 1 for other processes (a shared PID namespace).
 */
export function pauseProgram(process: Process, kernel: Kernel): void {
  process.stderr = []
  if (kernel.pidInNamespace(process.pid) !== 1) {
    // Not an error: pause also runs outside sandboxes.
    process.stderr.push('Warning: pause should be the first process')
  }
  const sigdown = (signal: 'SIGINT' | 'SIGTERM') => () => {
    process.stderr!.push(`Shutting down, got signal: ${SIGNAL_DESCRIPTIONS[signal]}`)
    kernel.exit(process.pid, 0)
  }
  process.handlers = {
    SIGINT: sigdown('SIGINT'),
    SIGTERM: sigdown('SIGTERM'),
    // while (waitpid(-1, NULL, WNOHANG) > 0);
    SIGCHLD: () => {
      while (kernel.waitAny(process.pid) > 0);
    },
  }
}
// #endregion pause

// #region namespaces
/**
 * The namespaces of a new container in the sandbox whose pause process is `pause`: always
 * pause's network, IPC and UTS namespaces; its PID namespace only when the pod shares one (POD),
 * the node's with NODE, and otherwise a new one of its own. The mount namespace is always new.
 */
export function containerNamespaces(kernel: Kernel, pause: Process, options: NamespaceOption): Record<NamespaceType, Namespace> {
  const pid = options.pid === 'POD' ? pause.namespaces.pid : options.pid === 'NODE' ? kernel.host.pid : kernel.createNamespace('pid')
  return {
    net: pause.namespaces.net,
    ipc: pause.namespaces.ipc,
    uts: pause.namespaces.uts,
    pid,
    mnt: kernel.createNamespace('mnt'),
  }
}
// #endregion namespaces
