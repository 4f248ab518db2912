/**
 * What kubectl prints, for the sim and the chapters: the Events table of `kubectl describe
 * pod` (kubectl pkg/describe DescribeEvents) and the line of `kubectl get pods` (printPod in
 * k/k pkg/printers/internalversion). Ages use apimachinery's HumanDuration; columns are laid
 * out by Go's tabwriter with kubectl's settings.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { PodEvent } from '../kubelet/events.ts'
import type { ApiPodStatus } from '../kubelet/api-status.ts'

/** apimachinery util/duration HumanDuration: 45s, 119s, 2m5s, 12m, 3h20m, 2d4h … */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`
  if (minutes < 180) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`
  const days = Math.floor(hours / 24)
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`
  return `${Math.floor(days / 365)}y`
}

/**
 * Go's text/tabwriter for rows of cells: every column but the last is as wide as its widest
 * cell plus `padding`, and at least `minWidth`.
 */
export function tabwrite(rows: string[][], options: { minWidth: number; padding: number }): string[] {
  const widths: number[] = []
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, Math.max(options.minWidth, cell.length + options.padding))
    })
  }
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('').trimEnd())
}

/** The Events section of `kubectl describe pod`, as of kubectl 1.35 (container events show their field path). */
export function describeEvents(events: readonly PodEvent[], now: number): string {
  if (events.length === 0) return 'Events:\t<none>'
  const rows = [
    ['  Type', 'Reason', 'Age', 'From', 'Message'],
    ['  ----', '------', '----', '----', '-------'],
    ...events.map((e) => {
      const age = humanDuration(now - e.lastTimestamp)
      const ageCell = e.count > 1 ? `${age} (x${e.count} over ${humanDuration(now - e.firstTimestamp)})` : age
      const message = e.fieldPath ? `${e.fieldPath}: ${e.message}` : e.message
      return [`  ${e.type}`, e.reason, ageCell, e.source, message.trim()]
    }),
  ]
  return ['Events:', ...tabwrite(rows, { minWidth: 0, padding: 2 })].join('\n')
}

/** READY, STATUS and RESTARTS of one pod, as printPod works them out. */
export function podColumns(pod: Pod, status: ApiPodStatus, now: number): { ready: string; status: string; restarts: string } {
  const initContainers = pod.spec?.initContainers ?? []
  let reason: string = status.phase
  let restarts = 0
  let lastRestart = 0
  let readyContainers = 0
  // Native sidecars count towards READY since kubectl 1.29.
  const sidecars = initContainers.filter((c) => c.restartPolicy === 'Always').length
  const total = (pod.spec?.containers ?? []).length + sidecars
  const noteRestart = (s: ApiPodStatus['containerStatuses'][number]) => {
    restarts += s.restartCount
    if (s.lastState) lastRestart = Math.max(lastRestart, s.lastState.terminated.finishedAt)
  }

  let initializing = false
  for (const [i, s] of status.initContainerStatuses.entries()) {
    noteRestart(s)
    const state = s.state
    if ('terminated' in state && state.terminated.exitCode === 0) continue
    if (initContainers[i]?.restartPolicy === 'Always' && s.started) {
      if (s.ready) readyContainers++
      continue
    }
    if ('terminated' in state) reason = state.terminated.reason ? `Init:${state.terminated.reason}` : `Init:ExitCode:${state.terminated.exitCode}`
    else if ('waiting' in state && state.waiting.reason && state.waiting.reason !== 'PodInitializing') reason = `Init:${state.waiting.reason}`
    else reason = `Init:${i}/${initContainers.length}`
    initializing = true
    break
  }
  if (!initializing) {
    let hasRunning = false
    for (const s of [...status.containerStatuses].reverse()) {
      noteRestart(s)
      const state = s.state
      if ('waiting' in state && state.waiting.reason) reason = state.waiting.reason
      else if ('terminated' in state && state.terminated.reason) reason = state.terminated.reason
      else if ('terminated' in state) reason = `ExitCode:${state.terminated.exitCode}`
      else if (s.ready && 'running' in state) {
        hasRunning = true
        readyContainers++
      }
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running'
  }
  const restartsCell = restarts > 0 && lastRestart > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts)
  return { ready: `${readyContainers}/${total}`, status: reason, restarts: restartsCell }
}

/** `kubectl get pods` (optionally `-o wide`) for one pod: the header and its line. */
export function getPods(pod: Pod, status: ApiPodStatus, now: number, createdAt: number, options: { wide?: boolean; node?: string } = {}): string {
  const columns = podColumns(pod, status, now)
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']
  const line = [pod.metadata?.name ?? '', columns.ready, columns.status, columns.restarts, humanDuration(now - createdAt)]
  if (options.wide) {
    header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES')
    line.push(status.podIP || '<none>', options.node ?? '<none>', '<none>', '<none>')
  }
  return tabwrite([header, line], { minWidth: 6, padding: 3 }).join('\n')
}
