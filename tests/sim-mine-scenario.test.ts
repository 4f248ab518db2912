/**
 * `npm run sim -- <scenario.yaml> --mine / --compare`: a scenario file played on the learner's
 * kubelet from kata 4, as a Pod is, on a throw-away copy of the workbook. The page does the
 * same from the browser's storage (tests/trace-parting.test.ts, e2e/in-page-trace.test.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../workbook/paths.ts'
import { TempWorkbook } from './temp-workbook.ts'

let workbook: TempWorkbook
const LEARNER = 'katas/04-syncpod/sync-pod.ts'
const SCENARIO = 'examples/scenarios/airgap-import.yaml'

beforeAll(() => {
  workbook = new TempWorkbook()
})

afterAll(() => {
  workbook?.remove()
})

describe('npm run sim <scenario> --mine and --compare', () => {
  it('plays the story on the learner’s kubelet, the same transcript as the reference’s when it is the reference', () => {
    workbook.write(LEARNER, workbook.read('solutions', '04-syncpod', 'sync-pod.ts'))
    const reference = workbook.sim(SCENARIO)
    const mine = workbook.sim(SCENARIO, '--mine')
    expect(mine.code).toBe(0)
    expect(mine.stdout).toBe(reference.stdout)
    const compared = workbook.sim(SCENARIO, '--compare')
    expect(compared.code).toBe(0)
    expect(compared.stdout).toMatch(/^Your kubelet \(katas\/04-syncpod\/sync-pod\.ts\):$/m)
    expect(compared.stdout.trim().split('\n').at(-1)).toBe('Your kubelet makes the same CRI calls and records the same events as the reference.')
  })

  it('names the first call and event where the learner’s kubelet parts from the reference in the story', () => {
    // The copy holds no proof/: the known-wrong kubelet comes from the workbook itself, its imports made the kata folder's.
    const wrong = readFileSync(join(ROOT, 'proof', 'known-wrong', '04-syncpod', 'continues-after-sandbox-failure', 'sync-pod.ts'), 'utf8')
    workbook.write(LEARNER, wrong.replaceAll("'../../../../", "'../../"))
    const { code, stdout } = workbook.sim(SCENARIO, '--compare')
    expect(code).toBe(1)
    expect(stdout).toContain('First difference in the CRI calls: call 2: yours is ImageStatus nginx:1.27; the reference makes RunPodSandbox web (attempt 0)')
    expect(stdout).toMatch(/^First difference in the events: event 3: yours is Normal Pulled /m)
  })

  it('says in one line that the starter is not written yet, and still refuses node options', () => {
    workbook.write(LEARNER, workbook.read('starters', '04-syncpod', 'sync-pod.ts'))
    const { code, stdout, stderr } = workbook.sim(SCENARIO, '--mine')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.trim()).toBe('sim: your RuntimeManager threw: TODO: syncPod is not written yet')
    expect(workbook.sim(SCENARIO, '--mine', '--offline').stderr.trim()).toBe("sim: a scenario sets up its own node and steps; drop --offline (or change the scenario's node:)")
  })
})
