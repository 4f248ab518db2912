/**
 * Chapter 6 in a real browser, at 1280 px: the Events table the whole book leads up to keeps its
 * columns. Its header stays on one line, the first table needs no sideways scroll, and the rows'
 * Reason and Age sit under their headings.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { TABLE_HEADER } from '../.vitepress/code-layout.ts'
import { launchBrowser } from './browser.ts'

const airgap = KATAS.find((kata) => kata.slug === 'airgap')!
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const response = await page.goto(inject('baseURL') + airgap.chapter.page)
  expect(response?.status()).toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

it('keeps the Events header "Type  Reason  Age  From  Message" on one line, its columns over the rows', async () => {
  const tables = await page.evaluate((source) => {
    const header = new RegExp(source)
    /** Left edge of the first occurrence of `word` in a line element. */
    const leftOf = (line: Element, word: string) => {
      const node = line.firstChild?.nodeType === Node.TEXT_NODE ? line.firstChild : document.createTreeWalker(line, NodeFilter.SHOW_TEXT).nextNode()
      const text = line.textContent ?? ''
      const at = text.indexOf(word)
      if (at < 0 || !node) return NaN
      // Shiki splits a line into spans; walk text nodes to the one holding the offset.
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT)
      let offset = at
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const length = n.textContent!.length
        if (offset < length) {
          const range = document.createRange()
          range.setStart(n, offset)
          range.setEnd(n, offset + 1)
          return range.getBoundingClientRect().left
        }
        offset -= length
      }
      return NaN
    }
    return Array.from(document.querySelectorAll('.vp-doc div[class*="language-"] .line'))
      .filter((line) => header.test(line.textContent ?? ''))
      .map((line) => {
        const pre = line.closest('pre')!
        const lineHeight = parseFloat(getComputedStyle(line).lineHeight)
        const rows = Array.from(line.parentElement!.children)
        const scheduled = rows.find((row) => /^\s*Normal\s+Scheduled\s/.test(row.textContent ?? ''))
        return {
          header: line.textContent!.trim().replace(/\s+/g, ' '),
          lines: Math.round(line.getBoundingClientRect().height / lineHeight),
          scrolls: pre.scrollWidth > pre.clientWidth,
          reason: [leftOf(line, 'Reason'), scheduled ? leftOf(scheduled, 'Scheduled') : NaN],
          age: [leftOf(line, 'Age'), scheduled ? leftOf(scheduled, '2m') : NaN],
        }
      })
  }, TABLE_HEADER.source)
  expect(tables.length).toBeGreaterThan(0)
  for (const table of tables) {
    expect(table.header).toBe('Type Reason Age From Message')
    expect(table.lines).toBe(1)
  }
  // The first, under "The one event that matters", fits the text column whole. (Wider ones,
  // whose Age reads "7s (x12 over 119s)", scroll inside their block instead of wrapping.)
  const first = tables[0]!
  expect(first.scrolls).toBe(false)
  expect(first.reason[1]).toBeCloseTo(first.reason[0]!, 0)
  expect(first.age[1]).toBeCloseTo(first.age[0]!, 0)
})
