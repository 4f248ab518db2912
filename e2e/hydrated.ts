/**
 * Opening a page of the built site and waiting until it works: the `load` event, then the
 * theme's `<html data-hydrated>` mark (.vitepress/theme/hydration.ts). Before the mark, a
 * button the server rendered takes a click and does nothing; waiting for an idle network
 * instead cost half a second of doing nothing on every page, and still did not say that
 * hydration had finished.
 */
import type { Page, Response } from 'playwright-core'

/** Waits for the theme's mark on the page as it is now (after a load or a route change). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector('html[data-hydrated]', { state: 'attached' })
}

/** `page.goto` to a page of the site, returning once it has hydrated. */
export async function gotoHydrated(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url)
  await waitForHydration(page)
  return response
}
