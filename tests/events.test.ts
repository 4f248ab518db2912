/** The event recorder folds events as client-go's correlator does (tools/record/events_cache.go). */
import { describe, expect, it } from 'vitest'
import { COMBINED_PREFIX, EventRecorder } from '../machinery/kubelet/events.ts'

function recorderWithClock() {
  let now = 0
  const recorder = new EventRecorder(() => now)
  return { recorder, tick: (ms: number) => (now += ms), now: () => now }
}

describe('the event correlator', () => {
  it('keeps counting what the spam filter holds back, so the next event let through carries the whole count', () => {
    const { recorder, tick, now } = recorderWithClock()
    const hour = 3_600_000
    let occurrences = 0
    while (now() < hour) {
      recorder.record('Warning', 'FailedCreatePodSandBox', 'Failed to create pod sandbox: same every time')
      occurrences += 1
      tick(10_000)
    }
    const [event] = recorder.list()
    // The burst of 25 is spent after about 4 minutes; from then on one update gets through per
    // 5 minutes, and each carries every occurrence counted meanwhile.
    expect(occurrences).toBe(360)
    expect(event!.count).toBeGreaterThan(occurrences - 31)
    expect(event!.count).toBeLessThanOrEqual(occurrences)
    expect(now() - event!.lastTimestamp).toBeLessThanOrEqual(300_000 + 10_000)
  })

  it('gives Normal and Warning events of one pod separate spam buckets', () => {
    const { recorder, tick } = recorderWithClock()
    for (let i = 0; i < 30; i += 1) {
      recorder.record('Warning', 'BackOff', `Back-off ${i}`)
      tick(1_000)
    }
    recorder.record('Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine')
    expect(recorder.list().map((e) => e.reason)).toContain('Pulled')
  })

  it('aggregates messages of one reason across containers: the aggregate key has no field path', () => {
    const { recorder, tick } = recorderWithClock()
    for (let i = 0; i < 10; i += 1) {
      recorder.record('Warning', 'Failed', `Error: message ${i}`, { fieldPath: `spec.containers{${i % 2 ? 'a' : 'b'}}` })
      tick(1_000)
    }
    const combined = recorder.list().filter((e) => e.message.startsWith(COMBINED_PREFIX))
    expect(combined.map((e) => e.message)).toEqual([`${COMBINED_PREFIX}Error: message 9`])
  })

  it('counts the same event on one container apart from the same event on another (the exact key has the field path)', () => {
    const { recorder, tick } = recorderWithClock()
    recorder.record('Normal', 'Pulled', 'already present', { fieldPath: 'spec.containers{a}' })
    tick(1_000)
    recorder.record('Normal', 'Pulled', 'already present', { fieldPath: 'spec.containers{b}' })
    tick(1_000)
    recorder.record('Normal', 'Pulled', 'already present', { fieldPath: 'spec.containers{a}' })
    expect(recorder.list().map((e) => [e.fieldPath, e.count])).toEqual([
      ['spec.containers{b}', 1],
      ['spec.containers{a}', 2],
    ])
  })
})
