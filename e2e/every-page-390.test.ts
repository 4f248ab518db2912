/**
 * Every page at 390 px, light and dark: see page-checks.ts for what is checked. The screenshots
 * land in e2e/screenshots/ (not kept in git) for a person to look at.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, inject, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { openPage, PAGES } from './page-checks.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// Concurrent: while one page loads and hydrates, another runs axe. Concurrent
// tests must use their own expect (the test context's), or soft failures land on the wrong test.
it.concurrent.for(PAGES)('%s at 390 px reads cleanly in light and dark', { timeout: 120_000 }, async (path, { expect }) => {
  const { page, check } = await openPage(browser, inject('baseURL'), path, 390)
  for (const theme of ['light', 'dark'] as const) {
    const report = await check(theme)
    expect.soft(report.problems, `${theme}: console and network`).toEqual([])
    expect.soft(report.overflow, `${theme}: sideways scroll`).toEqual({ by: 0, culprits: [] })
    expect.soft(report.axe, `${theme}: axe-core, serious and critical`).toEqual([])
  }
  await page.close()
  // Two axe runs and two full-page screenshots of a long chapter, beside other pages doing the
  // same: seconds, more on a busy machine (hence the timeout).
})
