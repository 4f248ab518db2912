/**
 * The proof, a second time, in the page: for each kata, the browser runner (browser/) must
 * give vitest's verdicts — the starter fails every spec, the reference passes every spec, and
 * each known-wrong variant fails exactly the specs it fails under vitest.
 *
 * vitest's verdicts are the proof project's own (proof/verdicts-setup.ts computes them once per
 * test run): asked for at the start, and awaited only to compare, so the page's runs go on
 * while the proof may still be computing them.
 *
 * Two test files share the katas (proofHalf): one file held the whole in-page proof, the
 * longest of the browser tests, and decided when the run ended; two halves can run side by side.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { KATAS, type Kata } from '../katas/katas.ts'
import type { Verdict } from '../proof/collect-verdicts.ts'
import { knownWrongFor } from '../proof/known-wrong.ts'
import { proofVerdicts } from '../proof/verdicts.ts'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'
import { openWorkbench, runInPage, setCode, type PageSpec } from './in-page.ts'

/**
 * Half of the katas, by how many runs their proof takes (a known-wrong variant is one run):
 * the biggest first, each to the lighter half, so a new kata or variant keeps them even.
 */
export function proofHalf(which: 0 | 1): Kata[] {
  const halves: { katas: Kata[]; runs: number }[] = [{ katas: [], runs: 0 }, { katas: [], runs: 0 }]
  const runs = (kata: Kata) => 2 + knownWrongFor(kata).length
  for (const kata of [...KATAS].sort((a, b) => runs(b) - runs(a) || a.number - b.number)) {
    const lighter = halves[0]!.runs <= halves[1]!.runs ? halves[0]! : halves[1]!
    lighter.katas.push(kata)
    lighter.runs += runs(kata)
  }
  return halves[which]!.katas.sort((a, b) => a.number - b.number)
}

/** The in-page proof of these katas, in one test file, with a page per kata. */
export function proveInPage(katas: Kata[]): void {
  let browser: Browser
  let verdicts: Promise<Verdict[]>

  beforeAll(async () => {
    verdicts = proofVerdicts()
    // Awaited in the tests; a failure is reported there, not as an unhandled rejection here.
    verdicts.catch(() => {})
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  /** Spec names with their state, sorted, so that two runs compare as wholes. */
  const shape = (specs: { name: string; state: string }[]) => specs.map((s) => `${s.state === 'passed' ? 'pass' : 'FAIL'} ${s.name}`).sort()
  const underVitest = async (project: string) => shape((await verdicts).filter((v) => v.project === project).map((v) => ({ name: v.spec, state: v.state })))

  describe.each(katas.map((kata) => [kata.folder, kata] as const))('kata %s in the page', (_folder, kata) => {
    let page: Page
    const file = kata.files[0]!
    const run = async (text: string): Promise<PageSpec[]> => {
      await setCode(page, text)
      const { specs } = await runInPage(page)
      return specs
    }

    beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      await openWorkbench(page, inject('baseURL'), kata)
    })

    // The timeouts leave room for the proof, which the first kata may still be waiting for.
    it('fails every spec on the starter and passes every spec on the reference, as vitest does', async () => {
      const starter = await run(readFileSync(join(ROOT, 'starters', kata.folder, file), 'utf8'))
      expect(starter.length).toBeGreaterThan(0)
      expect(starter.filter((s) => s.state === 'passed')).toEqual([])
      const reference = await run(readFileSync(join(ROOT, 'solutions', kata.folder, file), 'utf8'))
      expect(reference.filter((s) => s.state !== 'passed')).toEqual([])
      expect(shape(starter)).toEqual(await underVitest(`starter:${kata.folder}`))
      expect(shape(reference)).toEqual(await underVitest(`reference:${kata.folder}`))
    }, 180_000)

    it('fails exactly the specs vitest fails for each known-wrong variant', async () => {
      const variants = knownWrongFor(kata)
      expect(variants.length).toBeGreaterThan(0)
      const inPage: { variant: string; specs: string[] }[] = []
      for (const wrong of variants) {
        const specs = await run(readFileSync(join(ROOT, 'proof', 'known-wrong', kata.folder, wrong.variant, file), 'utf8'))
        inPage.push({ variant: wrong.variant, specs: shape(specs) })
      }
      for (const { variant, specs } of inPage) {
        expect({ variant, specs }).toEqual({ variant, specs: await underVitest(`known-wrong:${kata.folder}:${variant}`) })
      }
    }, 180_000)
  })
}
