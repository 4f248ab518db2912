/**
 * Runs one of the workbook's commands the way a learner would (the same entry point, without
 * npm's banner), in a workbook folder, without colours, and returns what it printed.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ROOT } from '../workbook/paths.ts'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
const TIMEOUT_MS = 60_000

/** `node <nodeArgs>` in `cwd`. */
export function runCommand(nodeArgs: string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, nodeArgs, { cwd, encoding: 'utf8', env: ENV, timeout: TIMEOUT_MS })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/**
 * The same, without waiting: for a command that spends its time waiting (a spec stuck until
 * the watchdog stops it), or several that do not depend on each other, so that the rest of
 * the test file runs meanwhile. A test file's other commands use spawnSync, which blocks
 * this event loop but not the child: the answer is read once the loop is free again.
 */
export function runCommandAsync(nodeArgs: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { cwd, env: ENV, timeout: TIMEOUT_MS })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
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
