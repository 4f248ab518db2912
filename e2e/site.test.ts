/**
 * The docs site in a real browser: the built pages, served by global-setup.ts, opened in the
 * system Chromium through playwright-core.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { launchBrowser } from './browser.ts'

const baseURL = inject('baseURL')
const pods = KATAS.find((kata) => kata.slug === 'pods')!
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
})

afterAll(async () => {
  await browser?.close()
})

async function open(path: string): Promise<void> {
  const response = await page.goto(baseURL + path)
  expect(response?.status(), `status of ${path}`).toBe(200)
}

describe('the landing page', () => {
  it('lists chapter 1 and its link leads to the chapter', async () => {
    await open('/')
    const link = page.locator('.chapter-list a', { hasText: new RegExp(`^${pods.chapter.title}$`) })
    expect(await link.getAttribute('href')).toBe(pods.chapter.page)
    await link.click()
    await page.waitForURL(baseURL + pods.chapter.page)
    expect(await page.locator('.vp-doc h1').first().innerText()).toContain('Pods')
  })

  it('shows the two commands', async () => {
    await open('/')
    const text = await page.locator('.VPHomeContent').innerText()
    expect(text).toContain('npm install && npm start')
    expect(text).toContain('npm run kata')
  })
})

describe('chapter 1', () => {
  it('shows the starter code pulled from starters/ by snippet imports', async () => {
    await open(pods.chapter.page)
    const code = await page.locator('.vp-doc div[class*="language-ts"]').allInnerTexts()
    const all = code.join('\n')
    expect(all).toContain('export function validatePod')
    expect(all).toContain("throw new Error('TODO: validatePod is not written yet')")
    expect(all).toContain('export function insufficientResources')
    expect(all).not.toContain('#region')
  })

  it('points to the reference solution on the command line instead of carrying it', async () => {
    await open(pods.chapter.page)
    expect(await page.locator('.vp-doc').innerText()).toContain('npm run kata -- solution pods')
    expect(await page.content()).not.toContain('const RESTART_POLICIES')
  })

  it('has a kata card that says what to run and which files to edit', async () => {
    await open(pods.chapter.page)
    const card = page.locator('.kata-card')
    const text = await card.innerText()
    expect(text).toContain('npm run kata -- verify pods')
    expect(text).toContain(`katas/${pods.folder}/${pods.files[0]}`)
    expect(text).toContain(`katas/${pods.folder}/${pods.spec}`)
  })

  it('includes the example manifests from examples/pods/', async () => {
    await open(pods.chapter.page)
    const yaml = (await page.locator('.vp-doc div[class*="language-yaml"]').allInnerTexts()).join('\n')
    expect(yaml).toContain('image: fluent/fluent-bit:3.1')
    expect(yaml).toContain('name: log-shipper')
  })

  it('has a live Pod diagram: shareProcessNamespace moves PID into the shared namespaces', async () => {
    await open(pods.chapter.page)
    const diagram = page.locator('.pod-diagram')
    await expect.poll(() => diagram.locator('text', { hasText: 'own PID namespace' }).count()).toBe(2)
    await diagram.locator('input[type="checkbox"]').check()
    await expect.poll(() => diagram.locator('text', { hasText: 'own PID namespace' }).count()).toBe(0)
  })

  it('leads back to the guide to katas and on to chapter 2, never to the workshop guide', async () => {
    await open(pods.chapter.page)
    expect(await page.locator('.VPDocFooter .pager-link.prev').getAttribute('href')).toBe('/guide/working-a-kata')
    expect(await page.locator('.VPDocFooter .pager-link.next').getAttribute('href')).toBe('/chapters/02-composite-containers')
    await open('/guide/facilitating')
    expect(await page.locator('.VPDocFooter .pager-link').count()).toBe(0)
  })

  it('is listed in the sidebar, generated from katas/katas.ts', async () => {
    await open(pods.chapter.page)
    const link = page.locator('.VPSidebar a', { hasText: new RegExp(`\\b${pods.chapter.title}$`) })
    expect(await link.getAttribute('href')).toBe(pods.chapter.page)
    expect(await page.locator('.VPSidebar').innerText()).toContain('How to work a kata')
  })
})

describe('the guide', () => {
  it('explains how to work a kata', async () => {
    await open('/guide/working-a-kata')
    expect(await page.locator('.vp-doc h1').innerText()).toContain('How to work a kata')
    expect(await page.locator('.vp-doc').innerText()).toContain('verify --mine')
  })
})

describe('local search', () => {
  it('finds the PodSandbox chapter when searching for "sandbox"', async () => {
    await open('/')
    await page.locator('.VPNavBarSearchButton').click()
    await page.locator('#localsearch-input').fill('sandbox')
    const results = page.locator('.VPLocalSearchBox .result')
    await results.first().waitFor()
    await expect.poll(async () => (await results.allInnerTexts()).join('\n')).toContain('The PodSandbox')
  })
})
