/**
 * Loaded into the kata CLI's test worker (a vitest setup file) at the start of every run. The
 * worker is kept warm between runs (cli/warm-worker.ts) and vitest's isolation evaluates every
 * module afresh, but a thread's global object, its `process.env` and its timers live on. A
 * learner who writes `globalThis.count++`, sets `process.env.X`, or leaves an interval running
 * would otherwise see the last run's leftovers on the next save.
 *
 * So the first run records the globals and the environment as vitest set the worker up and
 * starts tracking the timers the learner's code (or a spec) sets; each run ends by clearing
 * those timers, and each later run begins by removing globals added since and putting back
 * environment variables that changed.
 */
import { afterAll } from 'vitest'

const STATE = Symbol.for('podkata.fresh-worker-state')

interface WorkerState {
  globals: Set<PropertyKey>
  env: Record<string, string | undefined>
  timers: Set<NodeJS.Timeout>
  immediates: Set<NodeJS.Immediate>
}

const global = globalThis as typeof globalThis & { [STATE]?: WorkerState }

function firstRun(): WorkerState {
  const state: WorkerState = { globals: new Set(), env: { ...process.env }, timers: new Set(), immediates: new Set() }
  trackTimers(state)
  global[STATE] = state
  state.globals = new Set(Reflect.ownKeys(globalThis))
  return state
}

/** Wraps the global timer functions once; vitest keeps its own copies of the originals. */
function trackTimers(state: WorkerState): void {
  const { setTimeout, setInterval, setImmediate } = globalThis
  const tracked = <F extends (...args: any[]) => any>(original: F, into: Set<ReturnType<F>>): F => {
    const wrapper = function (this: unknown, ...args: Parameters<F>) {
      const handle = original.apply(this, args) as ReturnType<F>
      into.add(handle)
      return handle
    }
    // Keeps util.promisify(setTimeout) and friends working.
    Object.defineProperties(wrapper, Object.getOwnPropertyDescriptors(original))
    return wrapper as unknown as F
  }
  globalThis.setTimeout = tracked(setTimeout, state.timers)
  globalThis.setInterval = tracked(setInterval, state.timers)
  globalThis.setImmediate = tracked(setImmediate, state.immediates)
}

function clearTimers(state: WorkerState): void {
  for (const timer of state.timers) clearTimeout(timer)
  for (const immediate of state.immediates) clearImmediate(immediate)
  state.timers.clear()
  state.immediates.clear()
}

function restore(state: WorkerState): void {
  clearTimers(state)
  for (const key of Reflect.ownKeys(globalThis)) {
    if (!state.globals.has(key)) Reflect.deleteProperty(globalThis, key)
  }
  // VITEST_* are vitest's own, set for each run before this file.
  for (const key of Object.keys(process.env)) {
    if (!(key in state.env) && !key.startsWith('VITEST_')) delete process.env[key]
  }
  for (const [key, value] of Object.entries(state.env)) {
    if (!key.startsWith('VITEST_') && process.env[key] !== value) process.env[key] = value
  }
}

const state = global[STATE]
if (state) restore(state)
const current = state ?? firstRun()

// Registered first, so it runs after the spec file's own afterAll hooks.
afterAll(() => clearTimers(current))
