/** Runs `npm run sim -- <args>` (the same entry point, without npm's banner) in a workbook. */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from '../workbook/paths.ts'

export interface SimResult {
  code: number | null
  stdout: string
  stderr: string
}

export function runSimCommand(args: string[], root = ROOT): SimResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'sim', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
