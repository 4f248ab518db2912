/**
 * The katas in the page, in a real browser: a kata solved in the page that stays solved
 * across a reload, a door whose code arrives late still opens (the click waits for the page to
 * hydrate), an endless loop stopped and named while the page stays responsive, the reference
 * only after a pass, the learner's node beside the reference's, and chapter pages that load no
 * editor code until it is opened. The simulator in the page, and screenshots of both, are in
 * in-page-sim.test.ts (two files, so that vitest can run them side by side).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'
import { editorText, openWorkbench, runInPage, setCode } from './in-page.ts'

const pods = KATAS.find((k) => k.slug === 'pods')!
const solution = readFileSync(join(ROOT, 'solutions', pods.folder, 'pods.ts'), 'utf8')

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function freshPage(width = 1280, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme })
  return context.newPage()
}

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

  it("opens when the door's code arrives late: the click waits for the page to hydrate", async () => {
    const page = await freshPage()
    // The door's code a second and a half late, as on a machine busy with other work: CI's
    // click on the server-rendered button came before its handler, and nothing opened.
    await page.route(/\/KataInPage\.[\w-]+\.js$/, async (route) => {
      await new Promise((late) => setTimeout(late, 1500))
      expect(await page.evaluate(() => document.documentElement.hasAttribute('data-hydrated'))).toBe(false)
      await route.continue()
    })
    await openWorkbench(page, inject('baseURL'), pods)
    expect(await page.locator('.kata-workbench[data-kata="pods"][data-ready="true"]').count()).toBe(1)
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
