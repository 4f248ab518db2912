/**
 * Every page at 390 and 1280 px, light and dark: see page-checks.ts for what is checked
 * (`npm run screenshots` runs this file with whole-page pictures). At 1280 px also: no
 * broken snippet import, and each chapter has its kata card.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, inject, it, type ExpectStatic } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { launchBrowser } from './browser.ts'
import { openPage, PAGES, type PageReport, type Theme } from './page-checks.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

function expectClean(expect: ExpectStatic, report: PageReport, where: string) {
  expect.soft(report.problems, `${where}: console and network`).toEqual([])
  expect.soft(report.overflow, `${where}: sideways scroll`).toEqual({ by: 0, culprits: [] })
  expect.soft(report.axe, `${where}: axe-core, serious and critical`).toEqual([])
}

const THEMES: Theme[] = ['light', 'dark']

// Concurrent: while one page loads and hydrates, another runs axe. Concurrent tests must use
// their own expect (the test context's), or soft failures land on the wrong test. The page is
// loaded at 390 px, as a phone opens it, then widened.
it.concurrent.for(PAGES)('%s reads cleanly at 390 and 1280 px, in light and dark, with its snippets and kata card', { timeout: 120_000 }, async (path, { expect }) => {
  const { page, check, resize } = await openPage(browser, inject('baseURL'), path, 390)
  for (const theme of THEMES) expectClean(expect, await check(theme), `390 px, ${theme}`)
  await resize(1280)
  // VitePress leaves a visible marker when a `<<<` import points at a missing file or region.
  expect(await page.locator('.vp-doc').innerText()).not.toMatch(/Code snippet path not found|<<< @|@include:/)
  const kata = KATAS.find((k) => k.chapter.page === path)
  if (kata) expect(await page.locator(`.kata-card[data-kata="${kata.slug}"]`).count()).toBe(1)
  for (const theme of THEMES) expectClean(expect, await check(theme), `1280 px, ${theme}`)
  await page.close()
  // Four axe runs on a long chapter, beside other pages doing the same: seconds, more on a busy
  // machine (hence the timeout).
})
