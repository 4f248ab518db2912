/**
 * The worker side of `--mine`: loads the learner's RuntimeManager and runs the sim (a Pod, or a
 * scenario file) with it. Whatever goes wrong is sent back as one line; the main thread prints
 * it. The learner's code may write only in its own kata's folder and the temporary folder, as
 * under the specs.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { ROOT } from '../workbook/paths.ts'
import { ensureWorkingCopies } from '../workbook/working-copies.ts'
import { KATAS } from '../katas/katas.ts'
import { firstLine, LEARNER_FILE, WORKER_LOADED, type LearnerRunRequest, type LearnerRunResult } from './learner-run.ts'
import { runSim, simText } from './run-sim.ts'
import { installWriteGuard } from '../workbook/write-guard.ts'
import { runScenario } from './scenario.ts'
import { eventLine } from './trace-difference.ts'
import type { KubeletPart } from '../machinery/parts.ts'

async function run(request: LearnerRunRequest): Promise<LearnerRunResult> {
  // The provided modules are loaded (static imports above); the learner's time starts now.
  parentPort?.postMessage(WORKER_LOADED)
  const syncpod = KATAS.filter((k) => k.slug === 'syncpod')
  ensureWorkingCopies(syncpod)
  installWriteGuard({ who: 'your kubelet, run by the sim', kataFolder: () => join(ROOT, 'katas', syncpod[0]!.folder) })
  let RuntimeManager: KubeletPart['RuntimeManager']
  try {
    ;({ RuntimeManager } = (await import(pathToFileURL(join(ROOT, LEARNER_FILE)).href)) as KubeletPart)
  } catch (error) {
    return { ok: false, problem: `your ${LEARNER_FILE} does not load: ${loadProblem(error)}` }
  }
  if (typeof RuntimeManager !== 'function') return { ok: false, problem: `your ${LEARNER_FILE} does not export the RuntimeManager class` }
  const parts = { kubelet: { RuntimeManager } }
  try {
    if (request.kind === 'scenario') {
      const { session, text } = runScenario(request.scenario, parts)
      return { ok: true, text, calls: session.trace.calls().map(({ method, label }) => ({ method, label })), events: session.trace.events().map(eventLine) }
    }
    const result = runSim(request.manifest, { ...request.options, parts })
    const calls = result.session.trace.calls().map(({ method, label }) => ({ method, label }))
    const events = result.session.trace.events().map(eventLine)
    return { ok: true, text: simText(result, { width: request.width, color: request.color }), calls, events }
  } catch (error) {
    // A step the node refuses is the scenario's own one line, as the reference's run prints it.
    if ((error as Error)?.name === 'ScenarioError') return { ok: false, problem: firstLine(error) }
    return { ok: false, problem: `your RuntimeManager threw: ${firstLine(error)}` }
  }
}

/** A syntax error from the TypeScript compiler reads `Transform failed with 1 error:` then `<file>:<line>:<col>: ERROR: …`. */
function loadProblem(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n')
  const located = lines.find((line) => / ERROR: /.test(line))
  if (!located) return firstLine(error)
  const match = /:(\d+):(\d+): ERROR: (.*)$/.exec(located)
  return match ? `line ${match[1]}, column ${match[2]}: ${match[3]}` : located
}

parentPort?.postMessage(await run(workerData as LearnerRunRequest))
