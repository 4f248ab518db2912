/**
 * The katas and the simulator in the page (browser/), in Chromium against a fresh build of
 * the site: Run → verdict for kata 1 and kata 4 (the reference's text in the editor, so every
 * spec runs), and the size of what opening the editor fetches. What a chapter page costs before
 * the editor is opened, against a bare page, is bench/site.ts's (chapters 1 to 6, one bare page).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page, Request } from 'playwright-core'
import { PAGE_WATCHDOG_MS, SPEC_TIMEOUT_MS } from '../browser/messages.ts'
import { findChromium } from '../e2e/browser.ts'
import { openWorkbench, runInPage, setCode } from '../e2e/in-page.ts'
import { KATAS } from '../katas/katas.ts'
import { ROOT } from '../workbook/paths.ts'
import { median, spread, type BenchModule, type Figure } from './figure.ts'
import { serveFolder } from './static-server.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const VITEPRESS = join(ROOT, 'node_modules', '.bin', 'vitepress')
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`

/** The gzipped bytes of every script a page fetched from `dist` (a worker's own fetches are not seen; they are counted from the files). */
async function scriptBytes(page: Page, dist: string, url: string, before?: (page: Page) => Promise<void>): Promise<{ bytes: number; files: string[] }> {
  const files = new Set<string>()
  // VitePress prefetches the pages the visible links lead to; those are not this page's cost.
  const listen = (request: Request) => {
    const path = new URL(request.url()).pathname
    if (path.endsWith('.js') && !/prefetch/.test(request.headers()['sec-purpose'] ?? request.headers()['purpose'] ?? '')) files.add(path)
  }
  page.on('request', listen)
  await page.goto(url)
  await page.waitForLoadState('networkidle')
  await before?.(page)
  page.off('request', listen)
  return { bytes: [...files].reduce((sum, f) => sum + gz(join(dist, f)), 0), files: [...files] }
}

/**
 * The longest shipped scenario, an hour of an air-gapped node's retries (examples/scenarios/
 * airgap-an-hour.yaml), played in the playground: from the click to the transcript, which is
 * what the page's watchdog counts (runner-client.ts stops a run after SPEC_TIMEOUT_MS, 3 s).
 * The aim is a third of that, so a slower machine still finishes well inside it.
 */
async function anHourInThePage(browser: Browser, url: string): Promise<Figure> {
  const page = await browser.newPage()
  await page.goto(`${url}/reference/playground`)
  await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
  await page.selectOption('.sp-preset', 'scenario:airgap-an-hour')
  await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
  const first = Number(await page.getAttribute('.sim-playground', 'data-run-ms'))
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    await page.waitForTimeout(400)
    const before = Number(await page.getAttribute('.sim-playground', 'data-runs'))
    await page.click('.sp-run')
    await page.waitForSelector(`.sim-playground[data-runs="${before + 1}"]`, { timeout: 20_000 })
    // A run the watchdog stopped would show as stuck, not as a time.
    if ((await page.locator('.sp-output [data-verdict]').first().getAttribute('data-verdict')) !== 'played') throw new Error('airgap-an-hour did not play to its end in the page')
    times.push(Number(await page.getAttribute('.sim-playground', 'data-run-ms')))
  }
  await page.close()
  return {
    name: 'scenario airgap-an-hour: click Run → transcript',
    value: median(times),
    unit: 'ms',
    atMost: SPEC_TIMEOUT_MS / 3,
    detail: `${spread(times)}; first play ${first} ms; the watchdog stops a run at ${SPEC_TIMEOUT_MS / 1000} s`,
  }
}

/**
 * An endless loop in kata 1's first function: from the press of Run to the stuck spec named on
 * the screen. The page promises "stopped within 3 s" (its watchdog, PAGE_WATCHDOG_MS, counts
 * from the click); e2e/in-page.test.ts checks it is stopped and named, this measures how soon.
 */
async function loopStopped(browser: Browser, url: string): Promise<Figure> {
  const kata = KATAS.find((k) => k.slug === 'pods')!
  const page = await browser.newPage()
  await openWorkbench(page, url, kata)
  const solution = readFileSync(join(ROOT, 'solutions', kata.folder, kata.files[0]!), 'utf8')
  await setCode(page, solution.replace(/export function validatePod\(([^)]*)\)([^{]*)\{/, 'export function validatePod($1)$2{\n  for (;;) {}'))
  const times: number[] = []
  const seen: number[] = []
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    await page.waitForTimeout(400)
    const started = performance.now()
    const { verdict, ms } = await runInPage(page)
    seen.push(performance.now() - started)
    if (verdict !== 'stuck') throw new Error(`the endless loop was not stopped: ${verdict}`)
    times.push(ms)
  }
  await page.close()
  return {
    name: 'kata 1, endless loop: click Run → stopped and named',
    value: median(times),
    unit: 'ms',
    atMost: SPEC_TIMEOUT_MS,
    detail: `${spread(times)}; the watchdog fires ${PAGE_WATCHDOG_MS} ms after the click; as Playwright sees it ${Math.round(median(seen))} ms`,
  }
}

export const inPageBench: BenchModule = {
  title: 'The katas and the simulator in the page (Chromium, built site)',
  async run() {
    const dist = mkdtempSync(join(tmpdir(), 'podkata-site-'))
    execFileSync(VITEPRESS, ['build', '--outDir', dist], { cwd: ROOT, stdio: 'ignore' })
    const site = await serveFolder(dist)
    const { chromium } = await import('playwright-core')
    const found = await findChromium()
    const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args })
    const figures: Figure[] = []
    try {
      for (const [slug, aim] of [['pods', 200], ['syncpod', 300]] as const) {
        const kata = KATAS.find((k) => k.slug === slug)!
        const page = await browser.newPage()
        await openWorkbench(page, site.url, kata)
        await setCode(page, readFileSync(join(ROOT, 'solutions', kata.folder, kata.files[0]!), 'utf8'))
        await runInPage(page) // the first run, while the browser compiles the worker's code
        const clicks: number[] = []
        const inside: number[] = []
        const dispatch: number[] = []
        const noticed: number[] = []
        for (let i = 0; i < RUNS; i++) {
          // A reader edits between runs; meanwhile the next worker starts (runner-client.ts).
          await page.waitForTimeout(400)
          const started = performance.now()
          const before = Date.now()
          await page.click('.kw-run')
          await page.waitForSelector(`.kata-workbench[data-runs="${i + 2}"]`, { timeout: 20_000 })
          const after = Date.now()
          clicks.push(performance.now() - started)
          // The page's own wall-clock times of the press and of the painted verdict (KataWorkbench.vue).
          const [pressed, painted] = ((await page.getAttribute('.kata-workbench', 'data-run-clock')) ?? '').split(' ').map(Number)
          inside.push(Number(await page.getAttribute('.kata-workbench', 'data-run-ms')))
          dispatch.push(pressed! - before)
          noticed.push(after - painted!)
        }
        // `inside`: from the press's own timestamp (pointerdown) to the frame after the verdict is
        // painted (KataWorkbench.vue); Playwright's adds its round trips to and from the browser.
        figures.push({ name: `kata ${kata.number}: click Run → verdict painted (median)`, value: median(inside), unit: 'ms', atMost: aim, detail: `${spread(inside)}; as Playwright sees it ${Math.round(median(clicks))} ms = its click reaching the page ${Math.round(median(dispatch))} + the run + noticing the paint ${Math.round(median(noticed))}` })
        await page.close()
      }

      figures.push(await loopStopped(browser, site.url))

      figures.push(await anHourInThePage(browser, site.url))

      const page = await browser.newPage()
      const chapter = KATAS[0]!.chapter.page
      const closed = await scriptBytes(page, dist, site.url + chapter)
      const opened = await scriptBytes(page, dist, site.url + chapter, async (p) => {
        await p.locator('.kata-in-page button').first().click()
        await p.waitForSelector('.kata-workbench[data-ready="true"]', { timeout: 20_000 })
      })
      const workerFile = join(dist, 'assets', readdirSync(join(dist, 'assets')).find((f) => f.startsWith('kata-worker'))!)
      const worker = readFileSync(workerFile).length
      const workerGz = gz(workerFile)
      const editorOnly = opened.bytes - closed.bytes
      figures.push({ name: 'editor + runner worker, fetched when opened (gzip)', value: editorOnly / 1024, unit: 'KiB', detail: `over ${opened.files.length - closed.files.length} files; none before the click (e2e/in-page.test.ts checks it)` })
      figures.push({ name: '— of which the runner worker (gzip)', value: workerGz / 1024, unit: 'KiB', detail: `${kib(worker)} minified` })
      await page.close()
    } finally {
      await browser.close()
      await site.close()
      rmSync(dist, { recursive: true, force: true })
    }
    return figures
  },
}
