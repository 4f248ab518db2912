/** Chapter 2 in a real browser: the pattern diagrams, the manifests and the kata's code. */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { launchBrowser } from './browser.ts'

const composite = KATAS.find((kata) => kata.slug === 'composite')!
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const response = await page.goto(inject('baseURL') + composite.chapter.page)
  expect(response?.status()).toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

it('draws the three patterns of the 2015 post', async () => {
  const drawn = await page.locator('.pattern-diagram').evaluateAll((figures) => figures.map((f) => f.getAttribute('data-pattern')))
  expect(drawn).toEqual(['sidecar', 'ambassador', 'adapter'])
})

it('shows the real manifest of each pattern, pulled from examples/pods/', async () => {
  const yaml = (await page.locator('.vp-doc div[class*="language-yaml"]').allInnerTexts()).join('\n')
  expect(yaml).toContain('restartPolicy: Always')
  expect(yaml).toMatch(/mountPath: \/usr\/share\/nginx$/m)
  expect(yaml).toContain('image: registry.k8s.io/git-sync/git-sync')
})

it('pulls the starter of kata 2 into the page and points to the reference instead of showing it', async () => {
  const code = (await page.locator('.vp-doc div[class*="language-ts"]').allInnerTexts()).join('\n')
  expect(code).toContain('export function startPod')
  expect(code).toContain('export function stopOrder')
  expect(await page.locator('.vp-doc').innerText()).toContain('npm run kata -- solution composite')
  expect(await page.locator('.vp-doc details', { hasText: 'Reference solution' }).count()).toBe(0)
  expect(await page.locator('.kata-card').innerText()).toContain('npm run kata -- verify composite')
})
