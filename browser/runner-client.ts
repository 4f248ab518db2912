/**
 * The page's side of the in-page runner: one worker per run (kata-worker.ts; a kata's Run, its
 * specs and then its lanes of the node, is one run), the next one started ahead so a click
 * does not wait for it, and a watchdog that ends a run whose spec (or whose loading) takes
 * longer than the CLI allows: an endless loop in the learner's code is stopped, named, and the
 * page never freezes.
 */
import { lanesFollow, PAGE_WATCHDOG_MS, SPEC_TIMEOUT_MS, type RunRequest, type ScenarioRequest, type SimRequest, type SimResult, type SpecOutcome, type SpecRequest, type SpecResult, type WorkerMessage } from './messages.ts'

/**
 * A run the watchdog ended. `specs`, for a spec file: every spec, with the verdicts of those
 * that finished before the stuck one, the stuck one failed, and those after it `not run`.
 */
export type Stuck = { kind: 'stuck'; spec: string | null; seconds: number; specs?: SpecOutcome[] }
export type Crashed = { kind: 'crashed'; message: string }

function spawn(): Worker {
  return new Worker(new URL('./kata-worker.ts', import.meta.url), { type: 'module', name: 'podkata-runner' })
}

let next: Worker | undefined

function takeWorker(): Worker {
  const worker = next ?? spawn()
  next = spawn()
  return worker
}

/** One answer the page waits for from a worker, with its own watchdog limit. */
interface Phase {
  done: 'specs-done' | 'sim-done'
  limitMs: number
  settle: (value: unknown) => void
  /** Whether this phase follows the one before, given that one's result (the first always runs). */
  follows?: (previous: unknown) => boolean
}

/**
 * Sends one request to one worker and waits for its answers, phase after phase: a kata's Run is
 * its specs and then, when they ran, the learner's lanes of the node, in the same worker (a
 * second worker would load the whole runner again for one simulator run). A phase that does
 * not follow, a stuck or crashed one, settles every later phase with `undefined`.
 *
 * `since`: when the clock of the loading and the first spec starts (performance.now(); the
 * click, for a kata's Run). Each later spec, and each later phase, gets its own limit from its own start.
 */
function run(request: RunRequest, phases: Phase[], since = performance.now()): void {
  const worker = takeWorker()
  let phase = 0
  let current: string | null = null
  let started = 0
  let all: SpecOutcome[] | undefined
  const finished = new Map<string, SpecOutcome>()
  let timer: ReturnType<typeof setTimeout>
  const limitMs = () => phases[phase]!.limitMs
  const end = (value: unknown) => {
    clearTimeout(timer)
    worker.terminate()
    phases[phase]!.settle(value)
    for (const later of phases.slice(phase + 1)) later.settle(undefined)
  }
  const stuck = (): Stuck => {
    const stopped: Stuck = { kind: 'stuck', spec: current, seconds: limitMs() / 1000 }
    if (!all) return stopped
    // The spec that was running is the one that failed; vitest's names are unique per group.
    let reached = true
    const specs = all.map((spec): SpecOutcome => {
      const verdict = finished.get(spec.fullName)
      if (verdict) return verdict
      if (reached && spec.name === current) {
        reached = false
        return { ...spec, state: 'failed', message: `did not finish within ${limitMs() / 1000} s, so it was stopped` }
      }
      return spec
    })
    return { ...stopped, specs }
  }
  const arm = (from: number) => {
    clearTimeout(timer)
    timer = setTimeout(() => end(stuck()), Math.max(0, from + limitMs() - performance.now()))
  }
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const message = event.data
    if (message.kind === 'start') {
      current = message.spec
      // The first spec's clock has run since `since`: loading is part of its time, as the reader sees it.
      started += 1
      if (started > 1) arm(performance.now())
    } else if (message.kind === 'collected') all = message.specs
    else if (message.kind === 'finished') finished.set(message.spec.fullName, message.spec)
    else if (message.kind === phases[phase]!.done) {
      const { result } = message as { result: unknown }
      const next = phases[phase + 1]
      if (!next?.follows?.(result)) return end(result)
      phases[phase]!.settle(result)
      phase += 1
      // What the specs left behind says nothing about the next phase, which is not a spec.
      current = null
      all = undefined
      arm(performance.now())
    } else if (message.kind === 'crashed') end({ kind: 'crashed', message: message.message })
  }
  worker.onerror = (event) => end({ kind: 'crashed', message: event.message || 'the runner could not start' })
  arm(since)
  worker.postMessage(request)
}

/** A promise and the function that settles it. */
function settleable<T>(): { promise: Promise<T>; settle: (value: unknown) => void } {
  let settle!: (value: unknown) => void
  const promise = new Promise<T>((resolve) => (settle = resolve as (value: unknown) => void))
  return { promise, settle }
}

/** A request with one answer: the simulator, a scenario. */
function runOne<R>(request: RunRequest, done: Phase['done'], limitMs: number): Promise<R | Stuck | Crashed> {
  const answer = settleable<R | Stuck | Crashed>()
  run(request, [{ done, limitMs, settle: answer.settle }])
  return answer.promise
}

/**
 * Runs a kata's spec file in the page, and then, with `lanes`, the simulator on the learner's
 * files beside the reference (`npm run sim -- … --compare`), in the same worker. `clickedAt`
 * (performance.now() of the click, e.g. the event's timeStamp) starts the watchdog's clock, so
 * "stopped within 3 s" holds from the click. `lanes` settles with `undefined` when there were
 * none to run: none asked for, or the specs did not run (stuck, crashed, a file that does not load).
 */
export function runKata(request: Omit<SpecRequest, 'kind'>, clickedAt?: number): { verdict: Promise<SpecResult | Stuck | Crashed>; lanes: Promise<SimResult | Stuck | Crashed | undefined> } {
  const verdict = settleable<SpecResult | Stuck | Crashed>()
  const lanes = settleable<SimResult | Stuck | Crashed | undefined>()
  const phases: Phase[] = [{ done: 'specs-done', limitMs: PAGE_WATCHDOG_MS, settle: verdict.settle }]
  if (request.lanes) phases.push({ done: 'sim-done', limitMs: SPEC_TIMEOUT_MS, settle: lanes.settle, follows: (specs) => lanesFollow(specs as SpecResult) })
  else lanes.settle(undefined)
  run({ kind: 'specs', ...request }, phases, clickedAt)
  return { verdict: verdict.promise, lanes: lanes.promise }
}

/** Runs the simulator in the page; a learner's kubelet in `mine` may loop too. */
export function runSim(request: Omit<SimRequest, 'kind'>): Promise<SimResult | Stuck | Crashed> {
  return runOne<SimResult>({ kind: 'sim', ...request }, 'sim-done', SPEC_TIMEOUT_MS)
}

/** Plays a scenario file in the page, as `npm run sim -- <scenario.yaml>` does. */
export function playScenario(request: Omit<ScenarioRequest, 'kind'>): Promise<SimResult | Stuck | Crashed> {
  return runOne<SimResult>({ kind: 'scenario', ...request }, 'sim-done', SPEC_TIMEOUT_MS)
}

/** Starts the first worker early, e.g. when the editor opens. */
export function warmUp(): void {
  next ??= spawn()
}
