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

/** The deepest frame in a learner's file (`katas/<kata>/<file>.ts`), in the file's own lines. */
export function learnerPlace(stack: string | undefined, learnerFiles: string[]): Place | undefined {
  if (!stack) return undefined
  for (const line of stack.split('\n')) {
    for (const file of learnerFiles) {
      const match = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`).exec(line)
      if (match) return { file, line: Number(match[1]) - FUNCTION_HEADER_LINES, column: Number(match[2]) }
    }
  }
  return undefined
}

function outcomes(tasks: Task[], groups: string[], learnerFiles: string[]): SpecOutcome[] {
  return tasks.flatMap((task) => {
    if (task.type === 'suite') return outcomes(task.tasks, [...groups, task.name], learnerFiles)
    const state = task.result?.state === 'pass' ? 'passed' : task.mode === 'skip' || task.mode === 'todo' ? 'skipped' : 'failed'
    const error = task.result?.errors?.[0]
    const outcome: SpecOutcome = { name: task.name, fullName: [...groups, task.name].join(' › '), state }
    if (state === 'failed') {
      outcome.message = stripAnsi(error?.message ?? 'this spec did not run: an earlier error stopped the file')
      if (error?.diff) outcome.diff = stripAnsi(error.diff)
      const place = learnerPlace(error?.stack, learnerFiles)
      if (place) outcome.learnerPlace = place
    }
    return [outcome]
  })
}

export async function runSpecFile(spec: string, load: (path: string) => unknown, learnerFiles: string[], onStart: (spec: string) => void): Promise<SpecResult> {
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
    onBeforeRunTask: (task) => onStart(task.name),
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
  return { kind: 'ran', specs: outcomes(file.tasks, [], learnerFiles), ms: Math.round(performance.now() - started) }
}
