/**
 * Opening a page of the built site and waiting until it works: the `load` event, then the
 * theme's `<html data-hydrated>` mark (.vitepress/theme/hydration.ts), then, where a test reads
 * the network too, until every request the page has made so far has been answered. Before the
 * mark, a button the server rendered takes a click and does nothing. Waiting for an idle network
 * instead (Playwright's `networkidle`) cost half a second of doing nothing on every page, and
 * still did not say that hydration had finished.
 */
import type { Page, Request, Response } from 'playwright-core'

/** Waits for the theme's mark on the page as it is now (after a load or a route change). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' })
}

/**
 * `page.goto` to a page of the site, returning once it has hydrated; with `fonts`, once the
 * site's fonts are in too, for a test that measures text or places popups.
 */
export async function gotoHydrated(page: Page, url: string, options: { fonts?: boolean } = {}): Promise<Response | null> {
  const response = await page.goto(url)
  await waitForHydration(page)
  if (options.fonts) await page.evaluate(() => document.fonts.ready.then(() => undefined))
  return response
}

/**
 * `page.goto`, then hydration, then no request still on its way: whatever the page asked for
 * while it hydrated has arrived or failed, so a listener for failed requests has heard of it.
 */
export async function gotoSettled(page: Page, url: string): Promise<Response | null> {
  const inFlight = new Set<Request>()
  let drained: (() => void) | undefined
  const started = (request: Request) => inFlight.add(request)
  const ended = (request: Request) => {
    inFlight.delete(request)
    if (inFlight.size === 0) drained?.()
  }
  page.on('request', started)
  page.on('requestfinished', ended)
  page.on('requestfailed', ended)
  try {
    const response = await gotoHydrated(page, url)
    if (inFlight.size > 0) await new Promise<void>((done) => (drained = done))
    return response
  } finally {
    page.off('request', started)
    page.off('requestfinished', ended)
    page.off('requestfailed', ended)
  }
}

/**
 * Gives an open page another width and returns once it has been laid out at it: VitePress
 * lays itself out from media queries and window-size listeners, which a resize fires just as a
 * load at that width would, so one load can be checked at several widths.
 */
export async function resizeSettled(page: Page, width: number, height = 900): Promise<void> {
  await page.setViewportSize({ width, height })
  // Two frames: the resize listeners have run and the page has been laid out again.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
}
