// Mistake: puts every container in pause's PID namespace, as if shareProcessNamespace were the default.
// Caught by: each container has a PID namespace of its own by default, where it is PID 1
import type { NamespaceOption } from '../../../../machinery/runtime/cri.ts'
import type { Kernel, Process } from '../../../../machinery/kernel/kernel.ts'
import { containerNamespaces as reference } from '../../../../solutions/05-pause/pause.ts'

export { pauseProgram, podSandboxChanged } from '../../../../solutions/05-pause/pause.ts'

export function containerNamespaces(kernel: Kernel, pause: Process, options: NamespaceOption) {
  return reference(kernel, pause, { ...options, pid: options.pid === 'NODE' ? 'NODE' : 'POD' })
}
