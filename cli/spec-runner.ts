/**
 * Runs one kata's specs against the learner's files, in this process, and turns vitest's
 * results into a KataRun the CLI can print. One vitest instance is kept warm for the watch
 * loop, so a re-run after a save costs a few hundred milliseconds, not a cold start.
 *
 * A learner's code may loop forever. Vitest's own timeout cannot interrupt synchronous code,
 * so a watchdog reads the marker the worker writes before each spec (running-spec-marker.ts)
 * and kills the worker process when one spec has run too long.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createVitest, type TestCase, type TestModule, type Vitest } from 'vitest/node'
import type { Kata } from '../katas/katas.ts'
import { KATAS_DIR, ROOT, STATE_DIR } from '../workbook/paths.ts'
import { implementationSwap, type Implementation } from '../workbook/implementation-swap.ts'
import { SPEC_TIMEOUT_MS } from '../workbook/vitest-options.ts'

export interface Location {
  /** Relative to the workbook root, e.g. `katas/01-pods/pods.ts`. */
  file: string
  line: number
  column: number
}

export interface SpecFailure {
  message: string
  /** Expected vs received, when the assertion could compare them. */
  diff?: string
  /** Where in the spec the failing assertion is. */
  specLocation?: Location
  /** The deepest line of the learner's own file in the stack: where to look first. */
  learnerLocation?: Location
}

export interface SpecResult {
  /** The spec's name inside its describe blocks, e.g. `Pod validation > rejects …`. */
  name: string
  state: 'passed' | 'failed' | 'skipped' | 'not run'
  failure?: SpecFailure
}

export type KataRun =
  | { kata: Kata; outcome: 'ran'; specs: SpecResult[] }
  /** The learner's file (or the spec) could not be loaded: a syntax error, a bad import. */
  | { kata: Kata; outcome: 'load-error'; message: string; location?: Location }
  /** A spec (or the file's top level, when `spec` is null) ran past the timeout and was stopped. */
  | { kata: Kata; outcome: 'stuck'; spec: string | null; seconds: number }

export function passed(run: KataRun): boolean {
  return run.outcome === 'ran' && run.specs.length > 0 && run.specs.every((s) => s.state === 'passed')
}

// One marker per CLI process: a watch loop and a `verify` in another terminal must not read
// (and kill) each other's workers.
const MARKER_FILE = join(STATE_DIR, `running-spec.${process.pid}.json`)
const WATCHDOG_POLL_MS = 100

export class SpecRunner {
  private constructor(private readonly vitest: Vitest) {}

  /** `mine` also routes earlier chapters' reference code to the learner's own files. */
  static async start(implementation: Implementation = { kind: 'learner' }): Promise<SpecRunner> {
    mkdirSync(STATE_DIR, { recursive: true })
    process.env.PODKATA_RUNNING_SPEC_FILE = MARKER_FILE
    const vitest = await createVitest(
      'test',
      {
        config: false,
        root: ROOT,
        watch: false,
        reporters: [{}],
        include: ['katas/**/*.spec.ts'],
        pool: 'forks',
        isolate: true,
        testTimeout: SPEC_TIMEOUT_MS,
        hookTimeout: SPEC_TIMEOUT_MS,
        setupFiles: [join(ROOT, 'workbook', 'running-spec-marker.ts')],
        // Show a learner's console.log output: printing is how many people debug.
        silent: false,
      },
      { plugins: [implementationSwap(implementation)], logLevel: 'silent' },
    )
    return new SpecRunner(vitest)
  }

  /** Runs the kata's spec file; `changedFiles` are reloaded from disk first. */
  async run(kata: Kata, changedFiles: string[] = []): Promise<KataRun> {
    for (const file of changedFiles) this.vitest.invalidateFile(file)
    const specFile = join(KATAS_DIR, kata.folder, kata.spec)
    rmSync(MARKER_FILE, { force: true })
    const watchdog = startWatchdog(Date.now())
    try {
      const result = await this.vitest.runTestFiles([specFile])
      if (watchdog.stuck) return { kata, outcome: 'stuck', spec: specName(watchdog.stuck.spec), seconds: SPEC_TIMEOUT_MS / 1000 }
      const module = result.testModules.find((m) => m.moduleId === specFile)
      if (!module) return { kata, outcome: 'load-error', message: `no specs found in ${relative(ROOT, specFile)}` }
      return toKataRun(kata, module)
    } finally {
      watchdog.stop()
    }
  }

  async close(): Promise<void> {
    rmSync(MARKER_FILE, { force: true })
    await this.vitest.close()
  }
}

interface Marker {
  pid: number
  spec: string | null
  since: number
}

function readMarker(): Marker | undefined {
  try {
    return JSON.parse(readFileSync(MARKER_FILE, 'utf8')) as Marker
  } catch {
    return undefined // not written yet, or being written right now
  }
}

function startWatchdog(runStarted: number) {
  const state: { stuck?: { spec: string | null }; stop: () => void } = { stop: () => clearInterval(timer) }
  const timer = setInterval(() => {
    const marker = readMarker()
    const since = marker?.since ?? runStarted
    if (Date.now() - since < SPEC_TIMEOUT_MS + 500 || !marker) return
    state.stuck = { spec: marker.spec }
    clearInterval(timer)
    try {
      process.kill(marker.pid, 'SIGKILL')
    } catch {
      // Already gone: it finished just as we gave up on it.
    }
  }, WATCHDOG_POLL_MS)
  return state
}

function toKataRun(kata: Kata, module: TestModule): KataRun {
  const moduleError = module.errors()[0]
  const specs = [...module.children.allTests()]
  if (moduleError && specs.every((t) => t.result().state !== 'failed' && t.result().state !== 'passed')) {
    const plain = stripAnsi(moduleError.message ?? String(moduleError))
    return { kata, outcome: 'load-error', message: firstMeaningfulLine(plain), ...loadErrorLocation(plain, moduleError.stacks) }
  }
  return { kata, outcome: 'ran', specs: specs.map(toSpecResult) }
}

/** `describe > it` as the learner reads it: `describe › it`, without the file name in front. */
function specName(fullName: string): string
function specName(fullName: string | null): string | null
function specName(fullName: string | null): string | null {
  return fullName === null ? null : fullName.replace(/^[^>]*\.spec\.ts > /, '').replace(/ > /g, ' › ')
}

function toSpecResult(test: TestCase): SpecResult {
  const name = specName(test.fullName)
  const result = test.result()
  if (result.state === 'passed') return { name, state: 'passed' }
  if (result.state === 'skipped') return { name, state: 'skipped' }
  if (result.state === 'pending') return { name, state: 'not run' }
  const error = result.errors?.[0]
  if (!error) return { name, state: 'failed', failure: { message: 'failed' } }
  const frames = (error.stacks ?? []).map((f) => ({ file: relative(ROOT, f.file), line: f.line, column: f.column }))
  const failure: SpecFailure = { message: stripAnsi(error.message ?? String(error)) }
  if (error.diff) failure.diff = error.diff
  // The outermost frame in the spec file is the line inside the spec itself, not a helper.
  const specLocation = frames.filter((f) => f.file.endsWith('.spec.ts')).at(-1)
  if (specLocation) failure.specLocation = specLocation
  const learnerLocation = frames.find((f) => f.file.startsWith('katas/') && !f.file.endsWith('.spec.ts'))
  if (learnerLocation) failure.learnerLocation = learnerLocation
  return { name, state: 'failed', failure }
}

function loadErrorLocation(message: string, stacks: { file: string; line: number; column: number }[] | undefined) {
  // Vite's parse errors name the place as "[ katas/01-pods/pods.ts:12:4 ]".
  const parsed = /\[ ([^\]\s]+):(\d+):(\d+) \]/.exec(message)
  if (parsed) return { location: { file: relative(ROOT, join(ROOT, parsed[1]!)), line: Number(parsed[2]), column: Number(parsed[3]) } }
  const frame = stacks?.find((f) => f.file.includes('/katas/'))
  return frame ? { location: { file: relative(ROOT, frame.file), line: frame.line, column: frame.column } } : {}
}

function firstMeaningfulLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean)
  const parse = lines.find((l) => l.startsWith('[PARSE_ERROR]') || /^(SyntaxError|ReferenceError|TypeError|Error):/.test(l))
  return (parse ?? lines[0] ?? message).replace(/^Error: Transform failed with \d+ errors?:\s*/, '')
}

// Vitest colours its messages; the CLI chooses its own colours.
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}
