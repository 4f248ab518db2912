/**
 * The tests' side of verdicts-setup.ts: the proof's verdicts for this test run, computed once
 * whichever project asks first. The first call starts the proof; it takes a while (all of it
 * under vitest), so callers that have other work start the request early and await it late.
 */
import { inject } from 'vitest'
import type { Verdict } from './collect-verdicts.ts'

export async function proofVerdicts(): Promise<Verdict[]> {
  const response = await fetch(inject('verdictsURL'))
  if (!response.ok) throw new Error(await response.text())
  return (await response.json()) as Verdict[]
}
