/**
 * The last step of `verify --mine`: random histories on the node built from the learner's own
 * parts, with the node's invariants checked after every step (workbook/node-properties.ts). A
 * kata's specs try each part on chosen cases; this tries the parts together on histories
 * nobody chose. The spec that plays them runs in the same test worker as the katas' specs
 * (so a loop in the learner's code is stopped the same way); this side prints what it found
 * and, on a failure, saves the shrunk history as a scenario file.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { CAPSTONE_PROPERTIES_SPEC, readPropertiesLine } from '../workbook/capstone-properties.ts'
import type { PropertiesResult } from '../workbook/node-properties.ts'
import { ROOT, STATE_DIR } from '../workbook/paths.ts'
import type { SpecFileRun, SpecRunner } from './spec-runner.ts'
import { bold, dim, FAIL, green, PASS, red } from './style.ts'

/** Where a failing history is saved: beside the learner's progress, overwritten by the next failure. */
export const FAILING_HISTORY_FILE = join(STATE_DIR, 'node-properties-failure.yaml')

export interface PropertiesCheck {
  passed: boolean
  /** One line for the capstone's list. */
  summary: string
  /** What to print in full when it is the first thing that failed. */
  detail: string
}

export async function checkMyNode(runner: SpecRunner): Promise<PropertiesCheck> {
  const run = await runner.runSpecFile(CAPSTONE_PROPERTIES_SPEC)
  const result = run.console.map((line) => readPropertiesLine(line.text.trim())).find((r) => r !== undefined)
  const label = 'node invariants'
  if (!result) {
    // The spec never got to report: the learner's code did not load, or looped.
    const why = notPlayed(run)
    return { passed: false, summary: `${red(FAIL)} ${label} ${dim(`— ${why}`)}`, detail: `${red(FAIL)} ${bold('Random histories on your node could not be played:')} ${why}` }
  }
  if (result.ok && run.uncaught.length === 0) {
    const counts = `${result.histories} random histories of up to ${result.maxSteps} steps`
    return { passed: true, summary: `${green(PASS)} ${label} ${dim(`— ${counts}: every invariant held after every step`)}`, detail: '' }
  }
  if (result.ok) {
    const problem = `your code threw where nothing could catch it: ${run.uncaught[0]!.message.split('\n')[0]}`
    return { passed: false, summary: `${red(FAIL)} ${label} ${dim(`— ${problem}`)}`, detail: `${red(FAIL)} ${bold(problem)}` }
  }
  const which = `history ${result.histories} of ${result.planned} (up to ${result.maxSteps} steps each)`
  const detail = failureDetail(result)
  const saved = result.scenario ? `\n  ${dim(`the shortest failing history is saved as ${relative(ROOT, FAILING_HISTORY_FILE)}`)}` : ''
  return { passed: false, summary: `${red(FAIL)} ${label} ${dim(`— ${which}: ${result.problem}`)}${saved}`, detail }
}

function failureDetail(result: PropertiesResult): string {
  const lines = [`${red(FAIL)} ${bold('A random history breaks a rule the node must keep on your node:')}`, '', `    ${result.problem}`]
  if (result.scenario) {
    mkdirSync(STATE_DIR, { recursive: true })
    writeFileSync(FAILING_HISTORY_FILE, result.scenario)
    lines.push(
      '',
      `The shortest history found that still fails is saved as ${bold(relative(ROOT, FAILING_HISTORY_FILE))}:`,
      '',
      ...result.scenario.trimEnd().split('\n').map((line) => `    ${line}`),
      '',
      dim(`npm run sim -- ${relative(ROOT, FAILING_HISTORY_FILE)} plays it on the reference node, to compare; verify --mine plays the same histories again (seed ${result.seed}).`),
    )
  }
  return lines.join('\n')
}

function notPlayed(run: SpecFileRun): string {
  if (run.outcome === 'stuck') return `stopped: it ran past ${run.seconds} s (an endless loop in one of your parts?)`
  if (run.outcome === 'load-error') return `your code does not load: ${run.message}`
  const failure = run.outcome === 'ran' ? run.specs.find((s) => s.failure)?.failure?.message : undefined
  return failure ? `it stopped with: ${failure.split('\n')[0]}` : 'it reported nothing'
}
