/**
 * One run of the simulator, from a Pod to what a reader would see on a real node: the lane
 * diagram, `kubectl describe pod`'s Events and `kubectl get pods`. The `npm run sim` command
 * prints it; the chapters show it, produced at build time by the same function.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { TraceEntry } from '../machinery/node/trace.ts'
import { drawLanes } from '../render/lanes.ts'
import type { NodeParts } from '../machinery/parts.ts'
import { assembleNode, type NodeSession, type SessionOptions } from '../assembly/index.ts'

export interface SimOptions extends SessionOptions {
  /** A container name or `pause`: it dies once the pod runs, and the kubelet syncs again. */
  crash?: string
  /** How long the kubelet keeps retrying a pod that does not start, in ms of node time. */
  forMs?: number
  /** Whose code runs for each kata's part of the node; the reference's for any not named. */
  parts?: Partial<NodeParts>
}

export interface SimResult {
  session: NodeSession
  podName: string
  /** The runtime lane's title, e.g. `containerd 1.7`. */
  runtimeTitle: string
  sandboxImage: string
}

export function runSim(manifest: Pod, options: SimOptions = {}): SimResult {
  const session = assembleNode(options, options.parts)
  const podName = session.apply(manifest)
  session.run(podName, options.forMs)
  if (options.crash) {
    session.crash(podName, options.crash)
    session.run(podName, options.forMs)
  }
  return { session, podName, runtimeTitle: session.profile.title, sandboxImage: session.runtime.images.sandboxImage }
}

/** The same failing sync over and over is shown twice, then counted: the diagram stays readable. */
export function abridgedTrace(entries: readonly TraceEntry[]): TraceEntry[] {
  const rounds: TraceEntry[][] = []
  for (const entry of entries) {
    if (entry.kind === 'sync' && entry.text.startsWith('SyncPod')) rounds.push([])
    if (rounds.length === 0) rounds.push([])
    rounds.at(-1)!.push(entry)
  }
  const kept: TraceEntry[] = []
  let skipped = 0
  rounds.forEach((round, i) => {
    const sameAsBefore = i >= 2 && shape(round) === shape(rounds[i - 1]!) && shape(round) === shape(rounds[i - 2]!)
    const last = i === rounds.length - 1
    if (sameAsBefore && !last) {
      skipped += 1
      return
    }
    if (skipped > 0) {
      kept.push({ kind: 'sync', text: `… ${skipped} more like it`, at: round[0]!.at })
      skipped = 0
    }
    // A last sync that found nothing to do says so.
    if (last && round.length === 1 && round[0]!.kind === 'sync') kept.push({ ...round[0]!, text: `${round[0]!.text}: nothing to do` })
    else kept.push(...round)
  })
  return kept
}

/** What a round did, ignoring ids and times: its calls and their outcome. */
function shape(round: readonly TraceEntry[]): string {
  return round.map((e) => (e.kind === 'call' ? `${e.method}:${e.error ? 'err' : 'ok'}` : e.kind === 'event' ? e.reason : '')).join(',')
}

export interface TextOptions {
  width?: number
  color?: boolean
}

/** The sim's output as text: header, lane diagram, Events, get pods. */
export function simText(result: SimResult, options: TextOptions = {}): string {
  const { session, podName, runtimeTitle, sandboxImage } = result
  const view = session.view(podName)
  const namespace = view.pod.metadata?.namespace ?? 'default'
  const lanes = drawLanes(abridgedTrace(session.trace.entries.filter((e) => e.kind !== 'event' || e.reason !== 'Scheduled')), {
    runtime: runtimeTitle,
    width: options.width ?? 100,
    color: options.color ?? false,
  })
  return [
    `Pod ${namespace}/${podName} on ${session.nodeName}: ${runtimeTitle}, sandbox image ${sandboxImage}`,
    '',
    lanes,
    '',
    `$ kubectl describe pod ${podName}`,
    '…',
    session.describeEvents(podName),
    '',
    '$ kubectl get pods -o wide',
    session.getPods(podName, true),
  ].join('\n')
}

/** The sim's output as JSON: the calls with CRI method names, the events, the pod's status. */
export function simJson(result: SimResult): unknown {
  const { session, podName, runtimeTitle, sandboxImage } = result
  const view = session.view(podName)
  const columns = session.getPods(podName).split('\n')[1]!.trim().split(/\s{2,}/)
  return {
    runtime: { name: session.profile.name, title: runtimeTitle, sandboxImage },
    calls: session.trace.calls().map((c) => ({
      method: c.method,
      request: c.request,
      ...(c.error ? { error: c.error } : { response: c.response }),
      steps: c.steps,
      at: c.at,
    })),
    events: view.events.map((e) => ({
      type: e.type,
      reason: e.reason,
      message: e.message,
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
      source: e.source,
      count: e.count,
      firstTimestamp: new Date(e.firstTimestamp).toISOString(),
      lastTimestamp: new Date(e.lastTimestamp).toISOString(),
    })),
    pod: {
      name: podName,
      namespace: view.pod.metadata?.namespace,
      uid: view.pod.metadata?.uid,
      phase: view.status.phase,
      ready: columns[1],
      status: columns[2],
      restarts: columns[3],
      podIP: view.status.podIP,
      initContainerStatuses: view.status.initContainerStatuses,
      containerStatuses: view.status.containerStatuses,
    },
  }
}
