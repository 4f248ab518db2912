/**
 * The longest shipped scenario, an hour of an air-gapped node's retries
 * (examples/scenarios/airgap-an-hour.yaml), played in the page: it ends with the transcript
 * `npm run sim` prints, the count grown to x258, and is not taken for an endless loop by the
 * page's 3 s watchdog. How long it takes is a figure in `npm run bench` (bench/in-page.ts),
 * never an assertion here.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { loadScenario, runScenario } from '../sim/scenario.ts'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

it('plays the hour-long air gap to its end, as npm run sim does', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await page.goto(`${inject('baseURL')}/reference/playground`)
  await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
  await page.selectOption('.sp-preset', 'scenario:airgap-an-hour')
  await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
  expect(await page.getAttribute('.sp-output [data-verdict]', 'data-verdict')).toBe('played')
  const transcript = (await page.textContent('.sp-transcript pre')) ?? ''
  expect(transcript).toContain('4m54s (x258 over 59m)')
  const cwd = process.cwd()
  process.chdir(ROOT)
  try {
    expect(transcript.replace(/\s+/g, ' ').trim()).toBe(runScenario(loadScenario('examples/scenarios/airgap-an-hour.yaml')).text.replace(/\s+/g, ' ').trim())
  } finally {
    process.chdir(cwd)
  }
  // Not a time: that the page reports one for bench/in-page.ts to read.
  expect(Number(await page.getAttribute('.sim-playground', 'data-run-ms'))).toBeGreaterThan(0)
  await page.close()
})
