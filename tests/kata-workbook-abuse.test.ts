/**
 * The kata CLI when the workbook's folders are not as it left them: read-only, deleted, saved
 * to many times a second, used from two terminals at once. Each case gets a clear line, the
 * loop goes on, and no learner file is lost.
 */
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliResult } from './run-command.ts'
import { KATA_1_SPECS, TempWorkbook } from './temp-workbook.ts'
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

/** Ends a loop still running (a failed test), and waits, so that the workbook can be removed. */
async function stop(loop: WatchSession): Promise<void> {
  if (loop.process.exitCode !== null || loop.process.signalCode !== null) return
  loop.process.kill()
  await loop.exit()
}

/** A watch loop and a second command, one after the other, on a busy machine. */
const TWO_COMMANDS_MS = 60_000

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
    expect(result.stdout).toContain(`All ${KATA_1_SPECS} specs pass. Kata 1 is solved!`)
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

const PODS = 'katas/01-pods/pods.ts'
const solution = () => workbook.read('solutions/01-pods/pods.ts')
const starter = () => workbook.read('starters/01-pods/pods.ts')

describe('a deleted kata folder', () => {
  it('verify makes the learner’s file again from its starter and names the missing specs', () => {
    const spec = workbook.read('katas/01-pods/pods.spec.ts')
    rmSync(workbook.path('katas/01-pods'), { recursive: true })
    try {
      const result = workbook.kata('verify', 'pods')
      expect(result.code).toBe(1)
      expect(result.stdout).toContain("The kata's specs are missing, so none could run.")
      expect(result.stdout).toContain('`git checkout -- katas/01-pods/pods.spec.ts` brings it back')
      expect(workbook.read(PODS)).toBe(starter())
      clean(result.stdout + result.stderr)
    } finally {
      writeFileSync(workbook.path('katas/01-pods/pods.spec.ts'), spec)
    }
  })

  it('the watch loop goes on, and runs again once the folder is back', async () => {
    workbook.write(PODS, solution())
    const saved = workbook.path('..', `${workbook.root.split('/').at(-1)}-pods-copy`)
    cpSync(workbook.path('katas/01-pods'), saved, { recursive: true })
    const loop = new WatchSession(workbook, 'pods')
    try {
      await loop.waitFor(`All ${KATA_1_SPECS} specs pass`)
      rmSync(workbook.path('katas/01-pods'), { recursive: true })
      // Like `git stash` and `git stash pop`: the folder goes, and comes back as a new folder.
      await new Promise((resolve) => setTimeout(resolve, 300))
      const mark = loop.mark()
      cpSync(saved, workbook.path('katas/01-pods'), { recursive: true })
      await loop.waitFor(`All ${KATA_1_SPECS} specs pass`, mark)
      loop.press('q')
      expect(await loop.exit()).toBe(0)
      clean(loop.output)
    } finally {
      await stop(loop)
      rmSync(saved, { recursive: true, force: true })
    }
  }, TWO_COMMANDS_MS)
})

describe('saves in quick succession', () => {
  it('the last save is the one judged, and the file is as last saved', { timeout: TWO_COMMANDS_MS }, async () => {
    workbook.write(PODS, starter())
    const loop = new WatchSession(workbook, 'pods')
    try {
      await loop.waitFor(`0 of ${KATA_1_SPECS} specs pass`)
      const mark = loop.mark()
      // An editor's auto-save, or a formatter running on save: 30 writes, 3 ms apart.
      for (let n = 0; n < 29; n++) {
        writeFileSync(workbook.path(PODS), `${starter()}\n// save ${n}\n`)
        await new Promise((resolve) => setTimeout(resolve, 3))
      }
      writeFileSync(workbook.path(PODS), solution())
      await loop.waitFor(`All ${KATA_1_SPECS} specs pass`, mark)
      // Anything still queued would show as another verdict after this one.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const verdicts = loop.output.slice(mark).match(new RegExp(`(All ${KATA_1_SPECS} specs pass|\\d+ of ${KATA_1_SPECS} specs pass)`, 'g')) ?? []
      expect(verdicts.at(-1)).toBe(`All ${KATA_1_SPECS} specs pass`)
      expect(workbook.read(PODS)).toBe(solution())
      loop.press('q')
      expect(await loop.exit()).toBe(0)
      clean(loop.output)
    } finally {
      await stop(loop)
    }
  })
})

describe('two terminals at once', () => {
  it('CLIs started together while its build is stale each run from a whole build', async () => {
    // A source newer than the build: every one of them builds it again, at the same time.
    const future = new Date(Date.now() + 5_000)
    const { utimesSync } = await import('node:fs')
    utimesSync(workbook.path('cli', 'style.ts'), future, future)
    const runs = await Promise.all(
      Array.from({ length: 3 }, () => {
        const child = spawn(process.execPath, [workbook.path('scripts', 'kata.mjs'), 'list'], { cwd: workbook.root, env: { ...process.env, NO_COLOR: '1' } })
        let stdout = ''
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
        return new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout })))
      }),
    )
    for (const run of runs) {
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/\d of 6 solved/)
    }
    expect(existsSync(workbook.path('.podkata', 'build', 'kata.mjs'))).toBe(true)
  })

  it('what one terminal records, the other keeps', { timeout: TWO_COMMANDS_MS }, async () => {
    rmSync(workbook.path('.podkata', 'progress.txt'), { force: true })
    workbook.write(PODS, starter())
    const loop = new WatchSession(workbook, 'pods')
    try {
      await loop.waitFor(`0 of ${KATA_1_SPECS} specs pass`)
      // The second terminal solves kata 3 while the loop has kata 1 open.
      workbook.write('katas/03-sandbox/sandbox.ts', workbook.read('solutions/03-sandbox/sandbox.ts'))
      expect(workbook.kata('verify', 'sandbox').code).toBe(0)
      const mark = loop.mark()
      writeFileSync(workbook.path(PODS), solution())
      await loop.waitFor(`All ${KATA_1_SPECS} specs pass`, mark)
      const progress = workbook.read('.podkata', 'progress.txt')
      expect(progress).toMatch(/^pods: solved/m)
      expect(progress).toMatch(/^sandbox: solved/m)
      loop.press('q')
      expect(await loop.exit()).toBe(0)
    } finally {
      await stop(loop)
    }
  })
})
