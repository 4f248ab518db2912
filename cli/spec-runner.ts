/**
 * Runs one kata's specs against the learner's files and turns vitest's results into a KataRun
 * the CLI can print. One vitest instance and one test worker (warm-worker.ts) are kept between
 * runs, so a re-run after a save costs well under 150 ms instead of a cold start; the
 * learner's modules are still evaluated afresh on every run.
 *
 * A learner's code may loop forever: the watchdog (watchdog.ts) ends the worker thread when
 * one spec has run too long, and the run is reported as stuck on that spec.
 *
 * What a run produced besides verdicts travels with it: the learner's console output and the
 * errors nothing caught (an unhandled rejection, an exception thrown from a timer), each
 * tagged with the spec that was running, so the report can show them next to the verdict.
 */
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node'
import type { Kata } from '../katas/katas.ts'
import { CAPSTONE_PROPERTIES_SPEC } from '../workbook/capstone-properties.ts'
import { KATAS_DIR, ROOT } from '../workbook/paths.ts'
import { implementationSwap, type Implementation } from '../workbook/implementation-swap.ts'
import { SPEC_TIMEOUT_MS } from '../workbook/vitest-options.ts'
import { WarmWorker } from '../workbook/warm-worker.ts'
import { limitOf, Watchdog } from './watchdog.ts'

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

/** One `console.*` call (or direct write) made by the learner's code or the spec during the run. */
export interface ConsoleOutput {
  stream: 'stdout' | 'stderr'
  text: string
  /** The spec that was running, when there was one (null: while the file loaded). */
  spec: string | null
}

/** An error nothing caught: an unhandled rejection, an exception thrown from a timer. */
export interface UncaughtError {
  /** Vitest's words for it, e.g. `Unhandled Rejection`, `Uncaught Exception`. */
  kind: string
  message: string
  /** The spec that was running when it was thrown, if vitest could tell. */
  spec: string | null
}

/** What every run carries besides its verdict. */
export interface RunOutput {
  console: ConsoleOutput[]
  uncaught: UncaughtError[]
}

export type Verdict =
  | { kata: Kata; outcome: 'ran'; specs: SpecResult[] }
  /** The learner's file (or the spec) could not be loaded: a syntax error, a bad import. */
  | { kata: Kata; outcome: 'load-error'; message: string; location?: Location }
  /** A spec (or the file's top level, when `spec` is null) ran past the timeout and was stopped. */
  | { kata: Kata; outcome: 'stuck'; spec: string | null; seconds: number }

export type KataRun = Verdict & RunOutput

/** A verdict on a spec file that belongs to no kata. */
type WithoutKata<T> = T extends unknown ? Omit<T, 'kata'> : never
export type SpecFileRun = WithoutKata<Verdict> & RunOutput

/** Every spec passed, and nothing the learner's code threw went uncaught on the way. */
export function passed(run: KataRun): boolean {
  return run.outcome === 'ran' && run.specs.length > 0 && run.specs.every((s) => s.state === 'passed') && run.uncaught.length === 0
}

export class SpecRunner {
  private constructor(
    private readonly vitest: Vitest,
    private readonly worker: WarmWorker,
    private readonly collector: ConsoleCollector,
    private readonly watchdog: Watchdog,
  ) {}

  /** `mine` also routes earlier chapters' reference code to the learner's own files. */
  static async start(implementation: Implementation = { kind: 'learner' }): Promise<SpecRunner> {
    const watchdog = new Watchdog()
    // The worker's environment is copied from this one when vitest first starts it.
    process.env.PODKATA_RUNNING_SPEC_CHANNEL = watchdog.channelName
    const worker = new WarmWorker()
    const collector = new ConsoleCollector()
    const signalHandlers = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
    // Loaded here, not at the top: `list`, `hint` and the others never run a spec, and loading
    // vitest (and vite) would be most of their time.
    const { createVitest } = await import('vitest/node')
    const vitest = await createVitest(
      'test',
      {
        config: false,
        root: ROOT,
        watch: false,
        reporters: [collector],
        include: ['katas/**/*.spec.ts', relative(ROOT, CAPSTONE_PROPERTIES_SPEC)],
        pool: worker.pool(),
        // With the warm worker, isolation is what re-evaluates every module on each run.
        isolate: true,
        maxWorkers: 1,
        testTimeout: SPEC_TIMEOUT_MS,
        hookTimeout: SPEC_TIMEOUT_MS,
        // The write guard first: nothing else in the worker needs to write, and the learner's code comes after.
        setupFiles: ['spec-write-guard.ts', 'fresh-worker-state.ts', 'short-stacks.ts', 'running-spec-marker.ts'].map((file) => join(ROOT, 'workbook', file)),
        // Show a learner's console.log output: printing is how many people debug.
        silent: false,
      },
      { plugins: [implementationSwap(implementation)], logLevel: 'silent' },
    )
    // Vitest's logger exits on Ctrl-C within a millisecond; the CLI says goodbye its own way.
    for (const [signal, before] of Object.entries(signalHandlers)) {
      for (const handler of process.listeners(signal as NodeJS.Signals)) {
        if (!before.includes(handler)) process.off(signal, handler)
      }
    }
    return new SpecRunner(vitest, worker, collector, watchdog)
  }

  /** How many test worker threads this runner has started (1 while every run is warm). */
  get workersStarted(): number {
    return this.worker.threadsStarted
  }

  /** Runs the kata's spec file; `changedFiles` are reloaded from disk first. */
  async run(kata: Kata, changedFiles: string[] = []): Promise<KataRun> {
    const specFile = join(KATAS_DIR, kata.folder, kata.spec)
    if (!existsSync(specFile)) {
      // The specs come with the workbook (git tracks them); the learner's file is theirs.
      const shown = relative(ROOT, specFile)
      return { kata, outcome: 'load-error', message: `the kata's spec file ${shown} is missing (deleted or renamed?): \`git checkout -- ${shown}\` brings it back`, console: [], uncaught: [] }
    }
    return { kata, ...(await this.runSpecFile(specFile, changedFiles)) } as KataRun
  }

  /**
   * Runs one spec file that is not a kata's (the capstone's property check, see
   * workbook/capstone-properties.ts), with the same watchdog and the same report.
   */
  async runSpecFile(specFile: string, changedFiles: string[] = []): Promise<SpecFileRun> {
    for (const file of changedFiles) {
      // Both: the first drops vite's transform, the second the worker's copy of the module.
      this.vitest.invalidateFile(file)
      this.vitest.watcher.invalidates.add(file)
    }
    this.collector.reset()
    const watchdog = this.watchdog.watch(() => void this.worker.kill())
    try {
      const result = await this.vitest.runTestFiles([specFile])
      const module = result.testModules.find((m) => m.moduleId === specFile)
      const output: RunOutput = {
        console: this.collector.lines(module),
        uncaught: watchdog.stuck ? [] : result.unhandledErrors.map((error) => toUncaught(error as UnhandledError)),
      }
      if (watchdog.stuck) {
        const { spec } = watchdog.stuck
        return { outcome: 'stuck', spec: specName(spec), seconds: limitOf(watchdog.stuck) / 1000, ...output }
      }
      if (!module) return { outcome: 'load-error', message: `no specs found in ${relative(ROOT, specFile)}`, ...output }
      const timedOut = firstTimedOut(module)
      if (timedOut !== undefined) {
        // A loop that awaits between turns lets vitest's timeout fire, but it keeps running:
        // a fresh worker for the next run, and the same report as a loop the watchdog stopped.
        await this.worker.kill()
        return { outcome: 'stuck', spec: timedOut, seconds: SPEC_TIMEOUT_MS / 1000, ...output }
      }
      return { ...toVerdict(module), ...output }
    } finally {
      watchdog.end()
    }
  }

  /**
   * Ends the worker first (a spec may be stuck in a loop; vitest's own close would wait for
   * it forever), then gives vitest a moment to close its server.
   */
  async close(): Promise<void> {
    this.watchdog.close()
    await this.worker.close()
    await Promise.race([this.vitest.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())])
  }
}

/** How long `close` waits for vitest to close before the CLI leaves anyway. */
const CLOSE_GRACE_MS = 300

/** Collects the run's console output as the worker reports it. */
class ConsoleCollector implements Reporter {
  private received: { stream: 'stdout' | 'stderr'; text: string; taskId?: string }[] = []

  reset(): void {
    this.received = []
  }

  onUserConsoleLog(log: { type: 'stdout' | 'stderr'; content: string; taskId?: string }): void {
    this.received.push({ stream: log.type, text: log.content, taskId: log.taskId })
  }

  lines(module: TestModule | undefined): ConsoleOutput[] {
    const names = new Map([...(module?.children.allTests() ?? [])].map((test) => [test.id, specName(test.fullName)]))
    return this.received.map(({ stream, text, taskId }) => ({ stream, text, spec: (taskId && names.get(taskId)) || null }))
  }
}

interface UnhandledError {
  message?: string
  type?: string
  VITEST_TEST_NAME?: string
}

function toUncaught(error: UnhandledError): UncaughtError {
  return {
    kind: error.type ?? 'Unhandled Error',
    message: stripAnsi(error.message ?? String(error)),
    spec: error.VITEST_TEST_NAME ?? null,
  }
}

const TIMED_OUT = /^(Test|Hook) timed out in \d+ms/

/** The first spec that vitest stopped with its own timeout, if any. */
function firstTimedOut(module: TestModule): string | undefined {
  for (const test of module.children.allTests()) {
    const result = test.result()
    if (result.state === 'failed' && result.errors?.some((e) => TIMED_OUT.test(e.message ?? ''))) return specName(test.fullName)
  }
  return undefined
}

function toVerdict(module: TestModule): WithoutKata<Verdict> {
  const moduleError = module.errors()[0]
  const specs = [...module.children.allTests()]
  if (moduleError && specs.every((t) => t.result().state !== 'failed' && t.result().state !== 'passed')) {
    const plain = stripAnsi(moduleError.message ?? String(moduleError))
    return { outcome: 'load-error', message: firstMeaningfulLine(plain), ...loadErrorLocation(plain, moduleError.stacks) }
  }
  return { outcome: 'ran', specs: specs.map(toSpecResult) }
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
