/**
 * The page's side of the in-page runner: one worker per run (kata-worker.ts), the next one
 * started ahead so a click does not wait for it, and a watchdog that ends a run whose spec
 * (or whose loading) takes longer than the CLI allows: an endless loop in the learner's code
 * is stopped, named, and the page never freezes.
 */
import { PAGE_WATCHDOG_MS, SPEC_TIMEOUT_MS, type RunRequest, type ScenarioRequest, type SimRequest, type SimResult, type SpecOutcome, type SpecRequest, type SpecResult, type WorkerMessage } from './messages.ts'

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

/**
 * `since`: when the clock of the loading and the first spec starts (performance.now(); the
 * click, for a kata's Run). Each later spec gets `limitMs` from its own start.
 */
function run<R>(request: RunRequest, done: WorkerMessage['kind'], limitMs: number, since = performance.now()): Promise<R | Stuck | Crashed> {
  const worker = takeWorker()
  return new Promise((resolve) => {
    let current: string | null = null
    let started = 0
    let all: SpecOutcome[] | undefined
    const finished = new Map<string, SpecOutcome>()
    let timer: ReturnType<typeof setTimeout>
    const finish = (value: R | Stuck | Crashed) => {
      clearTimeout(timer)
      worker.terminate()
      resolve(value)
    }
    const stuck = (): Stuck => {
      const stopped: Stuck = { kind: 'stuck', spec: current, seconds: limitMs / 1000 }
      if (!all) return stopped
      // The spec that was running is the one that failed; vitest's names are unique per group.
      let reached = true
      const specs = all.map((spec): SpecOutcome => {
        const verdict = finished.get(spec.fullName)
        if (verdict) return verdict
        if (reached && spec.name === current) {
          reached = false
          return { ...spec, state: 'failed', message: `did not finish within ${limitMs / 1000} s, so it was stopped` }
        }
        return spec
      })
      return { ...stopped, specs }
    }
    const arm = (from: number) => {
      clearTimeout(timer)
      timer = setTimeout(() => finish(stuck()), Math.max(0, from + limitMs - performance.now()))
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
      else if (message.kind === done) finish((message as unknown as { result: R }).result)
      else if (message.kind === 'crashed') finish({ kind: 'crashed', message: message.message })
    }
    worker.onerror = (event) => finish({ kind: 'crashed', message: event.message || 'the runner could not start' })
    arm(since)
    worker.postMessage(request)
  })
}

/**
 * Runs a kata's spec file in the page. `clickedAt` (performance.now() of the click, e.g. the
 * event's timeStamp) starts the watchdog's clock, so "stopped within 3 s" holds from the click.
 */
export function runSpecs(request: Omit<SpecRequest, 'kind'>, clickedAt?: number): Promise<SpecResult | Stuck | Crashed> {
  return run<SpecResult>({ kind: 'specs', ...request }, 'specs-done', PAGE_WATCHDOG_MS, clickedAt)
}

/** Runs the simulator in the page; a learner's kubelet in `mine` may loop too. */
export function runSim(request: Omit<SimRequest, 'kind'>): Promise<SimResult | Stuck | Crashed> {
  return run<SimResult>({ kind: 'sim', ...request }, 'sim-done', SPEC_TIMEOUT_MS)
}

/** Plays a scenario file in the page, as `npm run sim -- <scenario.yaml>` does. */
export function playScenario(request: Omit<ScenarioRequest, 'kind'>): Promise<SimResult | Stuck | Crashed> {
  return run<SimResult>({ kind: 'scenario', ...request }, 'sim-done', SPEC_TIMEOUT_MS)
}

/** Starts the first worker early, e.g. when the editor opens. */
export function warmUp(): void {
  next ??= spawn()
}
