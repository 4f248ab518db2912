/** Wall time of one command, run to the end with its output discarded. */
import { spawnSync } from 'node:child_process'

export function timeCommand(nodeArgs: string[], cwd: string): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, nodeArgs, { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } })
  if (result.error) throw result.error
  return performance.now() - started
}
