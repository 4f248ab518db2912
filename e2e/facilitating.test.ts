/** The facilitator guide in a real browser: every kata, its parts, and the mistakes the proof runs. */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { knownWrongFor } from '../proof/known-wrong.ts'
import { launchBrowser } from './browser.ts'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const response = await page.goto(inject('baseURL') + '/guide/facilitating')
  expect(response?.status()).toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

it('has a section for every kata, linked to its chapter', async () => {
  const sections = page.locator('.facilitator-kata')
  expect(await sections.count()).toBe(KATAS.length)
  for (const [i, kata] of KATAS.entries()) {
    const section = sections.nth(i)
    expect(await section.locator('h3').innerText()).toContain(`Kata ${kata.number} · ${kata.slug}`)
    expect(await section.locator(`a[href="${kata.chapter.page}"]`).count()).toBe(1)
  }
})

it('lists each known-wrong mistake with the spec that catches it', async () => {
  for (const [i, kata] of KATAS.entries()) {
    const items = await page.locator('.facilitator-kata').nth(i).locator('ul.mistakes > li').allInnerTexts()
    const expected = knownWrongFor(kata)
    expect(items).toHaveLength(expected.length)
    for (const wrong of expected) expect(items.some((item) => item.includes(`Caught by: ${wrong.caughtBy}`))).toBe(true)
  }
})
