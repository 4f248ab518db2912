/**
 * `kata verify --mine` ends with random histories on the node built from the learner's parts
 * (cli/node-properties-check.ts): the counts are printed, and a history that breaks an invariant
 * comes back shrunk, saved as a scenario file that `npm run sim` plays.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseScenario } from '../sim/scenario-file.ts'
import { runScenario } from '../sim/scenario.ts'
import { ROOT } from '../workbook/paths.ts'
import { TempWorkbook } from './temp-workbook.ts'

let workbook: TempWorkbook
beforeAll(() => {
  workbook = new TempWorkbook()
})
afterAll(() => workbook.remove())

/** A known-wrong sandbox service from the proof, as a learner's kata 3 (it builds on a copy of the reference). */
function writeKnownWrongSandbox(variant: string): void {
  workbook.write('katas/03-sandbox/base.ts', workbook.read('solutions/03-sandbox/sandbox.ts'))
  const wrong = readFileSync(join(ROOT, 'proof/known-wrong/03-sandbox', variant, 'sandbox.ts'), 'utf8')
  workbook.write('katas/03-sandbox/sandbox.ts', wrong.replaceAll('../../../../machinery/', '../../machinery/').replace('../../../../solutions/03-sandbox/sandbox.ts', './base.ts'))
}

describe('verify --mine checks the node’s invariants on the learner’s parts', () => {
  it('prints how many histories of what length held', () => {
    workbook.write('katas/03-sandbox/sandbox.ts', workbook.read('solutions/03-sandbox/sandbox.ts'))
    const result = workbook.kata('verify', '--mine')
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
