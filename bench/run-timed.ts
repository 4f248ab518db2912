/**
 * One command, run to the end with its output discarded: its wall time, and the CPU time it
 * and its children used (Linux: read from this process's reaped-children counters), which a
 * busy machine disturbs far less than the wall time.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface Timed {
  wall: number
  cpu: number
}

export function timeCommand(nodeArgs: string[], cwd: string): Timed {
  const cpuBefore = childrenCpuMs()
  const started = performance.now()
  const result = spawnSync(process.execPath, nodeArgs, { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } })
  if (result.error) throw result.error
  return { wall: performance.now() - started, cpu: childrenCpuMs() - cpuBefore }
}

/** cutime + cstime of /proc/self/stat, in ms (10 ms steps); NaN where there is no /proc. */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ')
    return (Number(fields[13]) + Number(fields[14])) * 10
  } catch {
    return Number.NaN
  }
}
