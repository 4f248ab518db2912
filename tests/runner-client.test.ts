/**
 * The page's side of the in-page runner (browser/runner-client.ts) with a stand-in for the
 * browser's Worker: what a Run sends, which answer settles what, when the watchdog stops a
 * worker, and how many workers a Run costs. The real worker runs in Chromium in e2e/in-page*.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PAGE_WATCHDOG_MS, SPEC_TIMEOUT_MS, type RunRequest, type SpecOutcome, type WorkerMessage } from '../browser/messages.ts'
import { runKata, warmUp } from '../browser/runner-client.ts'

class FakeWorker {
  static made = 0
  /** The worker the last request went to. */
  static sentTo: FakeWorker | undefined
  requests: RunRequest[] = []
  terminated = false
  onmessage?: (event: { data: WorkerMessage }) => void
  onerror?: (event: { message: string }) => void
  constructor() {
    FakeWorker.made += 1
  }
  postMessage(request: RunRequest) {
    this.requests.push(request)
    FakeWorker.sentTo = this
  }
  terminate() {
    this.terminated = true
  }
  say(message: WorkerMessage) {
    this.onmessage?.({ data: message })
  }
}

const spec = (name: string): SpecOutcome => ({ name, fullName: `group › ${name}`, state: 'passed' })
const files = { 'katas/01-pods/pods.ts': 'export {}' }
const lanes = { manifest: 'apiVersion: v1', options: {} }
const view = { runtime: 'containerd', entries: [], kubectl: '', text: '', status: 'Running' }

/** Whether a promise has settled, after the microtasks queued so far. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  void promise.then(() => (done = true))
  await Promise.resolve()
  await Promise.resolve()
  return done
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  vi.stubGlobal('Worker', FakeWorker)
  // As the workbench does when it opens: the first Run's worker is started ahead.
  warmUp()
  FakeWorker.made = 0
  FakeWorker.sentTo = undefined
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('a kata’s Run in the page', () => {
  it('asks one worker for the specs and the lanes, and ends it after the lanes', async () => {
    const run = runKata({ spec: 'katas/01-pods/pods.spec.ts', mode: 'learner', files, lanes })
    const worker = FakeWorker.sentTo
    expect(worker!.requests).toEqual([{ kind: 'specs', spec: 'katas/01-pods/pods.spec.ts', mode: 'learner', files, lanes }])
    worker!.say({ kind: 'specs-done', result: { kind: 'ran', specs: [spec('a')], ms: 4 } })
    expect(await run.verdict).toEqual({ kind: 'ran', specs: [spec('a')], ms: 4 })
    expect(await settled(run.lanes)).toBe(false)
    expect(worker!.terminated).toBe(false)
    worker!.say({ kind: 'sim-done', result: { kind: 'ran', view, reference: view } })
    expect(await run.lanes).toEqual({ kind: 'ran', view, reference: view })
    expect(worker!.terminated).toBe(true)
    // Only the next Run's, started ahead: no second worker for the lanes.
    expect(FakeWorker.made).toBe(1)
  })

  it('draws no lanes when the learner’s file does not load, and ends the worker with the verdict', async () => {
    const run = runKata({ spec: 'katas/01-pods/pods.spec.ts', mode: 'learner', files, lanes })
    const worker = FakeWorker.sentTo
    worker!.say({ kind: 'specs-done', result: { kind: 'load-error', message: 'Unexpected token' } })
    expect((await run.verdict).kind).toBe('load-error')
    expect(await run.lanes).toBeUndefined()
    expect(worker!.terminated).toBe(true)
  })

  it('settles the lanes at once as none when none were asked for', async () => {
    const run = runKata({ spec: 'katas/02-composite/composite.spec.ts', mode: 'learner', files })
    expect(await run.lanes).toBeUndefined()
    FakeWorker.sentTo!.say({ kind: 'specs-done', result: { kind: 'ran', specs: [spec('a')], ms: 4 } })
    expect((await run.verdict).kind).toBe('ran')
    expect(FakeWorker.sentTo!.terminated).toBe(true)
  })

  it('stops a stuck spec after the page’s limit, names it, and draws no lanes', async () => {
    const run = runKata({ spec: 'katas/01-pods/pods.spec.ts', mode: 'learner', files, lanes })
    const worker = FakeWorker.sentTo
    worker!.say({ kind: 'collected', specs: [spec('a'), spec('b')].map((s) => ({ ...s, state: 'not run' })) })
    worker!.say({ kind: 'start', spec: 'a' })
    worker!.say({ kind: 'finished', spec: spec('a') })
    worker!.say({ kind: 'start', spec: 'b' })
    vi.advanceTimersByTime(PAGE_WATCHDOG_MS - 1)
    expect(await settled(run.verdict)).toBe(false)
    vi.advanceTimersByTime(1)
    const verdict = await run.verdict
    expect(verdict).toMatchObject({ kind: 'stuck', spec: 'b', seconds: PAGE_WATCHDOG_MS / 1000 })
    expect(verdict.kind === 'stuck' && verdict.specs?.map((s) => s.state)).toEqual(['passed', 'failed'])
    expect(await run.lanes).toBeUndefined()
    expect(worker!.terminated).toBe(true)
  })

  it('gives the lanes the simulator’s limit from the verdict on, and stops them as stuck with no spec named', async () => {
    const run = runKata({ spec: 'katas/04-syncpod/sync-pod.spec.ts', mode: 'learner', files, lanes })
    const worker = FakeWorker.sentTo
    worker!.say({ kind: 'start', spec: 'a' })
    vi.advanceTimersByTime(PAGE_WATCHDOG_MS - 10)
    worker!.say({ kind: 'specs-done', result: { kind: 'ran', specs: [spec('a')], ms: 2490 } })
    await run.verdict
    vi.advanceTimersByTime(SPEC_TIMEOUT_MS - 1)
    expect(await settled(run.lanes)).toBe(false)
    expect(worker!.terminated).toBe(false)
    vi.advanceTimersByTime(1)
    expect(await run.lanes).toEqual({ kind: 'stuck', spec: null, seconds: SPEC_TIMEOUT_MS / 1000 })
    expect(worker!.terminated).toBe(true)
  })

  it('reports a crash while drawing the lanes as the lanes’ own, keeping the verdict', async () => {
    const run = runKata({ spec: 'katas/01-pods/pods.spec.ts', mode: 'learner', files, lanes })
    const worker = FakeWorker.sentTo
    worker!.say({ kind: 'specs-done', result: { kind: 'ran', specs: [spec('a')], ms: 4 } })
    worker!.say({ kind: 'crashed', message: 'pod is not defined' })
    expect((await run.verdict).kind).toBe('ran')
    expect(await run.lanes).toEqual({ kind: 'crashed', message: 'pod is not defined' })
  })
})
