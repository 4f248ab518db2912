/** The kata CLI as a learner uses it, on a throw-away copy of the workbook. */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import type { CliResult } from './run-command.ts'
import { KATA_1_SPECS, TempWorkbook } from './temp-workbook.ts'

let workbook: TempWorkbook
// The endless-loop test's own workbook: its run waits 3 s for the watchdog, so it starts
// first and the tests before it run meanwhile.
let stuckWorkbook: TempWorkbook
let stuckRun: Promise<{ result: CliResult; ms: number }>

/** Blocks the worker as `while (true) {}` does, without spinning a core for 3 s (the watch
 * loop's test, tests/kata-watch.test.ts, has a real spinning loop). */
const BLOCK = 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return []'

beforeAll(() => {
  workbook = new TempWorkbook()
  stuckWorkbook = new TempWorkbook()
  stuckWorkbook.write('katas/01-pods/pods.ts', stuckWorkbook.read('starters', '01-pods', 'pods.ts').replace("throw new Error('TODO: validatePod is not written yet')", BLOCK))
  const started = Date.now()
  stuckRun = stuckWorkbook.kataAsync('verify', 'pods').then((result) => ({ result, ms: Date.now() - started }))
})
afterAll(async () => {
  await stuckRun.catch(() => undefined)
  workbook.remove()
  stuckWorkbook.remove()
})

const solution = () => workbook.read('solutions', '01-pods', 'pods.ts')
const starter = () => workbook.read('starters', '01-pods', 'pods.ts')
// A Node stack frame names an absolute path or URL; the CLI prints only paths inside the workbook.
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at (?:.+ \()?(?:file:\/\/|\/|node:).+:\d+:\d+\)?$/m)

describe('on a fresh workbook', () => {
  // One run of `verify pods` on the starter, read by the tests below (each CLI run costs a
  // second), and the same kata by its number and its folder, started beside it: on the
  // starter, verify writes nothing, so the three do not get in each other's way.
  let starterRun: CliResult
  let byNumber: CliResult
  let byFolder: CliResult

  it('lists kata 1 as not tried and creates the working copy from the starter', async () => {
    const result = workbook.kata('list')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/→ · +1 +pods +Model a Pod/)
    ;[starterRun, byNumber, byFolder] = await Promise.all([workbook.kataAsync('verify', 'pods'), workbook.kataAsync('verify', '1'), workbook.kataAsync('verify', '01-pods')])
    expect(workbook.read('katas', '01-pods', 'pods.ts')).toBe(starter())
  })

  it('verify shows the first failing spec, the line to edit and the hint prompt, and exits 1', () => {
    const result = starterRun
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`0 of ${KATA_1_SPECS} specs pass.`)
    expect(result.stdout).toContain('Next, make this spec pass:\n  ✗ validatePod: what the API server rejects › accepts a valid Pod with two containers')
    expect(result.stdout).toContain('TODO: validatePod is not written yet')
    expect(result.stdout).toMatch(/edit {2}katas\/01-pods\/pods\.ts:\d+:\d+/)
    expect(result.stdout).toMatch(/spec {2}katas\/01-pods\/pods\.spec\.ts:\d+:\d+/)
    // The hint offered is the one about the failing spec's describe group, and names its kata.
    expect(result.stdout).toContain('Stuck? Hint 2 of 5 (kata 1 · pods) is about “validatePod: what the API server rejects”: run `npm run kata -- hint pods 2`.')
    // Running the specs of an untouched kata is not trying it.
    expect(workbook.kata('list').stdout).toMatch(/→ · +1 +pods/)
  })

  it('accepts a kata by number, name or folder', () => {
    for (const run of [starterRun, byNumber, byFolder]) {
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('Kata 1 · pods')
      expect(run.stdout).toContain(`0 of ${KATA_1_SPECS} specs pass.`)
    }
  })
})

describe('bad input gets one line and a non-zero exit', () => {
  it('names the valid katas when a kata is unknown', () => {
    const result = workbook.kata('verify', 'sandbox-please')
    expect(result.code).toBe(2)
    const valid = KATAS.map((k) => `${k.number} (${k.slug}, ${k.folder})`).join('; ')
    expect(result.stderr.trim()).toBe(`podkata: no kata called "sandbox-please". Valid names: ${valid}`)
    expect(valid).toContain('1 (pods, 01-pods)')
    expect(result.stdout).toBe('')
  })

  it('rejects an unknown verb and an unknown option', () => {
    const verb = workbook.kata('frobnicate')
    expect([verb.code, verb.stderr.trim().split('\n').length]).toEqual([2, 1])
    const misplaced = workbook.kata('list', '--force')
    expect([misplaced.code, misplaced.stderr.trim()]).toEqual([2, 'podkata: --force belongs to "solution", not to "list". See --help.'])
    const option = workbook.kata('verify', '--frce')
    expect(option.code).toBe(2)
    expect(option.stderr.trim()).toBe("podkata: Unknown option '--frce'. See --help.")
  })

  it('reports a syntax error in the learner file with its file and line', () => {
    workbook.write('katas/01-pods/pods.ts', starter().replace("throw new Error('TODO: validatePod is not written yet')", 'return [ +* ]'))
    const result = workbook.kata('verify', 'pods')
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Your code does not load, so no spec could run.')
    expect(result.stdout).toMatch(/at {2}katas\/01-pods\/pods\.ts:\d+:\d+/)
    noStackTrace(result.stdout + result.stderr)
  })

  it('stops a spec stuck in an endless loop and names it', async () => {
    const { result, ms } = await stuckRun
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(
      'The spec "validatePod: what the API server rejects › accepts a valid Pod with two containers" did not finish within 3 s, so it was stopped.',
    )
    expect(ms).toBeLessThan(20_000)
    noStackTrace(result.stdout + result.stderr)
  })
})

describe('hints come in levels', () => {
  it('shows the next unseen level each time, then any level asked for', () => {
    expect(workbook.kata('hint', 'pods').stdout).toMatch(/^Hint 1 of 5/)
    expect(workbook.kata('hint', 'pods').stdout).toMatch(/^Hint 2 of 5/)
    expect(workbook.kata('hint', '1', '5').stdout).toMatch(/^Hint 5 of 5[\s\S]*insufficientResources/)
    expect(workbook.read('.podkata', 'progress.txt')).toMatch(/^pods: failing, hints seen 5, /m)
  })

  it('refuses a level that does not exist', () => {
    const result = workbook.kata('hint', 'pods', '9')
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe('podkata: kata pods has hint levels 1 to 5; "9" is not one of them')
  })
})

describe('the solution is revealed after a pass, and nothing is lost', () => {
  it('refuses to show the solution before the kata passes, unless --force', () => {
    workbook.write('katas/01-pods/pods.ts', starter())
    const refused = workbook.kata('solution', 'pods')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('does not pass yet, so its solution stays hidden')
    const forced = workbook.kata('solution', 'pods', '--force')
    expect(forced.code).toBe(0)
    expect(forced.stdout).toContain('+++ solutions/01-pods/pods.ts\treference')
    expect(forced.stdout).toMatch(/^-  throw new Error\('TODO: validatePod is not written yet'\)$/m)
  })

  it('marks the kata solved when every spec passes, and then shows the reference', () => {
    workbook.write('katas/01-pods/pods.ts', solution())
    const result = workbook.kata('verify', 'pods')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`✓ All ${KATA_1_SPECS} specs pass. Kata 1 is solved!`)
    expect(workbook.read('.podkata', 'progress.txt')).toMatch(/^pods: solved, hints seen 5, \d{4}-/m)
    expect(workbook.kata('list').stdout).toMatch(/ ✓ +1 +pods/)
    expect(workbook.kata('solution', 'pods').stdout).toContain('Your file is the same as the reference, line for line.')
  })

  it('reset backs the learner file up, restores the starter and says where the backup is', () => {
    const mine = '// my own attempt\n' + solution()
    workbook.write('katas/01-pods/pods.ts', mine)
    const result = workbook.kata('reset', 'pods')
    expect(result.code).toBe(0)
    const backupName = /saved as (\.podkata\/backups\/01-pods\/pods\.ts\.[\dTZ-]+)/.exec(result.stdout)?.[1]
    expect(backupName).toBeDefined()
    expect(workbook.read(backupName!)).toBe(mine)
    expect(workbook.read('katas', '01-pods', 'pods.ts')).toBe(starter())
    // Back at the starter, the kata is not tried again.
    expect(workbook.read('.podkata', 'progress.txt')).toMatch(/^pods: not tried, hints seen 5, /m)
    expect(workbook.kata('list').stdout).toMatch(/→ · +1 +pods/)
  })

  it('keeps every backup when reset runs twice in the same second', () => {
    workbook.kata('reset', 'pods')
    workbook.kata('reset', 'pods')
    expect(readdirSync(workbook.path('.podkata', 'backups', '01-pods')).length).toBeGreaterThanOrEqual(3)
  })
})

describe('the watch loop', () => {
  it('opens the first unsolved kata, re-runs on save, says when it is solved, recreates a deleted file, moves on with n and quits on q', async () => {
    rmSync(workbook.path('.podkata', 'progress.txt'), { force: true })
    workbook.write('katas/01-pods/pods.ts', starter())
    workbook.write('katas/02-composite/composite.ts', workbook.read('starters', '02-composite', 'composite.ts'))
    const loop = workbook.startWatchLoop()
    let output = ''
    loop.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    /** Waits until the loop prints the text, after the first `from` characters of its output. */
    const waitFor = async (text: string, from = 0) => {
      const deadline = Date.now() + 20_000
      while (!output.slice(from).includes(text)) {
        if (Date.now() > deadline) throw new Error(`watch loop never printed "${text}"; it printed:\n${output}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    await waitFor(`0 of ${KATA_1_SPECS} specs pass.`)
    loop.stdin.write('h\n')
    await waitFor('Hint 2 of 5')
    workbook.write('katas/01-pods/pods.ts', solution())
    await waitFor('Kata 1 is solved!')
    // A deleted working copy comes back as the starter, and the loop says so.
    const beforeDelete = output.length
    rmSync(workbook.path('katas', '01-pods', 'pods.ts'))
    await waitFor('katas/01-pods/pods.ts was missing, so it was made again from its starter.', beforeDelete)
    expect(workbook.read('katas', '01-pods', 'pods.ts')).toBe(starter())
    const beforeNext = output.length
    loop.stdin.write('n\n')
    await waitFor('Kata 2 · composite', beforeNext)
    await waitFor('specs pass.', beforeNext)
    loop.stdin.write('q\n')
    const code = await new Promise<number | null>((resolve) => loop.on('exit', resolve))
    expect(code).toBe(0)
    expect(existsSync(workbook.path('.podkata', 'progress.txt'))).toBe(true)
  })
})

describe('starting anywhere', () => {
  it('opens the loop at the kata named, and walking past untouched katas leaves them not tried', async () => {
    rmSync(workbook.path('.podkata', 'progress.txt'), { force: true })
    for (const kata of KATAS) {
      for (const file of kata.files) workbook.write(`katas/${kata.folder}/${file}`, workbook.read('starters', kata.folder, file))
    }
    const loop = workbook.startWatchLoop('5')
    let output = ''
    loop.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const waitFor = async (text: string, from = 0) => {
      const deadline = Date.now() + 20_000
      while (!output.slice(from).includes(text)) {
        if (Date.now() > deadline) throw new Error(`watch loop never printed "${text}"; it printed:\n${output}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    await waitFor('Kata 5 · pause')
    await waitFor('specs pass.')
    const beforeNext = output.length
    loop.stdin.write('n\n')
    await waitFor('Kata 6 · airgap', beforeNext)
    await waitFor('specs pass.', beforeNext)
    loop.stdin.write('q\n')
    expect(await new Promise<number | null>((resolve) => loop.on('exit', resolve))).toBe(0)
    const list = workbook.kata('list').stdout
    expect(list).toMatch(/^ {2}· +5 +pause/m)
    expect(list).toMatch(/^ {2}· +6 +airgap/m)
    expect(list).toContain('0 of 6 solved.')
  })

  it('says in --help that a kata can be named, and refuses a word that is neither verb nor kata', () => {
    expect(workbook.kata('--help').stdout).toMatch(/^ {2}<kata> +the watch loop, opened at that kata/m)
    const result = workbook.kata('frobnicate')
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toMatch(/^podkata: "frobnicate" is neither a verb nor a kata\./)
  })
})
