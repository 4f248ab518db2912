/**
 * `kata verify --mine`, the capstone, on a throw-away copy of the workbook: it runs the katas
 * the learner has written on a node built from the learner's own parts, and ends with random
 * histories on that node (cli/node-properties-check.ts): the counts are printed, and a history
 * that breaks an invariant comes back shrunk, saved as a scenario file that `npm run sim` plays.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { parseScenario } from '../sim/scenario-file.ts'
import { runScenario } from '../sim/scenario.ts'
import { ROOT } from '../workbook/paths.ts'
import type { CliResult } from './run-command.ts'
import { TempWorkbook } from './temp-workbook.ts'

let workbook: TempWorkbook
beforeAll(() => {
  workbook = new TempWorkbook()
})
afterAll(() => workbook.remove())

const writeFrom = (source: 'solutions' | 'starters', folder: string) => {
  const kata = KATAS.find((k) => k.folder === folder)!
  for (const file of kata.files) workbook.write(`katas/${folder}/${file}`, workbook.read(source, folder, file))
}

/** A known-wrong sandbox service from the proof, as a learner's kata 3 (it builds on a copy of the reference). */
function writeKnownWrongSandbox(variant: string): void {
  workbook.write('katas/03-sandbox/base.ts', workbook.read('solutions/03-sandbox/sandbox.ts'))
  const wrong = readFileSync(join(ROOT, 'proof/known-wrong/03-sandbox', variant, 'sandbox.ts'), 'utf8')
  workbook.write('katas/03-sandbox/sandbox.ts', wrong.replaceAll('../../../../machinery/', '../../machinery/').replace('../../../../solutions/03-sandbox/sandbox.ts', './base.ts'))
}

// One run with katas 4 to 6 written (the reference's code as the learner's), read by the first
// test of each block below: what the capstone ran, and what the random histories found.
let laterKatasRun: CliResult
let progressBefore: string

describe('verify --mine, the capstone', () => {
  it('runs only the katas the learner has written, says which parts were the reference, and writes no progress', () => {
    for (const kata of KATAS) writeFrom('starters', kata.folder)
    for (const folder of ['04-syncpod', '05-pause', '06-airgap']) writeFrom('solutions', folder)
    workbook.write('.podkata/progress.txt', 'syncpod: solved, 2026-11-30T10:00:00.000Z\npause: solved, 2026-11-30T10:00:00.000Z\nairgap: solved, 2026-11-30T10:00:00.000Z\n')
    progressBefore = workbook.read('.podkata', 'progress.txt')
    const result = (laterKatasRun = workbook.kata('verify', '--mine'))
    expect(result.stdout).toContain('Capstone: every kata you have written, on a node built from your own code.')
    expect(result.stdout).toMatch(/^· 1 pods — still at its starter: not run$/m)
    expect(result.stdout).toMatch(/^· 3 sandbox — still at its starter: not run$/m)
    expect(result.stdout).toMatch(/^✓ 4 syncpod/m)
    expect(result.stdout).toMatch(/^✓ 6 airgap/m)
    expect(result.stdout).toContain("The reference's part stood in for 1 pods, 3 sandbox, still at their starters.")
    expect(result.stdout).toContain('Passed on your own code: 4 syncpod, 5 pause, 6 airgap.')
    expect(result.code).toBe(0)
    expect(workbook.read('.podkata', 'progress.txt')).toBe(progressBefore)
    expect(workbook.kata('list').stdout).toContain('3 of 6 solved.')
  })

  it('builds every node from the learner’s parts once they are written', () => {
    for (const kata of KATAS) writeFrom('solutions', kata.folder)
    // A kata-1 part that puts every pod in the node's PID namespace breaks kata 5 (the pause
    // container as PID 1 of the pod), which runs on it.
    workbook.write(
      'katas/01-pods/pods.ts',
      workbook.read('solutions', '01-pods', 'pods.ts').replace(/(export function namespaceOptionsFor\(pod: Pod\): NamespaceOption \{)/, "$1\n  if (pod.metadata?.name) return { network: 'POD', pid: 'NODE', ipc: 'POD' }"),
    )
    const result = workbook.kata('verify', '--mine')
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^✗ 1 pods/m)
    expect(result.stdout).toMatch(/^✓ 2 composite/m)
    expect(result.stdout).toMatch(/^✗ 5 pause/m)
    expect(result.stdout).not.toContain('stood in')
  }, 60_000)

  it('says so when nothing is written yet', () => {
    for (const kata of KATAS) writeFrom('starters', kata.folder)
    const result = workbook.kata('verify', '--mine')
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Nothing to check yet: every kata is still at its starter.')
  })
})

describe('verify --mine checks the node’s invariants on the learner’s parts', () => {
  it('prints how many histories of what length held', () => {
    const result = laterKatasRun
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^✓ node invariants — 150 random histories of up to 30 steps: every invariant held after every step$/m)
    expect(result.stdout).toContain('passes on your own node, and it keeps its invariants.')
    expect(result.code).toBe(0)
  })

  it('fails on a sandbox service that keeps the IP after StopPodSandbox, and saves a short history that replays', () => {
    writeKnownWrongSandbox('ip-kept-on-stop')
    const result = workbook.kata('verify', '--mine')
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^✗ node invariants — history \d+ of 150 \(up to 30 steps each\): after steps\[\d+\]: .*IP 10\.244\.1\.\d+/m)
    expect(result.stdout).toContain('the shortest failing history is saved as .podkata/node-properties-failure.yaml')
    const scenario = parseScenario(workbook.read('.podkata/node-properties-failure.yaml'), 'failure.yaml')
    expect(scenario.steps.length).toBeLessThanOrEqual(6)
    // It plays on the reference node with npm run sim's own code, without a refusal.
    expect(() => runScenario(scenario)).not.toThrow()
    expect(result.stdout + result.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+\)/)
  })

  it('is not played while no part of the node is the learner’s', () => {
    workbook.write('katas/03-sandbox/sandbox.ts', workbook.read('starters/03-sandbox/sandbox.ts'))
    workbook.write('katas/02-composite/composite.ts', '// started\n' + workbook.read('starters/02-composite/composite.ts'))
    const result = workbook.kata('verify', '--mine')
    expect(result.stdout).toMatch(/^[✓✗] 2 composite/m)
    expect(result.stdout).not.toContain('node invariants')
  })
})
