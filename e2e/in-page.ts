/**
 * Driving the in-page katas and simulator (browser/, KataWorkbench.vue, SimPlayground.vue)
 * the way a reader does: open the door under the kata card, put text in the editor, press Run,
 * and read the marks the page shows.
 */
import type { Page } from 'playwright-core'
import type { Kata } from '../katas/katas.ts'
import { gotoHydrated } from './hydrated.ts'

export interface PageSpec {
  name: string
  state: string
}

/**
 * Opens the kata's chapter and its workbench. The door is clicked only once the page has
 * hydrated: a click on the server-rendered button before its handler arrives is lost, and the
 * workbench never opens (CI under load waited 20 s for it).
 */
export async function openWorkbench(page: Page, baseURL: string, kata: Kata): Promise<void> {
  await gotoHydrated(page, baseURL + kata.chapter.page)
  await page.locator(`.kata-in-page[data-kata="${kata.slug}"] button`).first().click()
  await page.waitForSelector(`.kata-workbench[data-kata="${kata.slug}"][data-ready="true"]`, { timeout: 20_000 })
}

/** Replaces the editor's text, as typing would. */
export async function setCode(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const editor = document.querySelector('.kata-workbench .CodeMirror') as unknown as { CodeMirror: { setValue(v: string): void } }
    editor.CodeMirror.setValue(value)
  }, text)
}

export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('.kata-workbench .CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue())
}

/** Presses Run and waits for the verdict; returns it and every spec's mark. */
export async function runInPage(page: Page): Promise<{ verdict: string; specs: PageSpec[]; ms: number }> {
  const root = page.locator('.kata-workbench')
  const before = Number(await root.getAttribute('data-runs'))
  await page.click('.kw-run')
  await page.waitForSelector(`.kata-workbench[data-runs="${before + 1}"]`, { timeout: 20_000 })
  const verdict = (await page.locator('[data-verdict]').first().getAttribute('data-verdict')) ?? ''
  const specs = await page.$$eval('.kw-spec', (marks) => marks.map((m) => ({ name: m.getAttribute('data-spec') ?? '', state: m.getAttribute('data-state') ?? '' })))
  return { verdict, specs, ms: Number(await root.getAttribute('data-run-ms')) }
}
