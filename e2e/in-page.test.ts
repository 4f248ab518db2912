/**
 * The katas and the simulator in the page, in a real browser: the air-gapped story and an
 * invalid Pod on the simulator, a kata solved in the page that stays solved across a reload,
 * an endless loop stopped and named while the page stays responsive, the reference only after
 * a pass, chapter pages that load no editor code until it is opened, and screenshots of the
 * editor and its results at 390 and 1280 px (written to .vitepress/cache/screenshots/).
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'
import { editorText, openWorkbench, runInPage, setCode } from './in-page.ts'

const pods = KATAS.find((k) => k.slug === 'pods')!
const solution = readFileSync(join(ROOT, 'solutions', pods.folder, 'pods.ts'), 'utf8')
const SHOTS = join(ROOT, '.vitepress', 'cache', 'screenshots')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
  mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

/** The fixed navigation bars would cover part of an element's screenshot. */
const hideNavigation = (page: Page) => page.addStyleTag({ content: '.VPNav, .VPLocalNav { visibility: hidden !important; }' })

async function freshPage(width = 1280, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme })
  return context.newPage()
}

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

describe('a kata in the page', () => {
  it('turns green when solved, and stays solved across a reload', async () => {
    const page = await freshPage()
    await openWorkbench(page, inject('baseURL'), pods)
    expect(await page.locator('.kw-reference').count()).toBe(0)
    await setCode(page, solution)
    const { verdict, specs } = await runInPage(page)
    expect(verdict).toBe('passed')
    expect(specs.every((s) => s.state === 'passed')).toBe(true)
    await page.reload()
    await page.waitForSelector('.kata-in-page[data-kata="pods"] [data-progress-source="browser"][data-progress="solved"]')
    await openWorkbench(page, inject('baseURL'), pods)
    expect(await editorText(page)).toBe(solution)
    expect((await runInPage(page)).verdict).toBe('passed')
    await page.context().close()
  })

  it('stops an endless loop within 3 s, names the spec, and the page stays responsive', async () => {
    const page = await freshPage()
    await openWorkbench(page, inject('baseURL'), pods)
    await setCode(page, solution.replace(/export function validatePod\(([^)]*)\)([^{]*)\{/, 'export function validatePod($1)$2{\n  for (;;) {}'))
    // A heartbeat on the page's own thread counts how often it got to run during the loop.
    await page.evaluate(() => {
      const w = window as unknown as { beats: number }
      w.beats = 0
      setInterval(() => (w.beats += 1), 50)
    })
    const started = Date.now()
    const { verdict } = await runInPage(page)
    const seconds = (Date.now() - started) / 1000
    expect(verdict).toBe('stuck')
    // The watchdog's own limit is 3 s (the message below says so); the wall time seen from here
    // adds Playwright's round trips and whatever else the machine runs, so this bound only
    // catches a watchdog that never fires or fires far too late.
    expect(seconds).toBeGreaterThan(2.9)
    expect(seconds).toBeLessThan(8)
    expect(await page.textContent('[data-verdict="stuck"]')).toMatch(/The spec "accepts a valid Pod with two containers" did not finish within 3 s, so it was stopped/)
    // About 60 beats in 3 s if the page never froze; a blocked main thread would give a handful.
    expect(await page.evaluate(() => (window as unknown as { beats: number }).beats)).toBeGreaterThan(40)
    // The next run works at once.
    await setCode(page, solution)
    expect((await runInPage(page)).verdict).toBe('passed')
    await page.context().close()
  })

  it('shows the reference only after a pass, and keeps the learner\'s text on reset', async () => {
    const page = await freshPage()
    await openWorkbench(page, inject('baseURL'), pods)
    const marker = solution.split('\n').find((line) => line.includes('maxResources('))!.trim()
    expect(await page.content()).not.toContain(marker)
    expect(await page.locator('.kw-reference').count()).toBe(0)
    await setCode(page, solution)
    await runInPage(page)
    await page.click('.kw-reference button')
    await page.waitForSelector('.kw-reference-text')
    expect(await page.textContent('.kw-reference-text')).toBe(solution)
    await page.click('text=Reset to the starter')
    await page.waitForFunction(() => !(document.querySelector('.kata-workbench .CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue().includes('maxResources('))
    expect(await editorText(page)).toBe(readFileSync(join(ROOT, 'starters', pods.folder, 'pods.ts'), 'utf8'))
    await page.click('text=Bring back my text')
    await page.waitForFunction(() => (document.querySelector('.kata-workbench .CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue().includes('maxResources('))
    await page.context().close()
  })
})

it("draws the learner's node beside the reference's after a run, with the first difference marked", async () => {
  const syncpod = KATAS.find((k) => k.slug === 'syncpod')!
  const page = await freshPage()
  await openWorkbench(page, inject('baseURL'), syncpod)
  await setCode(page, readFileSync(join(ROOT, 'proof', 'known-wrong', syncpod.folder, 'containers-before-sandbox', 'sync-pod.ts'), 'utf8'))
  await runInPage(page)
  await page.waitForSelector('.kw-trace [data-difference]', { timeout: 20_000 })
  expect(await page.getAttribute('.kw-trace [data-difference]', 'data-difference')).toBe('yes')
  expect(await page.textContent('.kw-trace .tc-difference')).toMatch(/First difference in the CRI calls: call 1: yours is ImageStatus nginx:1.27; the reference makes RunPodSandbox web \(attempt 0\)/)
  expect(await page.locator('.kw-trace svg[role="img"]').count()).toBe(2)
  await setCode(page, readFileSync(join(ROOT, 'solutions', syncpod.folder, 'sync-pod.ts'), 'utf8'))
  await runInPage(page)
  await page.waitForSelector('.kw-trace [data-difference="no"]', { timeout: 20_000 })
  await page.context().close()
})

it('loads no editor or runner code on a chapter page until the reader opens it', async () => {
  const page = await freshPage()
  const fetched: string[] = []
  page.on('request', (request) => fetched.push(request.url()))
  await page.goto(inject('baseURL') + pods.chapter.page)
  await page.waitForLoadState('networkidle')
  const heavy = (urls: string[]) => urls.filter((url) => /KataWorkbench|SimPlayground|codemirror|vue-repl|kata-worker/i.test(url))
  expect(heavy(fetched)).toEqual([])
  await page.locator('.kata-in-page button').first().click()
  await page.waitForSelector('.kata-workbench[data-ready="true"]', { timeout: 20_000 })
  expect(heavy(fetched).length).toBeGreaterThan(0)
  await page.context().close()
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
