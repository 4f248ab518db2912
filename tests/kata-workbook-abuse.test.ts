/**
 * The kata CLI when the workbook's folders are not as it left them: read-only, deleted, saved
 * to many times a second, used from two terminals at once. Each case gets a clear line, the
 * loop goes on, and no learner file is lost.
 */
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliResult } from './run-command.ts'
import { TempWorkbook } from './temp-workbook.ts'
import { WatchSession } from './watch-session.ts'

let workbook: TempWorkbook
beforeAll(() => {
  workbook = new TempWorkbook()
  workbook.kata('list') // creates the working copies and builds the CLI
})
afterAll(() => workbook.remove())

function clean(output: string) {
  expect(output).not.toMatch(/internal error|\n\s+at .*\(.*:\d+:\d+\)/)
}

const WRITABLE = ['', 'katas', 'katas/01-pods', 'katas/03-sandbox', '.podkata']

/**
 * Runs the CLI on a workbook it may read but not write. Root writes through any mode, so when
 * the tests run as root the CLI runs as nobody (the workbook stays root's); otherwise the
 * write bits are taken away for the run.
 */
function kataReadOnly(...args: string[]): CliResult {
  const asRoot = process.getuid?.() === 0
  for (const dir of WRITABLE) chmodSync(workbook.path(dir), asRoot ? 0o755 : 0o555)
  try {
    const result = spawnSync(process.execPath, [workbook.path('scripts', 'kata.mjs'), ...args], {
      cwd: workbook.root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 60_000,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    })
    return { code: result.status, stdout: result.stdout, stderr: result.stderr }
  } finally {
    for (const dir of WRITABLE) chmodSync(workbook.path(dir), 0o755)
  }
}

const READ_ONLY = /\(EACCES\): that folder is read-only for you; make it writable \(chmod u\+w\) or work in a copy of the workbook you own$/

describe('a read-only workbook', () => {
  it('still gives the verdict, and says in one line that the progress is not saved', () => {
    workbook.write('katas/01-pods/pods.ts', workbook.read('solutions/01-pods/pods.ts'))
    const result = kataReadOnly('verify', 'pods')
    expect(result.stdout).toContain('All 22 specs pass. Kata 1 is solved!')
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^podkata: your progress is not saved: cannot write \.podkata\/progress\.txt/)
    expect(lines[0]).toMatch(READ_ONLY)
    expect(result.code).toBe(0)
    clean(result.stdout + result.stderr)
  })

  it('reset leaves the learner’s file as it is when its backup cannot be made', () => {
    const mine = workbook.read('solutions/01-pods/pods.ts') + '\n// mine\n'
    workbook.write('katas/01-pods/pods.ts', mine)
    const result = kataReadOnly('reset', 'pods')
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toMatch(/^podkata: katas\/01-pods\/pods\.ts was left as it is: its backup could not be made: cannot write \.podkata\/backups\S* /)
    expect(workbook.read('katas/01-pods/pods.ts')).toBe(mine)
    clean(result.stdout + result.stderr)
  })

  it('a working copy that cannot be made again is named, with the fix', () => {
    rmSync(workbook.path('katas/03-sandbox/sandbox.ts'), { force: true })
    const result = kataReadOnly('verify', 'sandbox')
    expect(result.code).toBe(73)
    expect(result.stderr.trim()).toMatch(/^podkata: cannot write katas\/03-sandbox\/sandbox\.ts /)
    expect(result.stderr.trim()).toMatch(READ_ONLY)
    clean(result.stdout + result.stderr)
  })
})
