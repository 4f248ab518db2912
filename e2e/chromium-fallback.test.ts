/**
 * Without Debian's Chromium, the browser tests take the one @sparticuz/chromium ships, so
 * `npm install && npm test` needs nothing else. Checked by pointing the code at a path where
 * no browser is (Chromium stays installed for everyone else on the machine).
 */
import { chromium } from 'playwright-core'
import { afterEach, expect, inject, it } from 'vitest'
import { findChromium } from './browser.ts'

const saved = process.env.PODKATA_CHROMIUM
afterEach(() => {
  if (saved === undefined) delete process.env.PODKATA_CHROMIUM
  else process.env.PODKATA_CHROMIUM = saved
})

it('uses the Chromium from @sparticuz/chromium when the system has none, and it renders the site, several pages side by side', async () => {
  process.env.PODKATA_CHROMIUM = '/nonexistent/chromium'
  const found = await findChromium()
  expect(found.description).toBe('the Chromium from @sparticuz/chromium (/nonexistent/chromium is absent)')
  expect(found.executablePath).not.toBe('/nonexistent/chromium')
  const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args })
  try {
    const page = await browser.newPage()
    const response = await page.goto(inject('baseURL') + '/')
    expect(response?.status()).toBe(200)
    expect(await page.locator('.chapter-list a').count()).toBeGreaterThan(0)
    // As the browser tests use it: pages opened and closed side by side, one after another
    // (its --single-process build lost the whole browser here).
    const links = await page.locator('.chapter-list a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
    for (let round = 0; round < 2; round++) {
      const titles = await Promise.all(
        links.map(async (link) => {
          const tab = await browser.newPage({ viewport: { width: 390, height: 800 } })
          await tab.goto(inject('baseURL') + link)
          const title = await tab.locator('h1').first().innerText()
          await tab.close()
          return title
        }),
      )
      expect(titles.every((title) => title.length > 0)).toBe(true)
    }
  } finally {
    await browser.close()
  }
}, 120_000)
