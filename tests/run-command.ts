/**
 * Runs one of the workbook's commands the way a learner would (the same entry point, without
 * npm's banner), in a workbook folder, without colours, and returns what it printed.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ROOT } from '../workbook/paths.ts'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `node <nodeArgs>` in `cwd`. */
export function runCommand(nodeArgs: string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, nodeArgs, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/**
 * `npm run sim -- <args>` in a workbook (this one unless told otherwise). The simulator is
 * deterministic, so the same command on the same files prints the same: within one test file,
 * a command already run in this workbook (same arguments, same contents of the files they
 * name) is answered from the first run instead of being spawned again. Not in a throw-away
 * workbook: tests change the learner's files there between runs.
 */
export function runSimCommand(args: string[], root = ROOT): CliResult {
  const run = () => runCommand([join(root, 'scripts', 'sim.mjs'), ...args], root)
  if (root !== ROOT) return run()
  const key = JSON.stringify([args, args.map((arg) => contentOf(resolve(root, arg)))])
  const result = simRuns.get(key) ?? run()
  simRuns.set(key, result)
  return result
}

const simRuns = new Map<string, CliResult>()

function contentOf(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null // not a file: an option, a value, or a file that is missing on purpose
  }
}
