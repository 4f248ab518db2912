/**
 * The runs chapter 4 shows, made at build time by the same code as `npm run sim`: the diagrams
 * and the terminal output on the page are what the reference kubelet and runtime really did,
 * so they cannot drift from the code.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parsePod } from '../../machinery/manifest.ts'
import type { TraceEntry } from '../../machinery/trace.ts'
import { abridgedTrace, runSim, simText, type SimOptions } from '../../sim/run-sim.ts'

export interface ChapterRun {
  /** The command a reader can type to see the same. */
  command: string
  /** The runtime lane's title. */
  runtime: string
  /** The trace, abridged as the sim prints it, without the scheduler's event. */
  entries: TraceEntry[]
  /** What `npm run sim` prints, at 100 columns, without colour. */
  text: string
  /** What a reader would type on a real cluster, and what it prints: describe's Events, get pods. */
  kubectl: string
}

const root = fileURLToPath(new URL('../../', import.meta.url))

function run(manifest: string, args: string[], options: SimOptions = {}): ChapterRun {
  const pod = parsePod(readFileSync(`${root}${manifest}`, 'utf8'), manifest)
  const result = runSim(pod, options)
  const { session, podName } = result
  const entries = abridgedTrace(session.trace.entries.filter((e) => e.kind !== 'event' || e.reason !== 'Scheduled'))
  return {
    command: ['npm run sim --', manifest, ...args].join(' '),
    runtime: result.runtimeTitle,
    entries,
    text: simText(result, { width: 100 }),
    kubectl: [`$ kubectl describe pod ${podName}`, '…', session.describeEvents(podName), '', '$ kubectl get pods', session.getPods(podName)].join('\n'),
  }
}

export default {
  watch: ['../../examples/pods/*.yaml'],
  load(): Record<string, ChapterRun> {
    return {
      web: run('examples/pods/web.yaml', []),
      withInit: run('examples/pods/with-init.yaml', []),
      offline: run('examples/pods/web.yaml', ['--offline', '--for', '30'], { connectivity: 'dns-nxdomain', forMs: 30_000 }),
      appPull: run('examples/pods/web.yaml', ['--offline', '--preload', 'registry.k8s.io/pause:3.8', '--preload', 'fluent/fluent-bit:3.1', '--for', '30'], {
        connectivity: 'dns-nxdomain',
        preload: ['registry.k8s.io/pause:3.8', 'fluent/fluent-bit:3.1'],
        forMs: 30_000,
      }),
    }
  },
}

export declare const data: Record<string, ChapterRun>
