/**
 * Runs of the simulator for the chapters' data loaders: the same code as `npm run sim`, so
 * the diagrams and terminal blocks on a page are what the command prints.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parsePod } from '../../machinery/api/manifest.ts'
import { laneEntry, type LaneEntry } from '../../render/lane-layout.ts'
import { simOptionsOf } from '../../sim/command.ts'
import { abridgedTrace, runSim } from '../../sim/run-sim.ts'

export interface ChapterRun {
  /** The command a reader can type to see the same. */
  command: string
  /** The runtime lane's title. */
  runtime: string
  /** The trace, abridged as the sim prints it, without the scheduler's event: only what the diagram draws. */
  entries: LaneEntry[]
  /** What a reader would type on a real cluster, and what it prints: describe's Events, get pods. */
  kubectl: string
}

const root = fileURLToPath(new URL('../../', import.meta.url))

/**
 * One run, with the options the command reads from `args` (so `command`, shown as the figure's
 * caption, is what made it). With `afterCrash`, the diagram starts where the crash happens, so
 * it shows how the kubelet reacts rather than the pod starting again.
 */
export function simRun(manifest: string, args: string[], view: { afterCrash?: boolean } = {}): ChapterRun {
  const pod = parsePod(readFileSync(`${root}${manifest}`, 'utf8'), manifest)
  const result = runSim(pod, simOptionsOf(args))
  const { session, podName } = result
  let entries = session.trace.entries.filter((e) => e.kind !== 'event' || e.reason !== 'Scheduled')
  if (view.afterCrash) entries = entries.slice(entries.findIndex((e) => e.kind === 'sync' && e.text.endsWith(' dies')))
  return {
    command: ['npm run sim --', manifest, ...args].join(' '),
    runtime: result.runtimeTitle,
    entries: abridgedTrace(entries).map(laneEntry),
    kubectl: [`$ kubectl describe pod ${podName}`, '…', session.describeEvents(podName), '', '$ kubectl get pods -o wide', session.getPods(podName, true)].join('\n'),
  }
}
