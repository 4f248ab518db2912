/**
 * Every page at 390 px, light and dark: see page-checks.ts for what is checked. The screenshots
 * land in e2e/screenshots/ (not kept in git) for a person to look at.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { openPage, PAGES } from './page-checks.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

it.each(PAGES)('%s at 390 px reads cleanly in light and dark', async (path) => {
  const { page, check } = await openPage(browser, inject('baseURL'), path, 390)
  for (const theme of ['light', 'dark'] as const) {
    const report = await check(theme)
    expect.soft(report.problems, `${theme}: console and network`).toEqual([])
    expect.soft(report.overflow, `${theme}: sideways scroll`).toEqual({ by: 0, culprits: [] })
    expect.soft(report.axe, `${theme}: axe-core, serious and critical`).toEqual([])
  }
  await page.close()
  // Two axe runs and two full-page screenshots of a long chapter: seconds, more on a busy machine.
}, 120_000)
