/** Chapter 5 in a real browser: a container crash and a pause death, from real sim runs. */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { launchBrowser } from './browser.ts'

const pause = KATAS.find((kata) => kata.slug === 'pause')!
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const response = await page.goto(inject('baseURL') + pause.chapter.page)
  expect(response?.status()).toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

it('draws what the kubelet does after each crash, starting at the crash', async () => {
  const diagrams = page.locator('figure.lane-diagram svg[role="img"][aria-label^="Lane diagram"]')
  expect(await diagrams.count()).toBe(3)
  const texts = await Promise.all([0, 1].map((i) => diagrams.nth(i).evaluate((svg) => svg.textContent ?? '')))
  const [container, sandbox] = [texts[0]!, texts[1]!]
  expect(container).toContain('container nginx dies')
  expect(container).toContain('CreateContainer nginx (attempt 1)')
  expect(container).not.toContain('RunPodSandbox')
  expect(sandbox).toContain('the pause process dies')
  expect(sandbox).toContain('RunPodSandbox web (attempt 1)')
  expect(sandbox.indexOf('StopPodSandbox')).toBeLessThan(sandbox.indexOf('RunPodSandbox'))
})

it('shows kubectl: the same IP after a container crash, SandboxChanged and a new IP after pause dies', async () => {
  const terminals = await page.locator('.terminal-output').allInnerTexts()
  const [container, sandbox] = [terminals[0]!, terminals[1]!]
  expect(container).toMatch(/web\s+2\/2\s+Running\s+1 \(\d+s ago\)\s+\S+\s+10\.244\.1\.2/)
  expect(container).not.toContain('SandboxChanged')
  expect(sandbox).toMatch(/Normal\s+SandboxChanged\s+\S+\s+kubelet\s+Pod sandbox changed, it will be killed and re-created\./)
  expect(sandbox).toMatch(/web\s+2\/2\s+Running\s+2 \(\d+s ago\)\s+\S+\s+10\.244\.1\.3/)
})

it('pulls the starter of kata 5 into the page and points to the reference instead of showing it', async () => {
  const visible = (await page.locator('.vp-doc div[class*="language-ts"]').allInnerTexts()).join('\n')
  expect(visible).toContain("throw new Error('TODO: podSandboxChanged is not written yet')")
  expect(await page.locator('.vp-doc').innerText()).toContain('npm run kata -- solution pause')
  expect(await page.locator('.vp-doc details', { hasText: 'Reference solution' }).count()).toBe(0)
  expect(await page.locator('.kata-card').innerText()).toContain('npm run kata -- verify pause')
})
