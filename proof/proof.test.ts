/**
 * The triple proof, for every kata in katas/katas.ts:
 * 1. every spec fails against the starter (none passes for free),
 * 2. every spec passes against the reference solution,
 * 3. every known-wrong implementation is rejected by the spec its header names.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { SOLUTIONS_DIR, STARTERS_DIR } from '../workbook/paths.ts'
import type { Verdict } from './collect-verdicts.ts'
import { knownWrongFor } from './known-wrong.ts'
import { proofVerdicts } from './verdicts.ts'

let verdicts: Verdict[] = []

// collect-verdicts.ts, run once for this test run (verdicts-setup.ts); the in-page proof
// compares the browser's runs with the same verdicts.
beforeAll(async () => {
  verdicts = await proofVerdicts()
})

const inProject = (project: string) => verdicts.filter((v) => v.project === project)

describe.each(KATAS.map((kata) => [kata.folder, kata] as const))('kata %s', (_folder, kata) => {
  it('has a starter and a reference solution for every file the learner edits', () => {
    for (const file of kata.files) {
      expect(existsSync(join(STARTERS_DIR, kata.folder, file)), `starters/${kata.folder}/${file}`).toBe(true)
      expect(existsSync(join(SOLUTIONS_DIR, kata.folder, file)), `solutions/${kata.folder}/${file}`).toBe(true)
    }
  })

  it('passes every spec against the reference solution', () => {
    const reference = inProject(`reference:${kata.folder}`)
    expect(reference.length).toBeGreaterThan(0)
    expect(reference.filter((v) => v.state !== 'passed').map((v) => v.spec)).toEqual([])
  })

  it('fails every spec against the starter', () => {
    const starter = inProject(`starter:${kata.folder}`)
    const referenceSpecs = inProject(`reference:${kata.folder}`).map((v) => v.spec)
    // The same specs ran (a starter that fails to load would report none).
    expect(starter.map((v) => v.spec).sort()).toEqual([...referenceSpecs].sort())
    expect(starter.filter((v) => v.state !== 'failed').map((v) => v.spec)).toEqual([])
  })

  const wrongs = knownWrongFor(kata)

  it('has at least two known-wrong implementations, each naming its mistake and the spec that catches it', () => {
    expect(wrongs.length).toBeGreaterThanOrEqual(2)
    for (const wrong of wrongs) {
      expect(wrong.mistake, wrong.variant).not.toBe('')
      expect(inProject(`reference:${kata.folder}`).map((v) => v.spec), wrong.variant).toContain(wrong.caughtBy)
    }
  })

  it.each(wrongs.map((w) => [w.variant, w] as const))('rejects the known-wrong "%s"', (_variant, wrong) => {
    const run = inProject(`known-wrong:${kata.folder}:${wrong.variant}`)
    expect(run.length).toBeGreaterThan(0)
    const caught = run.find((v) => v.spec === wrong.caughtBy)
    expect(caught?.state, `"${wrong.caughtBy}" should fail for: ${wrong.mistake}`).toBe('failed')
  })
})
