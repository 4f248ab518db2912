/** The pod worker's retry after a failed sync: wait.Jitter(10s, 0.5), drawn deterministically. */
import { describe, expect, it } from 'vitest'
import { RETRY_AFTER_ERROR_MS, retryAfterError } from '../machinery/kubelet/pod-worker.ts'

describe('the retry after a failed sync', () => {
  const delays = Array.from({ length: 200 }, (_, n) => retryAfterError('0b7c8f2e-uid', n + 1))

  it('waits between 10 and 15 s, never exactly 10 s every time', () => {
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(RETRY_AFTER_ERROR_MS)
    expect(Math.max(...delays)).toBeLessThan(RETRY_AFTER_ERROR_MS * 1.5)
    expect(new Set(delays).size).toBeGreaterThan(150)
    // spread over the whole range, as math/rand would be
    expect(delays.filter((d) => d < 12_500).length).toBeGreaterThan(60)
    expect(delays.filter((d) => d >= 12_500).length).toBeGreaterThan(60)
  })

  it('is the same on every run, and differs from pod to pod', () => {
    expect(retryAfterError('0b7c8f2e-uid', 3)).toBe(retryAfterError('0b7c8f2e-uid', 3))
    expect(retryAfterError('0b7c8f2e-uid', 3)).not.toBe(retryAfterError('another-uid', 3))
  })

  it('gives a pod that fails for 2 minutes 8 to 12 failures, not 12 in a row at 10 s', () => {
    let at = 0
    let failures = 0
    while (at <= 119_000) {
      failures += 1
      at += retryAfterError('0b7c8f2e-uid', failures)
    }
    expect(failures).toBeGreaterThanOrEqual(8)
    expect(failures).toBeLessThan(12)
  })
})
