/**
 * The Korean site (docs/ko/) in a real browser: every translated page loads clean on a phone
 * and a desktop, the language switch keeps the reader on the same page, the kata cards give the
 * same commands (with --lang ko), and search finds Korean words with or without a particle.
 */
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, expect as globalExpect, inject, it, type ExpectStatic } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { koPage } from '../katas/katas.ko.ts'
import { englishPages, readStamps } from '../locale/drift.ts'
import { launchBrowser } from './browser.ts'
import { gotoSettled, resizeSettled } from './hydrated.ts'

const ROOT = join(import.meta.dirname, '..')
const baseURL = inject('baseURL')
const untranslated = new Set(readStamps(ROOT, 'ko').untranslated ?? [])
/** The site path of each translated page: index.md → /ko/, chapters/01-pods.md → /ko/chapters/01-pods. */
const pages = englishPages(join(ROOT, 'docs'))
  .filter((page) => !untranslated.has(page))
  .map((page) => koPage(page === 'index.md' ? '/' : `/${page.replace(/\.md$/, '')}`))

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function open(path: string, width: number, expect: ExpectStatic = globalExpect): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const response = await gotoSettled(page, baseURL + path)
  expect(response?.status(), `status of ${path}`).toBe(200)
  return { page, errors }
}

describe('every Korean page', () => {
  // Concurrent: while one page loads and hydrates, another is being read. They use the test
  // context's expect, so a failure is reported against its own page. One load per page, as a
  // phone opens it, then widened (hydrated.ts says why that is as good as a second load).
  it.concurrent.for(pages)('%s loads in Korean at 390 and 1280 px, without script errors or sideways scroll', async (path, { expect }) => {
    const { page, errors } = await open(path, 390, expect)
    expect(await page.getAttribute('html', 'lang')).toBe('ko')
    const main = path === '/ko/' ? '.VPHome' : '.vp-doc'
    const kata = KATAS.find((k) => koPage(k.chapter.page) === path)
    for (const width of [390, 1280]) {
      if (width !== 390) await resizeSettled(page, width)
      const text = await page.locator(main).innerText()
      expect(text, `${width} px`).toMatch(/[가-힣]{2}/)
      expect(text, `${width} px`).not.toMatch(/Code snippet path not found|<<< @|@include:/)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, `pixels of sideways scroll at ${width} px`).toBeLessThanOrEqual(0)
      if (kata) {
        const card = await page.locator(`.kata-card[data-kata="${kata.slug}"]`).innerText()
        expect(card).toContain(`npm run kata -- verify ${kata.slug} --lang ko`)
        expect(card).toContain(`npm run kata -- hint ${kata.slug} --lang ko`)
        expect(card).toContain(`katas/${kata.folder}/${kata.spec}`)
        expect(card).toContain('고칠 파일')
      }
    }
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('the language switch', () => {
  const chapter = KATAS.find((k) => k.slug === 'sandbox')!.chapter.page

  it('goes from an English chapter to its Korean twin and back, on the same page', async () => {
    const { page } = await open(chapter, 1280)
    await page.locator('.VPNavBarTranslations').hover()
    await page.locator('.VPNavBarTranslations a', { hasText: '한국어' }).click()
    await page.waitForURL(baseURL + koPage(chapter))
    expect(await page.locator('.vp-doc h1').first().innerText()).toContain('PodSandbox')
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ko')
    await page.locator('.VPNavBarTranslations').hover()
    await page.locator('.VPNavBarTranslations a', { hasText: 'English' }).click()
    await page.waitForURL(baseURL + chapter)
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.locator('.vp-doc h1').first().innerText()).toContain('The PodSandbox')
    await page.close()
  })

  it('is in the phone menu too', async () => {
    const { page } = await open(koPage('/lab'), 390)
    await page.locator('.VPNavBarHamburger').click()
    const link = page.locator('.VPNavScreenTranslations a', { hasText: 'English' })
    await page.locator('.VPNavScreenTranslations button').click()
    expect(await link.getAttribute('href')).toBe('/lab')
    await page.close()
  })
})

describe('search on the Korean site', () => {
  async function search(query: string): Promise<string[]> {
    const { page } = await open('/ko/', 1280)
    await page.locator('.VPNavBarSearch button').click()
    await page.locator('.VPLocalSearchBox input').fill(query)
    await page.locator('.VPLocalSearchBox .result').first().waitFor({ timeout: 10_000 })
    const links = await page.locator('.VPLocalSearchBox .result').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
    await page.close()
    return links
  }

  it.each(['파드', '샌드박스'])('finds %s on Korean pages only', async (query) => {
    const links = await search(query)
    expect(links.length).toBeGreaterThan(0)
    expect(links.every((href) => href.startsWith('/ko/')), links.join(' ')).toBe(true)
  })

  // 샌드박스에서는 occurs nowhere in the book; only the particle-free stem (locale/korean-terms.ts) finds it.
  it('finds a word written with a particle the pages never use (샌드박스에서는) in chapter 3', async () => {
    const links = await search('샌드박스에서는')
    expect(links.some((href) => href.startsWith('/ko/chapters/03-podsandbox'))).toBe(true)
  })
})
