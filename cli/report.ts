/**
 * What a learner sees after a run: a line per group of specs, then the first failing spec in
 * full — its name, what was expected and what came back, the file and line to edit — and how
 * to get a hint. One failing spec at a time, as the watch loop of rustlings does it.
 */
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import type { Kata } from '../katas/katas.ts'
import { ROOT } from '../workbook/paths.ts'
import { SPEC_TIMEOUT_MS } from '../workbook/vitest-options.ts'
import { workingCopyPath } from '../workbook/working-copies.ts'
import type { KataRun, Location, SpecResult } from './spec-runner.ts'
import { passed, stripAnsi } from './spec-runner.ts'
import { koreanChapterLine, readerLang } from './reader-lang.ts'
import { bold, colourEnabled, cyan, dim, FAIL, green, PASS, red, yellow } from './style.ts'

const MAX_DIFF_LINES = 24
const STUCK_QUESTION = 'Is there an endless loop, or a promise that never settles?'

export function renderHeader(kata: Kata): string {
  const header = `${bold(`Kata ${kata.number} · ${kata.slug}`)} ${dim('—')} ${kata.title}\n${dim(`chapter: ${kata.chapter.title} (docs${kata.chapter.page}.md)`)}`
  // main.ts has checked the language already (--lang is copied into PODKATA_LANG there).
  const korean = koreanChapterLine(kata, readerLang(undefined))
  return korean ? `${header}\n${dim(korean)}` : header
}

/**
 * `inWatchLoop` changes only what to do next: in the loop a key or a save, elsewhere a
 * command to type.
 */
export function renderRun(run: KataRun, hintsSeen: number, inWatchLoop = false): string {
  const again = inWatchLoop ? 'Fix it and save: the specs run again.' : `Fix it, then run \`npm run kata -- verify ${run.kata.slug}\` again.`
  const lines = [renderHeader(run.kata), '']
  if (run.outcome === 'load-error') {
    const specMissing = run.message.startsWith("the kata's spec file")
    lines.push(`${red(FAIL)} ${bold(specMissing ? "The kata's specs are missing, so none could run." : 'Your code does not load, so no spec could run.')}`, '')
    lines.push(`    ${run.message}`)
    if (run.location) lines.push('', `    ${dim('at')}  ${cyan(formatLocation(run.location))}`)
    lines.push('', dim(again))
    return lines.join('\n')
  }
  if (run.outcome === 'stuck') {
    const what = run.spec ? `The spec "${run.spec}"` : 'Loading your file'
    lines.push(`${red(FAIL)} ${bold(`${what} did not finish within ${run.seconds} s, so it was stopped.`)}`, '')
    lines.push(`    ${STUCK_QUESTION}`)
    lines.push('', dim(again))
    return lines.join('\n')
  }
  lines.push(...renderGroups(run.specs), '')
  const passing = run.specs.filter((s) => s.state === 'passed').length
  if (passed(run)) {
    lines.push(green(bold(`${PASS} All ${passing} specs pass. Kata ${run.kata.number} is solved!`)))
    lines.push(...renderConsole(run))
    return lines.join('\n')
  }
  const next = run.specs.find((s) => s.state !== 'passed')
  if (!next && run.uncaught.length > 0) {
    // Every spec passed, but an error escaped them all: the kata is not solved.
    lines.push(`${passing} of ${run.specs.length} specs pass, ${bold('but your code threw where no spec could catch it')}, so the kata is not solved.`)
  } else lines.push(`${passing} of ${run.specs.length} specs pass.`, '')
  if (next) lines.push(...renderNextSpec(run.kata, next))
  lines.push(...renderUncaught(run), ...renderConsole(run))
  lines.push('', renderHintPrompt(run.kata, offeredHint(run, hintsSeen), hintsSeen, inWatchLoop))
  return lines.join('\n')
}

/** The errors nothing caught: an unhandled rejection, an exception thrown in a timer. */
function renderUncaught(run: KataRun): string[] {
  if (run.uncaught.length === 0) return []
  const lines = ['']
  for (const error of run.uncaught) {
    const during = error.spec ? ` while "${error.spec}" ran` : ''
    lines.push(`  ${red(FAIL)} ${bold(`${error.kind}${during}:`)}`, `    ${firstLineOf(error.message)}`)
  }
  lines.push('', dim('    A promise nobody awaits, or a callback in setTimeout, throws outside the spec that started it.'))
  return lines
}

/** What the learner's code printed, grouped under the spec that was running. */
function renderConsole(run: KataRun): string[] {
  if (run.console.length === 0) return []
  const lines = ['', bold('Your console output:')]
  let current: string | null | undefined
  const shown = run.console.slice(0, MAX_CONSOLE_LINES)
  for (const entry of shown) {
    if (entry.spec !== current) {
      current = entry.spec
      lines.push(dim(`  ${entry.spec ? `during "${entry.spec}"` : 'while your file loaded'}:`))
    }
    for (const line of entry.text.replace(/\n$/, '').split('\n')) lines.push(`    ${entry.stream === 'stderr' ? yellow(line) : line}`)
  }
  if (run.console.length > shown.length) lines.push(dim(`  … and ${run.console.length - shown.length} more`))
  return lines
}

const MAX_CONSOLE_LINES = 40

function firstLineOf(text: string): string {
  return text.split('\n')[0] ?? text
}

/** One line per describe block: a mark per spec, and the count. */
function renderGroups(specs: SpecResult[]): string[] {
  const groups = new Map<string, SpecResult[]>()
  for (const spec of specs) {
    const group = spec.name.includes(' › ') ? spec.name.slice(0, spec.name.lastIndexOf(' › ')) : ''
    groups.set(group, [...(groups.get(group) ?? []), spec])
  }
  const width = Math.max(...[...groups.keys()].map((g) => g.length))
  return [...groups].map(([group, members]) => {
    const marks = members.map((s) => (s.state === 'passed' ? green(PASS) : red(FAIL))).join('')
    const count = `${members.filter((s) => s.state === 'passed').length}/${members.length}`
    return `  ${group.padEnd(width)}  ${marks}  ${dim(count)}`
  })
}

function renderNextSpec(kata: Kata, spec: SpecResult): string[] {
  const lines = [bold('Next, make this spec pass:'), `  ${red(FAIL)} ${spec.name}`, '']
  const failure = spec.failure
  if (failure && /^Test timed out in/.test(failure.message)) {
    lines.push(`    It did not finish within ${SPEC_TIMEOUT_MS / 1000} s. ${STUCK_QUESTION}`)
  } else if (failure) {
    lines.push(...indent(failure.message.split('\n').slice(0, 6), 4))
    if (failure.diff) lines.push('', ...indent(trimDiff(failure.diff), 4))
  } else if (spec.state === 'not run') {
    lines.push('    This spec did not run: an earlier one stopped the file.')
  }
  lines.push('')
  const edit = failure?.learnerLocation ?? functionLocation(kata, spec.name)
  if (edit) lines.push(`    ${dim('edit')}  ${cyan(formatLocation(edit))}`)
  if (failure?.specLocation) lines.push(`    ${dim('spec')}  ${formatLocation(failure.specLocation)}`)
  return lines
}

/** A hint to offer: its level, and the describe group it is about, if it is about the failing spec. */
export interface OfferedHint {
  level: number
  group?: string
}

/**
 * The hint to offer after a run: the one about the first failing spec's describe group
 * (kata.hintFor), or else the next level the learner has not seen.
 */
export function offeredHint(run: KataRun, hintsSeen: number): OfferedHint {
  const failing = run.outcome === 'ran' ? run.specs.find((s) => s.state !== 'passed') : undefined
  const group = failing?.name.split(' › ')[0]
  const level = group === undefined ? undefined : run.kata.hintFor[group]
  if (level !== undefined) return { level, group: group! }
  return { level: Math.min(hintsSeen + 1, run.kata.hints.length) }
}

function renderHintPrompt(kata: Kata, offered: OfferedHint, hintsSeen: number, inWatchLoop: boolean): string {
  const total = kata.hints.length
  const which = `kata ${kata.number} · ${kata.slug}`
  if (!offered.group && hintsSeen >= total) {
    return dim(`All ${total} hints of ${which} seen: \`npm run kata -- hint ${kata.slug} <1-${total}>\` shows one again.`)
  }
  const ask = inWatchLoop ? 'press h' : `run \`npm run kata -- hint ${kata.slug} ${offered.level}\``
  const about = offered.group ? ` is about “${offered.group}”` : ''
  return dim(`Stuck? Hint ${offered.level} of ${total} (${which})${about}: ${ask}.`)
}

export function renderHint(kata: Kata, level: number): string {
  const text = kata.hints[level - 1] ?? ''
  return `${yellow(bold(`Hint ${level} of ${kata.hints.length}`))} ${dim(`(kata ${kata.number} · ${kata.slug})`)}\n${wrap(text, 96).join('\n')}`
}

/**
 * Spec groups are named after the function they test ("validatePod: what …"), so a failing
 * assertion with no frame in the learner's file can still point at the function to edit.
 */
function functionLocation(kata: Kata, specName: string): Location | undefined {
  const fn = /^(\w+)/.exec(specName)?.[1]
  if (!fn) return undefined
  for (const file of kata.files) {
    const path = workingCopyPath(kata, file)
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch {
      continue
    }
    // A function (`function validatePod(`) or a method (`  runPodSandbox(`).
    const index = text.split('\n').findIndex((line) => new RegExp(`(function ${fn}\\b|^\\s+${fn}\\()`).test(line))
    if (index >= 0) return { file: relative(ROOT, path), line: index + 1, column: 1 }
  }
  return undefined
}

function formatLocation(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`
}

function trimDiff(diff: string): string[] {
  const lines = (colourEnabled() ? diff : stripAnsi(diff)).split('\n')
  if (lines.length <= MAX_DIFF_LINES) return lines
  return [...lines.slice(0, MAX_DIFF_LINES), dim(`… ${lines.length - MAX_DIFF_LINES} more lines`)]
}

function indent(lines: string[], spaces: number): string[] {
  return lines.map((line) => ' '.repeat(spaces) + line)
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}
