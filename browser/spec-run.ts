/**
 * Runs one kata spec file with vitest's runner inside the page's worker and turns the result
 * into pass/fail per spec, with the first error of each the way the CLI shows it.
 */
import { startTests, type File, type Task, type VitestRunner, type VitestRunnerConfig } from '@vitest/runner'
import { FUNCTION_HEADER_LINES, LearnerCompileError } from './loader.ts'
import { SPEC_TIMEOUT_MS, type Place, type SpecOutcome, type SpecResult } from './messages.ts'

const CONFIG: VitestRunnerConfig = {
  root: '/',
  setupFiles: [],
  name: 'page',
  passWithNoTests: false,
  testNamePattern: undefined,
  allowOnly: false,
  sequence: { shuffle: false, concurrent: false, seed: 0, hooks: 'stack', setupFiles: 'list' },
  chaiConfig: undefined,
  maxConcurrency: 5,
  testTimeout: SPEC_TIMEOUT_MS,
  hookTimeout: SPEC_TIMEOUT_MS,
  retry: 0,
  includeTaskLocation: false,
  tags: [],
  tagsFilter: undefined,
  strictTags: false,
}

// eslint-disable-next-line no-control-regex
export const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '')

/** Every frame of the stack in one of `files` (run through `new Function`), in the file's own lines, deepest first. */
function framesIn(stack: string | undefined, files: string[]): Place[] {
  if (!stack) return []
  return stack.split('\n').flatMap((line) => {
    for (const file of files) {
      const match = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`).exec(line)
      if (match) return [{ file, line: Number(match[1]) - FUNCTION_HEADER_LINES, column: Number(match[2]) }]
    }
    return []
  })
}

/** The deepest frame in a learner's file (`katas/<kata>/<file>.ts`), in the file's own lines. */
export function learnerPlace(stack: string | undefined, learnerFiles: string[]): Place | undefined {
  return framesIn(stack, learnerFiles)[0]
}

/**
 * The outermost frame in the spec file: the line inside the spec itself, not a helper it calls
 * (cli/spec-runner.ts picks the same). The spec file is a `new Function` named after itself
 * (browser/module-table.ts), so its frames carry its own lines.
 */
export function specPlace(stack: string | undefined, spec: string): Place | undefined {
  return framesIn(stack, [spec]).at(-1)
}

/** `group › spec`: the names of the describe blocks above a spec (not the file's), then its own. */
function fullName(task: Task): string {
  const names = [task.name]
  for (let suite = task.suite; suite && suite !== task.file; suite = suite.suite) names.unshift(suite.name)
  return names.join(' › ')
}

function outcome(task: Task, spec: string, learnerFiles: string[]): SpecOutcome {
  const state = task.result?.state === 'pass' ? 'passed' : task.mode === 'skip' || task.mode === 'todo' ? 'skipped' : 'failed'
  const error = task.result?.errors?.[0]
  const result: SpecOutcome = { name: task.name, fullName: fullName(task), state }
  if (state === 'failed') {
    result.message = stripAnsi(error?.message ?? 'this spec did not run: an earlier error stopped the file')
    if (error?.diff) result.diff = stripAnsi(error.diff)
    const place = learnerPlace(error?.stack, learnerFiles)
    if (place) result.learnerPlace = place
    const inSpec = specPlace(error?.stack, spec)
    if (inSpec) result.specPlace = inSpec
  }
  return result
}

const tests = (tasks: Task[]): Task[] => tasks.flatMap((task) => (task.type === 'suite' ? tests(task.tasks) : [task]))

/** What the worker hears as the run goes: each spec's start (for the watchdog), the list, each verdict. */
export interface RunEvents {
  onStart(spec: string): void
  onCollected?(specs: SpecOutcome[]): void
  onFinished?(spec: SpecOutcome): void
}

export async function runSpecFile(spec: string, load: (path: string) => unknown, learnerFiles: string[], events: RunEvents): Promise<SpecResult> {
  const started = performance.now()
  let loadError: unknown
  const runner: VitestRunner = {
    config: CONFIG,
    importFile: async (path) => {
      try {
        load(path)
      } catch (error) {
        loadError = error
        throw error
      }
    },
    onBeforeRunTask: (task) => events.onStart(task.name),
    onCollected: (files) => events.onCollected?.(tests(files.flatMap((f) => f.tasks)).map((task) => ({ name: task.name, fullName: fullName(task), state: 'not run' }))),
    onAfterRunTask: (task) => events.onFinished?.(outcome(task, spec, learnerFiles)),
  }
  const [file] = (await startTests([spec], runner)) as File[]
  if (loadError !== undefined || !file || file.tasks.length === 0) {
    const error = (loadError ?? file?.result?.errors?.[0] ?? new Error('the spec file has no specs')) as Error
    if (error instanceof LearnerCompileError) {
      return { kind: 'load-error', message: error.message, ...(error.line ? { place: { file: error.file, line: error.line, column: error.column ?? 1 } } : {}) }
    }
    const place = learnerPlace(error.stack, learnerFiles)
    return { kind: 'load-error', message: stripAnsi(String(error.message ?? error)), ...(place ? { place } : {}) }
  }
  return { kind: 'ran', specs: tests(file.tasks).map((task) => outcome(task, spec, learnerFiles)), ms: Math.round(performance.now() - started) }
}
