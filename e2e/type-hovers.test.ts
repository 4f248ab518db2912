/**
 * Type hovers on the kata code of the chapters (.vitepress/type-hovers.ts), in a real browser,
 * in English and in Korean: a CRI message's name shows its fields when the keyboard reaches it,
 * the pointer rests on it or a finger taps it; the popup stays inside the page at 390 px, reads
 * in light and dark, is left out of the copy button's text and of the printed page.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { SCREENSHOTS } from './page-checks.ts'
import { launchBrowser } from './browser.ts'
import { gotoHydrated } from './hydrated.ts'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const baseURL = inject('baseURL')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function open(path: string, width: number, options: { hasTouch?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: 'light', ...options })
  const response = await gotoHydrated(page, baseURL + path, { fonts: true })
  expect(response?.status(), `status of ${path}`).toBe(200)
  return page
}

/**
 * The hovered name `name` (its own text, not its popup's) in the code block that shows
 * `block`, the nth such name in it. Marked with a data attribute so a locator can hold it.
 */
async function hoverToken(page: Page, block: string, name: string, nth = 0): Promise<Locator> {
  const mark = `${block}|${name}|${nth}`
  const found = await page.evaluate(
    ({ block, name, nth, mark }) => {
      const pre = Array.from(document.querySelectorAll('.vp-doc pre.twoslash')).find((pre) => (pre as HTMLElement).innerText.includes(block))
      const ownText = (token: Element) => Array.from(token.childNodes).filter((child) => !(child instanceof Element && child.matches('.twoslash-popup-container'))).map((child) => child.textContent).join('')
      const tokens = Array.from(pre?.querySelectorAll('.twoslash-hover') ?? []).filter((token) => ownText(token) === name)
      tokens[nth]?.setAttribute('data-test-hover', mark)
      return tokens.length
    },
    { block, name, nth, mark },
  )
  expect(found, `hovered "${name}" in the block showing "${block}"`).toBeGreaterThan(nth)
  return page.locator(`[data-test-hover="${mark}"]`)
}

const popupOf = (token: Locator) => token.locator(':scope > .twoslash-popup-container')

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

describe.each([
  ['English', '/chapters/03-podsandbox'],
  ['Korean', '/ko/chapters/03-podsandbox'],
])('the %s chapter 3', (_language, path) => {
  it('reaches the hovers with the keyboard: Tab from `request` to its CRI message, which shows its fields', async () => {
    const page = await open(path, 390)
    const request = await hoverToken(page, 'runPodSandbox(request', 'request')
    const message = await hoverToken(page, 'runPodSandbox(request', 'RunPodSandboxRequest')
    expect(await popupOf(message).isVisible(), 'a popup before anything asks for it').toBe(false)
    await request.focus()
    expect(await popupOf(request).innerText()).toBe('request: RunPodSandboxRequest')
    await page.keyboard.press('Tab')
    expect(await message.evaluate((token) => token === document.activeElement), 'Tab moves on to the type of `request`').toBe(true)
    const popup = popupOf(message)
    expect(await popup.isVisible()).toBe(true)
    expect(await popup.innerText()).toMatch(/^interface RunPodSandboxRequest \{\s+config: PodSandboxConfig;\s+runtimeHandler\?: string;\s+\}$/)
    expect(await popupOf(request).isVisible(), 'the popup of the name the focus left').toBe(false)
    // Described by its popup, for a screen reader.
    expect(await message.getAttribute('aria-describedby')).toBe(await popup.getAttribute('id'))
    // Inside the page on a phone, under the line it is about (not over it).
    const box = (await popup.boundingBox())!
    const line = (await message.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    expect(box.y).toBeGreaterThanOrEqual(line.y + line.height - 1)
    expect(await sideways(page), 'pixels of sideways scroll with the popup open').toBeLessThanOrEqual(0)
    await page.close()
  })

  it('shows a hover under the pointer and hides it when the pointer leaves', async () => {
    const page = await open(path, 1280)
    const request = await hoverToken(page, 'stopPodSandbox(request', 'request')
    await request.hover()
    expect(await popupOf(request).innerText()).toBe('request: StopPodSandboxRequest')
    await page.mouse.move(5, 5)
    expect(await popupOf(request).isVisible()).toBe(false)
    await page.close()
  })

  it('shows a hover where a finger taps', async () => {
    const page = await open(path, 390, { hasTouch: true })
    const message = await hoverToken(page, 'podSandboxStatus(request', 'PodSandboxStatusRequest')
    await message.tap()
    expect(await popupOf(message).innerText()).toContain('verbose?: boolean;')
    await page.close()
  })
})

it('reads in light and dark: no contrast problem with a popup open, at 390 and 1280 px (screenshots for a person)', async () => {
  for (const width of [390, 1280]) {
    const page = await open('/chapters/03-podsandbox', width)
    const message = await hoverToken(page, 'runPodSandbox(request', 'RunPodSandboxRequest')
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme })
      await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark')
      await message.focus()
      if ((await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe)) === 'undefined') await page.addScriptTag({ content: AXE })
      const violations = await popupOf(message).evaluate(async (popup) => {
        const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe
        const result = await axe.run(popup, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] })
        return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`))
      })
      expect(violations, `${theme} at ${width} px`).toEqual([])
      mkdirSync(SCREENSHOTS, { recursive: true })
      const line = (await message.boundingBox())!
      await page.screenshot({
        path: join(SCREENSHOTS, `type-hover-${width}-${theme}.png`),
        clip: { x: 0, y: Math.max(0, line.y - 150), width, height: 450 },
        animations: 'disabled',
        caret: 'hide',
      })
    }
    await page.close()
  }
})

it('shows the region the chapter imports, and copies it without any popup text', async () => {
  const page = await open('/chapters/03-podsandbox', 1280)
  const block = page.locator('.vp-doc div[class*="language-ts"]:has(pre.twoslash)').first()
  const shown = await block.locator('> pre').innerText()
  expect(shown.startsWith('export class SandboxService {')).toBe(true)
  expect(shown).not.toMatch(/---cut|@filename|#region|^import /m)
  // What VitePress's copy button copies: the code without .vp-copy-ignore.
  const copied = await block.locator('> pre').evaluate((pre) => {
    const clone = pre.cloneNode(true) as HTMLElement
    for (const ignored of Array.from(clone.querySelectorAll('.vp-copy-ignore'))) ignored.remove()
    return clone.textContent ?? ''
  })
  expect(copied).toContain('runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse {')
  expect(copied).not.toContain('interface RunPodSandboxRequest')
  await page.close()
})

it('prints no popup, even for the name that has the focus', async () => {
  const page = await open('/chapters/03-podsandbox', 1280)
  const message = await hoverToken(page, 'runPodSandbox(request', 'RunPodSandboxRequest')
  await message.focus()
  expect(await popupOf(message).isVisible()).toBe(true)
  await page.emulateMedia({ media: 'print' })
  expect(await popupOf(message).isVisible()).toBe(false)
  await page.close()
})

it('finds a type the way the file imports it: the CRI PodSandboxConfig from cri.ts, never the CRI Container for the Pod API one', async () => {
  const page = await open('/chapters/04-cri-sequence', 1280)
  const config = await hoverToken(page, 'startContainer(', 'PodSandboxConfig')
  await config.focus()
  expect(await popupOf(config).innerText()).toContain('hostname?: string;')
  // sync-pod.ts imports Container from kubernetes-types, which this lookup leaves alone: the
  // CRI's Container (with podSandboxId) would be the wrong type.
  const containerPopups = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.twoslash-hover'))
      .filter((token) => token.firstChild?.textContent === 'Container')
      .map((token) => token.querySelector('.twoslash-popup-container')?.textContent ?? ''),
  )
  for (const text of containerPopups) expect(text).not.toContain('podSandboxId')
  await page.close()
})
