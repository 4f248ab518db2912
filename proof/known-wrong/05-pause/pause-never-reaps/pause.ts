// Mistake: pause handles SIGINT and SIGTERM but not SIGCHLD, so orphans in a shared PID namespace stay zombies.
// Caught by: with shareProcessNamespace, the orphan belongs to pause, which reaps it when it exits
import type { Kernel, Process } from '../../../../machinery/kernel/kernel.ts'
import { pauseProgram as reference } from '../../../../solutions/05-pause/pause.ts'

export { containerNamespaces, podSandboxChanged } from '../../../../solutions/05-pause/pause.ts'

export function pauseProgram(process: Process, kernel: Kernel): void {
  reference(process, kernel)
  delete process.handlers!.SIGCHLD
}
