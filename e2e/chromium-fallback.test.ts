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

it('uses the Chromium from @sparticuz/chromium when the system has none, and it renders the site', async () => {
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
  } finally {
    await browser.close()
  }
}, 120_000)
