/**
 * The checks every page of the site gets, at each width, in light and in dark: no console
 * error, no failed request, nothing that scrolls the page sideways, no serious or critical
 * axe-core violation; and a screenshot in e2e/screenshots/ for a person to look at: under
 * `npm test` the first screen (what a reader sees on opening the page), under
 * `npm run screenshots` (PODKATA_SCREENSHOTS=1) the whole page. Drawing and encoding 52 whole
 * long pages was a sixth of the browser tests' CPU, and the pictures check nothing.
 * One page load per page: dark is the same page with the colour scheme switched (VitePress
 * follows prefers-color-scheme while the reader has not chosen), the next width the same page
 * resized.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { APART, readingOrder } from '../.vitepress/reading-order.ts'
import { fullPagePng, restAnimations } from './full-page-png.ts'
import { gotoSettled, resizeSettled } from './hydrated.ts'
import { ROOT } from './solution-text.ts'

/** Every page a reader can reach, and one kata code page (they are all made the same way). */
export const PAGES = [...[...readingOrder(), ...APART].map((stop) => stop.link), '/code/pods']
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots')
/** Set by scripts/screenshots.ts: the pictures are of whole pages. */
export const FULL_PAGE_SCREENSHOTS = process.env.PODKATA_SCREENSHOTS === '1'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface PageReport {
  /** Console errors, uncaught exceptions, failed or 4xx/5xx requests, in the order they came. */
  problems: string[]
  /** How far the page scrolls sideways (0 when it does not), and what sticks out. */
  overflow: { by: number; culprits: string[] }
  /** axe-core violations of impact serious or critical: `rule: selector`. */
  axe: string[]
}

export type Theme = 'light' | 'dark'

/**
 * Opens a page at a width; call check() for each theme on what it returns, then resize() for
 * the next width (one load serves every width: resizeSettled in hydrated.ts).
 */
export async function openPage(browser: Browser, baseURL: string, path: string, width: number) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: 'light' })
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`))
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  // Hydrated, and every request it made meanwhile answered (or failed, and so in problems).
  const response = await gotoSettled(page, baseURL + path)
  if (response?.status() !== 200) problems.push(`HTTP ${response?.status()}: ${path}`)
  let current = width
  return {
    page,
    check: (theme: Theme) => check(page, path, current, theme, problems),
    resize: async (to: number) => {
      current = to
      await resizeSettled(page, to)
    },
  }
}

async function check(page: Page, path: string, width: number, theme: Theme, problems: string[]): Promise<PageReport> {
  await page.emulateMedia({ colorScheme: theme })
  await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark')
  // The switch starts the theme's colour transitions: axe and the picture get the colours they end on.
  await restAnimations(page)
  const overflow = await page.evaluate(() => {
    const root = document.documentElement
    const by = root.scrollWidth - root.clientWidth
    const culprits: string[] = []
    if (by > 0) {
      for (const element of Array.from(document.querySelectorAll('body *'))) {
        const box = element.getBoundingClientRect()
        // What a scrolling or clipping box holds does not move the page.
        let clipped = false
        for (let up = element.parentElement; up && up !== root && !clipped; up = up.parentElement) {
          clipped = getComputedStyle(up).overflowX !== 'visible'
        }
        if (!clipped && box.right > root.clientWidth + 0.5 && box.width > 0) {
          // Only the outermost: its children stick out because it does.
          const parent = element.parentElement?.getBoundingClientRect()
          if (!parent || parent.right <= root.clientWidth + 0.5) {
            const named = element.closest('[class]')
            const where = named && named !== element ? ` in ${named.tagName.toLowerCase()}.${Array.from(named.classList).join('.')}` : ''
            culprits.push(`${element.tagName.toLowerCase()}${Array.from(element.classList).map((c) => '.' + c).join('')}${where} (+${Math.round(box.right - root.clientWidth)} px)`)
          }
        }
      }
    }
    return { by, culprits: culprits.slice(0, 5) }
  })
  if ((await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe)) === 'undefined') await page.addScriptTag({ content: AXE })
  // Light gets every rule; dark only what the colours change (contrast), which halves the cost.
  const axe = await page.evaluate(async (dark) => {
    const result = await (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
      ...(dark ? { runOnly: { type: 'rule', values: ['color-contrast'] } } : {}),
    })
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) => violation.nodes.slice(0, 3).map((node) => `${violation.id}: ${node.target.join(' ')}`))
  }, theme === 'dark')
  await screenshot(page, path, width, theme)
  return { problems: [...problems], overflow, axe }
}

async function screenshot(page: Page, path: string, width: number, theme: Theme): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // PNG, so any image viewer (and the review tools, which open PNG only) can show it; a whole
  // page at rest with Chromium's fast PNG encoder (full-page-png.ts), a first screen as
  // Playwright takes it.
  const file = join(SCREENSHOTS, screenshotName(path, width, theme))
  if (FULL_PAGE_SCREENSHOTS) await fullPagePng(page, file)
  else await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
}

/** e2e/screenshots/<page>-<width>-<theme>.png, `index` for the home page. */
export function screenshotName(path: string, width: number, theme: Theme): string {
  return (path === '/' ? 'index' : path.slice(1).replaceAll('/', '_')) + `-${width}-${theme}.png`
}
