/**
 * Every page of the site in a real browser: it loads, runs no script that throws, and has no
 * broken snippet import. One check over all pages, so a new chapter is covered the day it lands.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { launchBrowser } from './browser.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const pages = ['/', '/guide/working-a-kata', '/guide/facilitating', '/lab', ...new Set(KATAS.map((kata) => kata.chapter.page))]

it.each(pages)('%s loads without script errors, with its kata card and no unresolved snippet', async (path) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const response = await page.goto(inject('baseURL') + path, { waitUntil: 'networkidle' })
  expect(response?.status()).toBe(200)
  const text = await page.locator('.vp-doc').innerText()
  // VitePress leaves a visible marker when a `<<<` import points at a missing file or region.
  expect(text).not.toMatch(/Code snippet path not found|<<< @|@include:/)
  expect(errors).toEqual([])
  const kata = KATAS.find((k) => k.chapter.page === path)
  if (kata) expect(await page.locator(`.kata-card[data-kata="${kata.slug}"]`).count()).toBe(1)
  await page.close()
})
