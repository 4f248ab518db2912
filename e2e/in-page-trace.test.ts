/**
 * The learner's trace beside the reference's, in a real browser: after a run in the page, the
 * place where the two nodes part (sim/trace-difference.ts, as `npm run sim -- --compare` finds
 * it) is marked on both lane diagrams — the row that draws that call on each side — in a colour
 * that stands out in the light and the dark theme, with a tag that a 390 px screen shows, a text
 * form, and a link that brings it into view. The playground does the same for a scenario file
 * played on the learner's code. Screenshots go to .vitepress/cache/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'
import { openWorkbench, runInPage, setCode } from './in-page.ts'

const syncpod = KATAS.find((k) => k.slug === 'syncpod')!
const wrong = (name: string) => readFileSync(join(ROOT, 'proof', 'known-wrong', syncpod.folder, name, 'sync-pod.ts'), 'utf8')
const SHOTS = join(ROOT, '.vitepress', 'cache', 'screenshots')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
  mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

const hideNavigation = (page: Page) => page.addStyleTag({ content: '.VPNav, .VPLocalNav { visibility: hidden !important; }' })

async function freshPage(width: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme })
  return context.newPage()
}

/** Counts the Web Workers the page starts (window.workersStarted), from its first script on. */
async function countWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Original = window.Worker
    const counted = window as unknown as { workersStarted: number }
    counted.workersStarted = 0
    window.Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args)
        counted.workersStarted += 1
      }
    }
  })
}
const workersStarted = (page: Page) => page.evaluate(() => (window as unknown as { workersStarted: number }).workersStarted)

/** Whether the text drawn as `label` on that diagram lies inside its marked band. */
async function insideBand(diagram: Locator, label: string): Promise<boolean> {
  return diagram.evaluate((figure, text) => {
    const band = figure.querySelector('.mark-band')!.getBoundingClientRect()
    const drawn = Array.from(figure.querySelectorAll('svg text')).find((t) => t.textContent?.trim() === text)
    if (!drawn) return false
    const box = drawn.getBoundingClientRect()
    return box.top >= band.top && box.bottom <= band.bottom
  }, label)
}

/** WCAG contrast of two computed CSS colours (rgb(…)). */
async function contrast(page: Page, a: string, b: string): Promise<number> {
  return page.evaluate(
    ([x, y]) => {
      const luminance = (css: string) => {
        const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255)
        const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!)
      }
      const [l1, l2] = [luminance(x!), luminance(y!)].sort((p, q) => q - p)
      return (l1! + 0.05) / (l2! + 0.05)
    },
    [a, b],
  )
}

// Both themes and both widths (a theme's colours do not depend on the width; e2e/korean-in-page.test.ts adds 390 px dark).
describe.each([
  [390, 'light'],
  [1280, 'dark'],
] as const)('a kata run beside the reference, at %i px, %s', (width, scheme) => {
  it('marks the row where the runs part on both diagrams, visibly, with a text form, and points to it', async () => {
    const page = await freshPage(width, scheme)
    await countWorkers(page)
    await openWorkbench(page, inject('baseURL'), syncpod)
    await setCode(page, wrong('pull-without-image-status'))
    const before = await workersStarted(page)
    await runInPage(page)
    await page.waitForSelector('.kw-trace [data-difference]', { timeout: 20_000 })
    // The verdict and the lanes came from one worker: the only one started meanwhile is the next Run's, started ahead.
    expect((await workersStarted(page)) - before).toBe(1)
    const difference = page.locator('.kw-trace .tc-difference')
    expect(await difference.getAttribute('data-marked')).toBe('call 3')
    // The CLI's own lines (tests/sim-mine.test.ts checks `sim --compare` prints the same).
    expect(await difference.locator('.tc-line').first().textContent()).toBe(
      'First difference in the CRI calls: call 3: yours is PullImage nginx:1.27; the reference makes ImageStatus nginx:1.27',
    )
    const mine = page.locator('.kw-trace .tc-mine figure')
    const reference = page.locator('.kw-trace .tc-reference figure')
    expect(await mine.locator('[data-marked="yes"]').count()).toBe(1)
    expect(await reference.locator('[data-marked="yes"]').count()).toBe(1)
    // The band is on the row that draws call 3 on each side, and on no other call.
    expect(await insideBand(mine, 'PullImage nginx:1.27')).toBe(true)
    expect(await insideBand(reference, 'ImageStatus nginx:1.27')).toBe(true)
    expect(await insideBand(mine, 'RunPodSandbox web (attempt 0)')).toBe(false)
    expect(await insideBand(reference, 'RunPodSandbox web (attempt 0)')).toBe(false)

    // Visible in this theme: the outline stands out from the page, the tag's words from the tag.
    const colours = await mine.evaluate((figure) => {
      const style = (selector: string) => getComputedStyle(figure.querySelector(selector)!)
      return { stroke: style('.mark-band').stroke, tag: style('.mark-tag').fill, text: style('.mark-text').fill, page: getComputedStyle(document.body).backgroundColor }
    })
    expect(await contrast(page, colours.stroke, colours.page)).toBeGreaterThan(3)
    expect(await contrast(page, colours.text, colours.tag)).toBeGreaterThan(4.5)

    // The text form says which row it is, and so does the drawing's label.
    expect(await mine.locator('.as-text li.marked').first().textContent()).toBe('≠ first difference: kuberuntime → containerd 1.7: PullImage nginx:1.27')
    expect(await mine.locator('svg[role="img"]').getAttribute('aria-label')).toMatch(/; first difference: kuberuntime → containerd 1\.7: PullImage nginx:1\.27$/)

    // "Show it" brings the mark into view, its tag inside the drawing's visible part on a phone too.
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.click('.kw-trace .tc-show')
    await page.waitForFunction(() => {
      const tag = document.querySelector('.kw-trace .tc-mine .mark-tag')!.getBoundingClientRect()
      return tag.top >= 0 && tag.bottom <= window.innerHeight
    })
    const seen = await mine.evaluate((figure) => {
      const tag = figure.querySelector('.mark-tag')!.getBoundingClientRect()
      const pan = figure.querySelector('.pan')!.getBoundingClientRect()
      return tag.left >= pan.left && tag.right <= pan.right
    })
    expect(seen).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await hideNavigation(page)
    // What the reader sees once pointed at the mark, and the whole comparison.
    await page.screenshot({ path: join(SHOTS, `trace-mark-${width}-${scheme}.png`) })
    await page.locator('.kw-trace').screenshot({ path: join(SHOTS, `trace-compare-${width}-${scheme}.png`) })
    await page.context().close()
    // A kata run, then the node twice, then scrolling: beside the other page suites on 2 cores this can pass 30 s.
  }, 90_000)
})

it("plays a scenario file on the learner's code in the playground, beside the reference's, with the parting marked", async () => {
  const page = await freshPage(1280, 'light')
  await page.goto(`${inject('baseURL')}/reference/playground`)
  await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
  // What the workbench keeps for kata 4 in this browser (browser/learner-storage.ts).
  await page.evaluate((text) => localStorage.setItem('podkata:04-syncpod:file:sync-pod.ts', text), wrong('continues-after-sandbox-failure'))
  await page.selectOption('.sp-preset', 'scenario:airgap-import')
  await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
  expect(await page.locator('.sp-output .trace-compare').count()).toBe(0)
  await page.check('.sp-mine input')
  expect(await page.textContent('.sp-command')).toBe('npm run sim -- examples/scenarios/airgap-import.yaml --compare')
  await page.click('.sp-run')
  await page.waitForSelector('.sim-playground[data-runs="3"]', { timeout: 20_000 })
  const difference = page.locator('.sp-output .tc-difference')
  expect(await difference.getAttribute('data-marked')).toBe('call 2')
  expect(await difference.locator('.tc-line').first().textContent()).toBe(
    'First difference in the CRI calls: call 2: yours is ImageStatus nginx:1.27; the reference makes RunPodSandbox web (attempt 0)',
  )
  expect(await page.locator('.sp-output [data-marked="yes"]').count()).toBe(2)
  expect(await insideBand(page.locator('.sp-output .tc-mine figure'), 'ImageStatus nginx:1.27')).toBe(true)
  // The learner's transcript as `sim --mine` prints it, and the reference's behind a summary.
  expect(await page.textContent('.sp-output .sp-transcript')).toContain('$ sudo ctr -n k8s.io images import')
  expect(await page.locator('.sp-reference-transcript').count()).toBe(1)
  await hideNavigation(page)
  await page.locator('.sim-playground').screenshot({ path: join(SHOTS, 'sim-scenario-mine-1280-light.png') })
  await page.context().close()
})

it("names the learner's side for what kata 1 wrote (Pod validation), not a kubelet", async () => {
  const pods = KATAS.find((k) => k.slug === 'pods')!
  const page = await freshPage(1280, 'light')
  await openWorkbench(page, inject('baseURL'), pods)
  // The starter throws: the node with it stops before its first CRI call.
  await setCode(page, readFileSync(join(ROOT, 'starters', pods.folder, 'pods.ts'), 'utf8'))
  await runInPage(page)
  await page.waitForSelector('.kw-trace [data-difference]', { timeout: 20_000 })
  const lines = await page.locator('.kw-trace .tc-line').allTextContents()
  expect(lines.join('\n')).toContain('the node with your Pod validation')
  expect(lines.join('\n')).not.toContain('your kubelet')
  await page.context().close()
})

it('says in one line why kata 2 draws no lanes of the node', async () => {
  const composite = KATAS.find((k) => k.slug === 'composite')!
  const page = await freshPage(1280, 'light')
  await openWorkbench(page, inject('baseURL'), composite)
  await runInPage(page)
  expect(await page.textContent('.kw-no-lanes')).toMatch(/^Kata 2's code is not a part of the simulated node/)
  expect(await page.locator('.kw-trace').count()).toBe(0)
  await page.context().close()
})
