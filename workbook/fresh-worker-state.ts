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
 *
 * A timer is not simply cancelled, though: a callback the learner's code scheduled may throw,
 * and Node would report that as an uncaught exception. The specs are synchronous, so the event
 * loop may not turn once while they run; before clearing, the run waits for the timeouts that
 * are due by then or within a short grace (and for pending setImmediate callbacks), so that
 * what they throw fails the run instead of vanishing with them. Intervals and longer timeouts
 * are cleared unfired.
 */
import { afterAll } from 'vitest'

const STATE = Symbol.for('podkata.fresh-worker-state')

interface WorkerState {
  globals: Set<PropertyKey>
  env: Record<string, string | undefined>
  timers: Set<NodeJS.Timeout>
  immediates: Set<NodeJS.Immediate>
  /** setTimeout handles not yet fired, with when they are due (ms since the epoch). */
  due: Map<NodeJS.Timeout, number>
  /** The timer functions as vitest set the worker up, for the run's own wait. */
  original: { setTimeout: typeof setTimeout; setImmediate: typeof setImmediate }
}

/** How long the end of a run waits for a learner's timeout to come due (a save's verdict waits too). */
export const TIMER_GRACE_MS = 250

const global = globalThis as typeof globalThis & { [STATE]?: WorkerState }

function firstRun(): WorkerState {
  const state: WorkerState = {
    globals: new Set(),
    env: { ...process.env },
    timers: new Set(),
    immediates: new Set(),
    due: new Map(),
    original: { setTimeout: globalThis.setTimeout, setImmediate: globalThis.setImmediate },
  }
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
  // A timeout also records when it is due, and forgets that once it has fired.
  const timeout = function (this: unknown, callback: unknown, delay?: number, ...args: unknown[]) {
    if (typeof callback !== 'function') return setTimeout(callback as () => void, delay, ...args)
    const handle: NodeJS.Timeout = setTimeout(function (this: unknown, ...callArgs: unknown[]) {
      state.due.delete(handle)
      return (callback as (...a: unknown[]) => unknown).apply(this, callArgs)
    }, delay, ...args)
    state.timers.add(handle)
    state.due.set(handle, Date.now() + Math.max(1, Number(delay) || 0))
    return handle
  }
  Object.defineProperties(timeout, Object.getOwnPropertyDescriptors(setTimeout))
  globalThis.setTimeout = timeout as typeof setTimeout
  globalThis.setInterval = tracked(setInterval, state.timers)
  globalThis.setImmediate = tracked(setImmediate, state.immediates)
}

/** Lets due timeouts and pending immediates run (their errors reach vitest), up to the grace. */
async function letDueTimersFire(state: WorkerState): Promise<void> {
  const deadline = Date.now() + TIMER_GRACE_MS
  for (;;) {
    // A timeout the learner cleared is destroyed (Node's Timeout marks it so).
    const pending = [...state.due].filter(([handle, due]) => due <= deadline && !(handle as { _destroyed?: boolean })._destroyed)
    if (pending.length === 0 && state.immediates.size === 0) return
    const wait = pending.length === 0 ? 0 : Math.max(0, Math.min(...pending.map(([, due]) => due)) - Date.now())
    await new Promise((resolve) => state.original.setTimeout(resolve, wait))
    // An immediate that has run cannot be told apart from one that has not: one turn is enough.
    await new Promise((resolve) => state.original.setImmediate(resolve))
    state.immediates.clear()
    if (Date.now() > deadline) return
  }
}

function clearTimers(state: WorkerState): void {
  state.due.clear()
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
afterAll(async () => {
  await letDueTimersFire(current)
  clearTimers(current)
})
