/**
 * The page's side of the in-page runner: one worker per run (kata-worker.ts), the next one
 * started ahead so a click does not wait for it, and a watchdog that ends a run whose spec
 * (or whose loading) takes longer than the CLI allows: an endless loop in the learner's code
 * is stopped, named, and the page never freezes.
 */
import { SPEC_TIMEOUT_MS, type RunRequest, type ScenarioRequest, type SimRequest, type SimResult, type SpecRequest, type SpecResult, type WorkerMessage } from './messages.ts'

export type Stuck = { kind: 'stuck'; spec: string | null; seconds: number }
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

function run<R>(request: RunRequest, done: WorkerMessage['kind'], limitMs: number): Promise<R | Stuck | Crashed> {
  const worker = takeWorker()
  return new Promise((resolve) => {
    let current: string | null = null
    let timer: ReturnType<typeof setTimeout>
    const finish = (value: R | Stuck | Crashed) => {
      clearTimeout(timer)
      worker.terminate()
      resolve(value)
    }
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(() => finish({ kind: 'stuck', spec: current, seconds: limitMs / 1000 }), limitMs)
    }
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data
      if (message.kind === 'start') {
        current = message.spec
        arm()
      } else if (message.kind === done) finish((message as unknown as { result: R }).result)
      else if (message.kind === 'crashed') finish({ kind: 'crashed', message: message.message })
    }
    worker.onerror = (event) => finish({ kind: 'crashed', message: event.message || 'the runner could not start' })
    arm()
    worker.postMessage(request)
  })
}

/** Runs a kata's spec file in the page. */
export function runSpecs(request: Omit<SpecRequest, 'kind'>): Promise<SpecResult | Stuck | Crashed> {
  return run<SpecResult>({ kind: 'specs', ...request }, 'specs-done', SPEC_TIMEOUT_MS)
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
