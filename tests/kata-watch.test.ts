/**
 * The watch loop keeps one test worker warm between saves (cli/warm-worker.ts). These tests
 * check what that must not change: each run sees the learner's code as saved and nothing left
 * over from the run before, a stuck spec is stopped and named and the loop goes on, and leaving
 * while a spec is stuck is quick and leaves nothing running.
 */
import { existsSync, readdirSync, readlinkSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TempWorkbook } from './temp-workbook.ts'
import { WatchSession } from './watch-session.ts'

const PODS = 'katas/01-pods/pods.ts'
const TODO = "throw new Error('TODO: validatePod is not written yet')"

let workbook: TempWorkbook
const starter = () => workbook.read('starters', '01-pods', 'pods.ts')
const solution = () => workbook.read('solutions', '01-pods', 'pods.ts')
/** The starter with validatePod's body replaced. */
const podsWith = (body: string, extra = '') => starter().replace(TODO, body) + extra

beforeAll(() => {
  workbook = new TempWorkbook()
  workbook.kata('list') // creates the working copies
})
afterAll(() => workbook.remove())

/** Processes whose working directory is inside this workbook: the CLI and anything it started. */
function processesIn(root: string): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(root)) found.push(Number(entry))
    } catch {
      // gone, or not ours to look at
    }
  }
  return found
}

/** Waits until `file` exists: the learner's code writes it as it enters its loop. */
async function created(file: string, loop: WatchSession): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the loop never started; the watch loop printed:\n${loop.output}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const STUCK_SPEC = 'The spec "validatePod: what the API server rejects › accepts a valid Pod with two containers" did not finish within 3 s, so it was stopped.'

describe('the warm watch loop', () => {
  it('evaluates the learner code afresh on every save, stops sync and async endless loops, and carries on', async () => {
    // Module state, a global and an environment variable, each counted per call, and an
    // interval that, if it outlived its run, would mark the global object during the next.
    // The worker thread's id shows that the same warm worker ran every save.
    const counting =
      "import { threadId } from 'node:worker_threads'\n" +
      podsWith(
        'const g = globalThis as { probe?: number; leaked?: boolean }; const leaked = g.leaked === true; ' +
          'calls++; g.probe = (g.probe ?? 0) + 1; process.env.PROBE = String(Number(process.env.PROBE ?? 0) + 1); ' +
          'setInterval(() => (g.leaked = true), 1); ' +
          'throw new Error(`calls ${calls} global ${g.probe} env ${process.env.PROBE} leaked ${leaked} in thread ${threadId}`)',
        '\nlet calls = 0\n',
      )
    const fresh = /calls 1 global 1 env 1 leaked false in thread (\d+)/
    workbook.write(PODS, counting)
    const loop = new WatchSession(workbook)
    const thread = fresh.exec(await loop.waitFor(fresh))![1]
    for (const save of [1, 2]) {
      const mark = loop.mark()
      workbook.write(PODS, counting + `// save ${save}\n`)
      // Every spec ran once before, so anything kept from that run would count past 1.
      const verdict = await loop.waitFor('specs pass.', mark)
      expect(verdict).toMatch(fresh)
      expect(fresh.exec(verdict)![1], 'the same warm worker').toBe(thread)
    }

    let mark = loop.mark()
    workbook.write(PODS, podsWith('while (true) {}'))
    await loop.waitFor(STUCK_SPEC, mark)

    // An async loop that never yields to the event loop starves the worker just the same
    // (which spec it blames depends on where vitest next waits for a timer).
    mark = loop.mark()
    workbook.write(PODS, podsWith('void (async () => { for (;;) await null })(); return []'))
    await loop.waitFor(/The spec ".+" did not finish within 3 s, so it was stopped\./, mark)

    mark = loop.mark()
    workbook.write(PODS, solution())
    await loop.waitFor('Kata 1 is solved!', mark)
    loop.press('q')
    expect(await loop.exit()).toBe(0)
  })
})

describe('leaving while a spec is stuck', () => {
  it.each([
    ['q', (loop: WatchSession) => loop.press('q')],
    ['Ctrl-C', (loop: WatchSession) => loop.process.kill('SIGINT')],
  ])('%s ends the loop within a second, says goodbye and leaves no process', async (_key, leave) => {
    const own = new TempWorkbook()
    try {
      own.kata('list')
      const entered = own.path('katas', '01-pods', 'entered-the-loop') // inside its own kata folder: the only place the specs' code may write
      const looping = own.read('starters', '01-pods', 'pods.ts').replace(TODO, `writeFileSync(${JSON.stringify(entered)}, ''); while (true) {}`)
      own.write(PODS, `import { writeFileSync } from 'node:fs'\n${looping}`)
      const loop = new WatchSession(own)
      await created(entered, loop)
      // Inside the loop now: it spins for 3 s before the watchdog steps in.
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(loop.output).not.toContain('did not finish')
      const started = Date.now()
      leave(loop)
      const code = await loop.exit()
      expect(Date.now() - started).toBeLessThan(1000)
      expect(code).toBe(0)
      expect(loop.output).toContain('Bye.')
      expect(processesIn(own.root)).toEqual([])
    } finally {
      own.remove()
    }
  })
})
