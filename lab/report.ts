/**
 * The lab's results: one line of progress per scenario on the terminal, the differences in
 * full, and — with --capture — the committed fixtures the lab page pulls in
 * (lab/fixtures/<scenario>.md and summary.md; results.json holds the same as data).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FieldComparison } from './compare.ts'
import type { Outcome, Scenario } from './scenarios/index.ts'

export interface ScenarioResult {
  scenario: Scenario
  real?: Outcome
  sim?: Outcome
  realMs: number
  simMs: number
  comparison: FieldComparison[]
  /** A step that threw, on either side. */
  error?: string
  verdict: 'same' | 'different' | 'real only' | 'failed' | 'skipped'
}

export interface RunInfo {
  realRuntime: string
  simRuntime: string
  pauseDigest: string
  appDigest: string
  reproducible: boolean
}

const MARK: Record<ScenarioResult['verdict'], string> = {
  same: '✓ same',
  different: '✗ DIFFERENT',
  'real only': '· real only',
  failed: '✗ FAILED',
  skipped: '- skipped',
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

/** The start of a scenario's progress line, printed before it runs. */
export function progressStart(index: number, total: number, scenario: Scenario): string {
  const counter = `[${index + 1}/${total}]`.padStart(`[${total}/${total}]`.length)
  return `${counter} ${scenario.title.padEnd(52)} `
}

/** The rest of the line, once it has run: how long each side took, and the verdict. */
export function progressEnd(result: ScenarioResult): string {
  const times = result.scenario.realOnly || !result.sim ? `real ${seconds(result.realMs)}` : `real ${seconds(result.realMs)} · sim ${seconds(result.simMs)}`
  return `${times.padEnd(26)} ${MARK[result.verdict]}`
}

/** What to print under a scenario's line: each differing field, both sides. */
export function differenceLines(result: ScenarioResult): string[] {
  if (result.error) return [`      ${result.error}`]
  if (result.verdict === 'real only') return [`      not compared: ${result.scenario.realOnly}`]
  return result.comparison
    .filter((c) => !c.same)
    .flatMap((c) => [`      ${c.field}:`, `        containerd: ${JSON.stringify(c.real)}`, `        simulator:  ${JSON.stringify(c.sim)}`])
}

export function summaryLine(results: ScenarioResult[]): string {
  const count = (verdict: ScenarioResult['verdict']) => results.filter((r) => r.verdict === verdict).length
  return `lab: ${results.length} scenarios: ${count('same')} same, ${count('different')} different, ${count('real only')} real only, ${count('failed') + count('skipped')} failed or skipped`
}

function fence(lang: string, lines: string[]): string {
  return ['```' + lang, ...lines, '```'].join('\n')
}

function scenarioMarkdown(result: ScenarioResult, info: RunInfo): string {
  const parts = [`On a real node:`, '', fence('sh', result.scenario.commands), '']
  if (result.real) parts.push(`What ${info.realRuntime} answered the lab's CRI client:`, '', fence('text', result.real.transcript), '')
  if (result.scenario.realOnly) {
    parts.push(`Not compared: ${result.scenario.realOnly}.`, '')
  } else if (result.comparison.length > 0) {
    const names = (list: FieldComparison[]) => list.map((c) => `\`${c.field}\``).join(', ')
    const same = result.comparison.filter((c) => c.same)
    const different = result.comparison.filter((c) => !c.same)
    if (same.length > 0) parts.push(`The simulator (\`--runtime ${info.simRuntime}\`) gave the same ${names(same)}.`)
    if (different.length > 0) parts.push(`It differed in ${names(different)}.`)
    parts.push('')
  }
  return parts.join('\n')
}

export function writeFixtures(dir: string, results: ScenarioResult[], info: RunInfo): void {
  mkdirSync(dir, { recursive: true })
  for (const result of results) writeFileSync(join(dir, `${result.scenario.id}.md`), scenarioMarkdown(result, info))
  const rows = results.map((r) => `| ${r.scenario.title.replace(/\|/g, '\\|')} | ${r.scenario.chapter} | ${MARK[r.verdict].replace(/^. /, '')} |`)
  const summary = [
    `Last captured run: ${info.realRuntime} against the simulator as \`${info.simRuntime}\`. The pause image built`,
    `from \`lab/images/pause.c\` had the digest \`${info.pauseDigest}\`${info.reproducible ? ', the same on a second build' : ''}.`,
    '',
    '| scenario | chapter | result |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
  writeFileSync(join(dir, 'summary.md'), summary)
  const data = {
    ...info,
    scenarios: results.map((r) => ({
      id: r.scenario.id,
      title: r.scenario.title,
      verdict: r.verdict,
      commands: r.scenario.commands,
      real: r.real ?? null,
      sim: r.sim ?? null,
      comparison: r.comparison,
    })),
  }
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(data, null, 2)}\n`)
}
