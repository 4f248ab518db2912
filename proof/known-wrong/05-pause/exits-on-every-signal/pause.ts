// Mistake: pause exits on any signal, so a stray SIGHUP takes the whole sandbox down.
// Caught by: has no handler for SIGHUP, and as PID 1 the kernel does not let it die of one
import type { Kernel, Process } from '../../../../machinery/kernel/kernel.ts'
import { pauseProgram as reference } from '../../../../solutions/05-pause/pause.ts'

export { containerNamespaces, podSandboxChanged } from '../../../../solutions/05-pause/pause.ts'

export function pauseProgram(process: Process, kernel: Kernel): void {
  reference(process, kernel)
  process.handlers!.SIGHUP = () => kernel.exit(process.pid, 0)
}
