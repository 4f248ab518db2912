/**
 * The simulator in the page, in a real browser: the air-gapped story and an invalid Pod on the
 * simulator, scenario files played and a bad step named at its line, and screenshots of the
 * kata editor and its results and of the simulator at 390 and 1280 px (written to
 * .vitepress/cache/screenshots/). The katas in the page are in in-page.test.ts.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'
import { openWorkbench, runInPage } from './in-page.ts'

const pods = KATAS.find((k) => k.slug === 'pods')!
const SHOTS = join(ROOT, '.vitepress', 'cache', 'screenshots')

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
  mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

async function freshPage(width = 1280, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme })
  return context.newPage()
}

/** The fixed navigation bars would cover part of an element's screenshot. */
const hideNavigation = (page: Page) => page.addStyleTag({ content: '.VPNav, .VPLocalNav { visibility: hidden !important; }' })

describe('the simulator in the page', () => {
  it('runs the air-gapped story: FailedCreatePodSandBox, and the pod stays ContainerCreating', async () => {
    const page = await freshPage()
    await page.goto(`${inject('baseURL')}/reference/playground`)
    await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
    await page.selectOption('.sp-preset', 'airgap')
    await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-status-value')).toBe('ContainerCreating')
    const kubectl = await page.textContent('.sp-output .terminal-output')
    expect(kubectl).toContain('FailedCreatePodSandBox')
    expect(kubectl).toContain('failed to pull and unpack image "registry.k8s.io/pause:3.8"')
    expect(await page.locator('.sp-output svg[role="img"]').getAttribute('aria-label')).toMatch(/CRI calls to containerd 1.7 \(3 failed\)/)
    expect(await page.locator('.sp-output svg[role="img"]').textContent()).toContain('RunPodSandbox web (attempt 0)')
    await page.context().close()
  })

  it('shows the CLI\'s one-line message for an invalid Pod, next to the line it is about', async () => {
    const page = await freshPage()
    await page.goto(`${inject('baseURL')}/reference/playground`)
    await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
    const manifest = await page.inputValue('.sp-manifest')
    await page.fill('.sp-manifest', manifest.replace('image: nginx:1.27', 'image: ""'))
    await page.click('.sp-run')
    await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-error')).toBe('line 13: The Pod "web" is invalid: spec.containers[0].image: Required value')
    expect(await page.textContent('.sp-error-line')).toBe('13 |       image: ""')
    expect(await page.textContent('.sp-gutter .sp-bad')).toBe('13')
    await page.context().close()
  })
})

describe('a scenario file in the page', () => {
  it('plays the image-GC trap: the sandbox image is deleted, and the next pod fails to get its sandbox again', async () => {
    const page = await freshPage()
    await page.goto(`${inject('baseURL')}/reference/playground`)
    await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
    await page.selectOption('.sp-preset', 'scenario:airgap-gc-trap')
    await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-command')).toBe('npm run sim -- examples/scenarios/airgap-gc-trap.yaml')
    expect(await page.inputValue('.sp-manifest')).toContain('- gc: images')
    const transcript = (await page.textContent('.sp-transcript')) ?? ''
    expect(transcript).toContain('# node-1: containerd 1.6.20')
    expect(transcript).toMatch(/image_gc_manager\.go:…\] "Removing image to free bytes" imageID="sha256:[0-9a-f]{64}"/)
    const hello = transcript.split('$ kubectl describe pod hello')[1] ?? ''
    expect(hello).toContain('FailedCreatePodSandBox')
    expect(hello).toContain('failed to pull and unpack image "registry.k8s.io/pause:3.6"')
    await page.context().close()
  })

  it("answers an edited scenario with a bad step with the CLI's one line, at that step's line", async () => {
    const page = await freshPage()
    await page.goto(`${inject('baseURL')}/reference/playground`)
    await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
    await page.selectOption('.sp-preset', 'scenario:airgap-gc-trap')
    await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
    const text = await page.inputValue('.sp-manifest')
    await page.fill('.sp-manifest', text.replace('  - wait: 1m', '  - wait: forever'))
    await page.click('.sp-run')
    await page.waitForSelector('.sim-playground[data-runs="3"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-error')).toBe('line 21: examples/scenarios/airgap-gc-trap.yaml: steps[8]: wait: "forever" is not a duration like 30s, 2m or 1h30m (at most 24h)')
    expect(await page.textContent('.sp-error-line')).toBe('21 |   - wait: forever')
    await page.context().close()
  })
})

describe.each([
  [390, 'light'],
  [1280, 'dark'],
] as const)('at %i px, %s', (width, scheme) => {
  it('shows the editor and its results without sideways scrolling (screenshots)', async () => {
    const page = await freshPage(width, scheme)
    await openWorkbench(page, inject('baseURL'), pods)
    await runInPage(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await hideNavigation(page)
    await page.locator('.kata-workbench').screenshot({ path: join(SHOTS, `kata-workbench-${width}-${scheme}.png`) })
    await page.goto(`${inject('baseURL')}/reference/playground`)
    await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await hideNavigation(page)
    await page.locator('.sim-playground').screenshot({ path: join(SHOTS, `sim-playground-${width}-${scheme}.png`) })
    await page.selectOption('.sp-preset', 'scenario:airgap-gc-trap')
    await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await page.locator('.sim-playground').screenshot({ path: join(SHOTS, `sim-scenario-${width}-${scheme}.png`) })
    await page.context().close()
  })
})
