/**
 * Runs one of the workbook's commands the way a learner would (the same entry point, without
 * npm's banner), in a workbook folder, without colours, and returns what it printed.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
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

/** `npm run sim -- <args>` in a workbook (this one unless told otherwise). */
export function runSimCommand(args: string[], root = ROOT): CliResult {
  return runCommand([join(root, 'scripts', 'sim.mjs'), ...args], root)
}
