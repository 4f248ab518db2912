// Mistake: forgets that containers join the sandbox: each one gets a network, IPC and UTS namespace of its own.
// Caught by: every container shares pause’s network, IPC and UTS namespaces
import type { NamespaceOption } from '../../../../machinery/runtime/cri.ts'
import type { Kernel, Process } from '../../../../machinery/kernel/kernel.ts'
import { containerNamespaces as reference } from '../../../../solutions/05-pause/pause.ts'

export { pauseProgram, podSandboxChanged } from '../../../../solutions/05-pause/pause.ts'

export function containerNamespaces(kernel: Kernel, pause: Process, options: NamespaceOption) {
  return { ...reference(kernel, pause, options), net: kernel.createNetworkNamespace(), ipc: kernel.createNamespace('ipc'), uts: kernel.createNamespace('uts') }
}
