/**
 * `npm run sim -- <pod.yaml|scenario.yaml> --mine`: the same run, with the learner's kubelet
 * (kata 4's RuntimeManager in katas/04-syncpod/sync-pod.ts) instead of the reference. It runs in a worker
 * thread with a time limit, so an endless loop in the learner's code is stopped and named
 * instead of hanging the terminal; any failure comes back as one line.
 */
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Pod } from 'kubernetes-types/core/v1'
import type { CallEntry } from '../machinery/node/trace.ts'
import { ROOT } from '../workbook/paths.ts'
import type { SimOptions } from './run-sim.ts'
import type { Scenario } from './scenario-file.ts'

export { eventLine } from './trace-difference.ts'

export const LEARNER_FILE = 'katas/04-syncpod/sync-pod.ts'
export const LEARNER_TIME_LIMIT_MS = 5_000

/** A Pod with the sim's switches, or a scenario file already read (sim/scenario-file.ts). */
export type LearnerRunRequest =
  | { kind: 'pod'; manifest: Pod; options: SimOptions; width: number; color: boolean }
  | { kind: 'scenario'; scenario: Scenario }

export type LearnerRunResult =
  | { ok: true; text: string; calls: Pick<CallEntry, 'method' | 'label'>[]; events: string[] }
  | { ok: false; problem: string }

/**
 * The worker says so once the provided modules are loaded; the learner's time limit starts
 * then, so a busy machine that is slow to load the simulator is not taken for an endless loop.
 */
export const WORKER_LOADED = 'podkata:learner-worker-loaded'
/** Loading the provided modules should take a second; this only stops a worker that never starts. */
const LOAD_LIMIT_MS = 60_000

export function runLearnerSim(request: LearnerRunRequest): Promise<LearnerRunResult> {
  return new Promise((resolve) => {
    // Found from the workbook's root: this file also runs from a bundle in .podkata/build.
    const worker = new Worker(join(ROOT, 'sim', 'learner-worker.mjs'), { workerData: request, stdout: true, stderr: true })
    const stop = (problem: string) => () => {
      void worker.terminate()
      resolve({ ok: false, problem })
    }
    let timer = setTimeout(stop(`the simulator did not start within ${LOAD_LIMIT_MS / 1000} s`), LOAD_LIMIT_MS)
    worker.on('message', (message: LearnerRunResult | typeof WORKER_LOADED) => {
      clearTimeout(timer)
      if (message === WORKER_LOADED) {
        timer = setTimeout(stop(`your ${LEARNER_FILE} did not finish within ${LEARNER_TIME_LIMIT_MS / 1000} s: is there an endless loop?`), LEARNER_TIME_LIMIT_MS)
        return
      }
      void worker.terminate()
      resolve(message)
    })
    worker.once('error', (error) => {
      clearTimeout(timer)
      resolve({ ok: false, problem: `your ${LEARNER_FILE} failed: ${firstLine(error)}` })
    })
  })
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}
