/**
 * `npm run sim -- … --mine / --compare`: the learner's kubelet from kata 4 on the simulator,
 * drawn next to the reference, on a throw-away copy of the workbook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliResult } from './run-command.ts'
import { TempWorkbook } from './temp-workbook.ts'

let workbook: TempWorkbook
const LEARNER = 'katas/04-syncpod/sync-pod.ts'
// The endless-loop test's own workbook: the sim waits 5 s before it gives up on the learner's
// code, so that run starts first and the other tests run meanwhile.
let stuckWorkbook: TempWorkbook
let stuckRun: Promise<CliResult>

beforeAll(() => {
  workbook = new TempWorkbook()
  stuckWorkbook = new TempWorkbook()
  // Blocks like `for (;;) {}` without spinning a core for the 5 s the sim waits.
  stuckWorkbook.write(LEARNER, 'export class RuntimeManager {\n  syncPod() {\n    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)\n  }\n}\n')
  stuckRun = stuckWorkbook.simAsync('examples/pods/web.yaml', '--mine')
})

afterAll(async () => {
  await stuckRun?.catch(() => undefined)
  workbook?.remove()
  stuckWorkbook?.remove()
})

describe('npm run sim --mine and --compare', () => {
  it('says in one line that the starter is not written yet', () => {
    workbook.write(LEARNER, workbook.read('starters', '04-syncpod', 'sync-pod.ts'))
    const { code, stdout, stderr } = workbook.sim('examples/pods/web.yaml', '--mine')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.trim()).toBe('sim: your RuntimeManager threw: TODO: syncPod is not written yet')
  })

  it('draws the learner’s calls and agrees when they are the reference’s', () => {
    workbook.write(LEARNER, workbook.read('solutions', '04-syncpod', 'sync-pod.ts'))
    const { code, stdout } = workbook.sim('examples/pods/web.yaml', '--compare', '--width', '100')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Your kubelet \(katas\/04-syncpod\/sync-pod\.ts\):$/m)
    expect(stdout).toMatch(/^The reference kubelet:$/m)
    expect(stdout.trim().split('\n').at(-1)).toBe('Your kubelet makes the same CRI calls and records the same events as the reference.')
  })

  it('names the first call where the learner’s kubelet differs', () => {
    const skipsImageStatus = workbook
      .read('solutions', '04-syncpod', 'sync-pod.ts')
      .replace("const present = policy === 'Always' ? null : cri.imageStatus({ image: { image } }).image", 'const present = null as null | { id: string }')
    workbook.write(LEARNER, skipsImageStatus)
    const { code, stdout } = workbook.sim('examples/pods/web.yaml', '--compare')
    expect(code).toBe(1)
    expect(stdout).toContain('First difference in the CRI calls: call 3: yours is PullImage nginx:1.27; the reference makes ImageStatus nginx:1.27')
  })

  it('names the first event that differs when the calls are the same', () => {
    const noSandboxChanged = workbook
      .read('solutions', '04-syncpod', 'sync-pod.ts')
      .replace("recorder.record('Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.')", '')
    workbook.write(LEARNER, noSandboxChanged)
    const { code, stdout } = workbook.sim('examples/pods/web.yaml', '--compare', '--crash', 'pause')
    expect(code).toBe(1)
    expect(stdout).toContain('The CRI calls are the same as the reference’s.')
    expect(stdout).toMatch(/^First difference in the events: event \d+: yours is .+; the reference records Normal SandboxChanged: Pod sandbox changed, it will be killed and re-created\.$/m)
  })

  it('stops an endless loop and says so', async () => {
    const { code, stderr } = await stuckRun
    expect(code).toBe(1)
    expect(stderr.trim()).toBe('sim: your katas/04-syncpod/sync-pod.ts did not finish within 5 s: is there an endless loop?')
  })

  it('points at a syntax error by line and column', () => {
    workbook.write(LEARNER, 'export class RuntimeManager {\n  syncPod( {\n}\n')
    const { code, stderr } = workbook.sim('examples/pods/web.yaml', '--mine')
    expect(code).toBe(1)
    expect(stderr.trim()).toMatch(/^sim: your katas\/04-syncpod\/sync-pod\.ts does not load: line \d+, column \d+: Expected "\)" but found/)
  })
})
