/**
 * The first failure in the page, beside `npm run kata -- verify` on the same file: the failing
 * spec, its message, the `edit` line when the learner's file is in the stack and the `spec`
 * line, as the CLI prints them (cli/report.ts). The variants are known-wrong ones whose error
 * is thrown inside the spec, not in the learner's code (proof/known-wrong/).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { TempWorkbook } from '../tests/temp-workbook.ts'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'
import { openWorkbench, runInPage, setCode } from './in-page.ts'

let browser: Browser
let workbook: TempWorkbook

beforeAll(async () => {
  browser = await launchBrowser()
  workbook = new TempWorkbook()
})
afterAll(async () => {
  await browser?.close()
  workbook?.remove()
})

/** The CLI's first-failure block: the spec's name and its `edit` and `spec` lines. */
function cliFailure(stdout: string) {
  const block = stdout.split('Next, make this spec pass:')[1] ?? ''
  return {
    name: /✗ (.+)/.exec(block)?.[1]?.trim(),
    edit: /^\s+edit\s+(\S+)$/m.exec(block)?.[1],
    spec: /^\s+spec\s+(\S+)$/m.exec(block)?.[1],
  }
}

describe.each([
  ['sandbox', 'ip-kept-on-stop'],
  ['syncpod', 'containers-before-sandbox'],
])('kata %s, known-wrong %s', (slug, variant) => {
  it('shows the spec, the edit and the spec lines the CLI shows', async () => {
    const kata = KATAS.find((k) => k.slug === slug)!
    const file = kata.files[0]!
    // A variant imports from its own folder, two levels deeper than the learner's file: the
    // same text, with imports as from katas/<kata>/, goes to the CLI and to the page.
    const text = readFileSync(join(ROOT, 'proof', 'known-wrong', kata.folder, variant, file), 'utf8').replaceAll("'../../../../", "'../../")
    workbook.write(`katas/${kata.folder}/${file}`, text)
    const cli = workbook.kataAsync('verify', slug)

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await openWorkbench(page, inject('baseURL'), kata)
    await setCode(page, text)
    expect((await runInPage(page)).verdict).toBe('failed')
    const shown = {
      name: (await page.textContent('.kw-next .kw-fail'))?.replace(/^✗ /, '').trim(),
      edit: (await page.locator('.kw-edit-line .kw-place').count()) ? await page.textContent('.kw-edit-line .kw-place') : undefined,
      spec: (await page.locator('.kw-spec-line code').count()) ? await page.textContent('.kw-spec-line code') : undefined,
    }
    const expected = cliFailure((await cli).stdout)
    expect(expected.spec).toMatch(new RegExp(`^katas/${kata.folder}/${kata.spec.replace('.', '\\.')}:\\d+:\\d+$`))
    // The line, exactly; the column may differ where the page's type stripping shifted it.
    const lineOf = (place: string | null | undefined) => place?.split(':').slice(0, 2).join(':')
    expect({ name: shown.name, edit: lineOf(shown.edit), spec: lineOf(shown.spec) }).toEqual({ name: expected.name, edit: lineOf(expected.edit), spec: lineOf(expected.spec) })
    await page.close()
  }, 90_000)
})
