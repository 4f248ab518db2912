/** The terminal lane diagram (render/lanes.ts), drawn from a trace of one good sync and a failed retry. */
import { describe, expect, it } from 'vitest'
import type { CallEntry, TraceEntry } from '../machinery/node/trace.ts'
import { drawLanes } from '../render/lanes.ts'

/** Typed, so that a change to TraceEntry shows up here at once. */
const SAMPLE: TraceEntry[] = [
  { kind: 'sync', text: 'SyncPod default/web', at: 0 },
  {
    kind: 'call',
    method: 'RunPodSandbox',
    label: 'RunPodSandbox web (attempt 0)',
    request: {},
    steps: ['pull registry.k8s.io/pause:3.8', 'create network namespace', 'CNI ADD → 10.244.1.2', 'start /pause (pid 1000)'],
    result: 'a3f9c2e1d4b5c',
    at: 0,
  },
  { kind: 'call', method: 'PodSandboxStatus', label: 'PodSandboxStatus a3f9c2e1d4b5c', request: {}, steps: [], result: 'SANDBOX_READY 10.244.1.2', at: 0 },
  { kind: 'call', method: 'ImageStatus', label: 'ImageStatus docker.io/library/nginx:1.27', request: {}, steps: [], result: 'image: null', at: 0 },
  { kind: 'event', type: 'Normal', reason: 'Pulling', message: 'Pulling image "nginx:1.27"', at: 0 },
  {
    kind: 'call',
    method: 'PullImage',
    label: 'PullImage nginx:1.27',
    request: {},
    steps: ['resolve docker.io/library/nginx:1.27', 'fetch 7 layers, unpack'],
    result: 'sha256:5ef79149e0ec',
    at: 0,
  },
  {
    kind: 'event',
    type: 'Normal',
    reason: 'Pulled',
    message: 'Successfully pulled image "nginx:1.27" in 4.213s (4.213s including waiting). Image size: 72099410 bytes.',
    at: 4213,
  },
  {
    kind: 'call',
    method: 'CreateContainer',
    label: 'CreateContainer web',
    request: {},
    steps: ["join the sandbox's net, ipc, uts namespaces"],
    result: '5d1c0b9e8f7a6',
    at: 4213,
  },
  { kind: 'event', type: 'Normal', reason: 'Created', message: 'Container created', at: 4213 },
  { kind: 'call', method: 'StartContainer', label: 'StartContainer 5d1c0b9e8f7a6', request: {}, steps: ['start nginx (pid 1001)'], result: 'ok', at: 4213 },
  { kind: 'event', type: 'Normal', reason: 'Started', message: 'Container started', at: 4213 },
  { kind: 'sync', text: 'retry in 10s: failed to "CreatePodSandbox"', at: 5000 },
  {
    kind: 'call',
    method: 'RunPodSandbox',
    label: 'RunPodSandbox web (attempt 0)',
    request: {},
    steps: ['pull registry.k8s.io/pause:3.8: failed'],
    result: '',
    error:
      'rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.8": failed to pull image "registry.k8s.io/pause:3.8": failed to pull and unpack image "registry.k8s.io/pause:3.8": failed to resolve reference "registry.k8s.io/pause:3.8": failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.8": dial tcp: lookup registry.k8s.io on 10.96.0.10:53: no such host',
    at: 5000,
  },
  {
    kind: 'event',
    type: 'Warning',
    reason: 'FailedCreatePodSandBox',
    message: 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.8": ...',
    at: 5000,
  },
]

const CALLS = SAMPLE.filter((e): e is CallEntry => e.kind === 'call')
const RUNTIME = 'containerd 1.7'
const ANSI = /\x1b\[[0-9;]*m/g

const draw = (width?: number, entries: readonly TraceEntry[] = SAMPLE) => drawLanes(entries, { runtime: RUNTIME, width }).split('\n')
/** Lines are measured in characters, as a terminal counts cells (every glyph used is one cell wide). */
const length = (line: string) => Array.from(line).length
/** The column of a character in a line, in characters. */
const column = (line: string, char: string) => Array.from(line).indexOf(char)

/** Lifeline columns, read off the header rule (`───┬───`), left to right. */
function lifelines(lines: string[]): number[] {
  return Array.from(lines[1] ?? '').flatMap((char, i) => (char === '┬' ? [i] : []))
}

/** True when `shown` is `full`, or `full` cut with `…`. */
function showsStartOf(shown: string, full: string): boolean {
  return shown === full || (shown.endsWith('…') && shown.length > 1 && full.startsWith(shown.slice(0, -1)))
}

/** The labels of the call arrows (`├─ label ───▶│`), top to bottom. */
function callLabels(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const match = /├─ (.+?) ─+▶│/.exec(line)
    return match?.[1] ? [match[1]] : []
  })
}

describe('drawLanes', () => {
  it('heads the three lanes left to right, the runtime with the title it is given', () => {
    const [titles = ''] = draw()
    expect(titles.indexOf('kubelet')).toBeGreaterThanOrEqual(0)
    expect(titles.indexOf('kuberuntime')).toBeGreaterThan(titles.indexOf('kubelet'))
    expect(titles.indexOf(RUNTIME)).toBeGreaterThan(titles.indexOf('kuberuntime'))
    expect(drawLanes(SAMPLE, { runtime: 'CRI-O' }).split('\n')[0]).toMatch(/kubelet\s+kuberuntime\s+CRI-O$/)
    expect(lifelines(draw())).toHaveLength(3)
  })

  it('draws every CRI call as an arrow to the runtime, in trace order, cut with … only when too long', () => {
    for (const width of [100, 60]) {
      const labels = callLabels(draw(width))
      expect(labels).toHaveLength(CALLS.length)
      labels.forEach((shown, i) => expect(showsStartOf(shown, CALLS[i]?.label ?? ''), `${width}: ${shown}`).toBe(true))
    }
    // At 100 columns this sample's labels all fit whole; at 60 the longest is cut.
    expect(callLabels(draw(100))).toEqual(CALLS.map((c) => c.label))
    expect(callLabels(draw(60))).toContainEqual(expect.stringMatching(/^ImageStatus .*…$/))
  })

  it('answers each call with a return arrow, and marks the failed one with ✗', () => {
    const lines = draw()
    const returns = lines.filter((line) => line.includes('◀'))
    expect(returns).toHaveLength(CALLS.length)
    expect(returns[0]).toContain('◀┄ a3f9c2e1d4b5c ')
    const marked = returns.filter((line) => line.includes('✗'))
    expect(marked).toHaveLength(1)
    expect(returns.at(-1)).toBe(marked[0])
    expect(marked[0]).toContain('✗ rpc error: code = Unknown')
    expect(marked[0]).toMatch(/… ┄+┤$/)
    // The error comes back after the failed call's step, before the Warning event.
    const failedStep = lines.findIndex((line) => line.includes('pull registry.k8s.io/pause:3.8: failed'))
    const errorLine = lines.indexOf(marked[0] ?? '')
    expect(errorLine).toBe(failedStep + 1)
    expect(lines[errorLine + 1]).toContain('Warning FailedCreatePodSandBox')
  })

  it('never draws a line longer than the width, however long the texts', () => {
    for (const width of [48, 60, 80, 100, 160]) {
      const lines = draw(width)
      expect(Math.max(...lines.map(length)), `width ${width}`).toBeLessThanOrEqual(width)
    }
    const long: TraceEntry[] = [
      { kind: 'sync', text: 'x'.repeat(300), at: 0 },
      { kind: 'call', method: 'PullImage', label: 'PullImage ' + 'y'.repeat(300), request: {}, steps: ['z'.repeat(300)], result: 'r'.repeat(300), at: 0 },
      { kind: 'event', type: 'Warning', reason: 'Failed', message: 'm'.repeat(300), at: 0 },
    ]
    expect(Math.max(...draw(100, long).map(length))).toBe(100)
    expect(() => draw(20)).toThrow(RangeError)
  })

  it('keeps one line per row: newlines inside a message do not break the layout', () => {
    const entries: TraceEntry[] = [{ kind: 'event', type: 'Warning', reason: 'Failed', message: 'line one\nline two\n\tline three', at: 0 }]
    const lines = draw(100, entries)
    expect(lines).toHaveLength(3)
    expect(lines[2]).toContain('Warning Failed: line one line two line three')
  })

  it("puts the runtime's steps in the runtime's column, under their call", () => {
    const lines = draw()
    const [kubelet, manager, runtime] = lifelines(lines)
    const steps = CALLS.flatMap((call) => call.steps)
    const stepLines = lines.filter((line) => line.includes('╴') && column(line, '├') === runtime)
    expect(stepLines).toHaveLength(steps.length)
    stepLines.forEach((line, i) => {
      expect(line.slice(0, line.indexOf('├'))).toMatch(/^[ │]+$/)
      expect(showsStartOf(line.slice(line.indexOf('╴') + 1), steps[i] ?? '')).toBe(true)
    })
    // The sandbox's steps come between RunPodSandbox and its answer.
    const cni = lines.findIndex((line) => line.includes('CNI ADD → 10.244.1.2'))
    expect(lines.findIndex((line) => line.includes('RunPodSandbox'))).toBeLessThan(cni)
    expect(lines.findIndex((line) => line.includes('a3f9c2e1d4b5c ┄'))).toBeGreaterThan(cni)
    // And every row keeps all three lifelines.
    for (const line of lines.slice(2)) {
      for (const x of [kubelet, manager, runtime]) expect(Array.from(line)[x ?? -1], line).toMatch(/[│├┤●]/)
    }
  })

  it("puts events in kuberuntime's column, with the reason, and marks Warnings in plain text", () => {
    const lines = draw()
    const manager = lifelines(lines)[1]
    const events = lines.filter((line) => column(line, '├') === manager && line.includes('├╴'))
    expect(events.map((line) => line.slice(line.indexOf('╴') + 1).split(':')[0])).toEqual([
      'Pulling',
      'Pulled',
      'Created',
      'Started',
      'Warning FailedCreatePodSandBox',
    ])
    expect(events[1]).toMatch(/Pulled: Successfully pulled image .*… │$/)
  })

  it('colours only when asked: dim steps, red errors, yellow Warnings, and the same text underneath', () => {
    const plain = drawLanes(SAMPLE, { runtime: RUNTIME })
    expect(plain).not.toMatch(ANSI)
    expect(drawLanes(SAMPLE, { runtime: RUNTIME, color: false })).toBe(plain)

    const colored = drawLanes(SAMPLE, { runtime: RUNTIME, color: true })
    expect(colored.replace(ANSI, '')).toBe(plain)
    const lines = colored.split('\n')
    const line = (text: string) => lines.find((l) => l.includes(text)) ?? ''
    expect(line('CNI ADD')).toContain('\x1b[2m╴CNI ADD → 10.244.1.2\x1b[0m')
    expect(line('✗')).toMatch(/\x1b\[31m◀┄ ✗ rpc error.*┤\x1b\[0m$/)
    expect(line('FailedCreatePodSandBox')).toContain('\x1b[33m╴Warning FailedCreatePodSandBox')
    expect(line('Pulled:')).not.toMatch(ANSI)
    expect(line('RunPodSandbox')).not.toMatch(ANSI)
  })
})
