/**
 * The simulator's manifest editor in a real browser: a line number stays beside its line of
 * text however the editor is scrolled (the wheel, Ctrl+End), and a message about a line below
 * the fold brings that line and its marked number into view together. The textarea draws its
 * text itself, so a line's place is worked out from the textarea's box, padding, line height
 * and own scroll, and checked to be painted (the textarea is what is under that point).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { gotoHydrated } from './hydrated.ts'
import { ROOT } from '../workbook/paths.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

interface Placed {
  /** The number's top and the top of the text line beside it, in the viewport. */
  numberTop: number
  textTop: number
  /** What the number reads. */
  number: string
  /** Both inside the editor's visible box, and inside the window. */
  inBox: boolean
  inWindow: boolean
  /** The textarea is what the page paints where the line's text is (not the empty box). */
  textPainted: boolean
}

/** Where line `line` (from 1) of the editor and its number are, as the reader sees them. */
function placed(page: Page, line: number): Promise<Placed> {
  return page.evaluate((n) => {
    const area = document.querySelector<HTMLTextAreaElement>('.sp-manifest')!
    const box = document.querySelector<HTMLElement>('.sp-editor')!.getBoundingClientRect()
    const number = document.querySelectorAll<HTMLElement>('.sp-gutter > span')[n - 1]!
    const style = getComputedStyle(area)
    const lineHeight = parseFloat(style.lineHeight)
    const areaBox = area.getBoundingClientRect()
    const textTop = areaBox.top + area.clientTop + parseFloat(style.paddingTop) + (n - 1) * lineHeight - area.scrollTop
    const numberBox = number.getBoundingClientRect()
    const inside = (top: number, bottom: number, low: number, high: number) => top >= low - 1 && bottom <= high + 1
    // Right of the numbers: a box scrolled sideways has the text's start under them.
    const x = Math.max(areaBox.left + parseFloat(style.paddingLeft), document.querySelector('.sp-gutter')!.getBoundingClientRect().right) + 4
    return {
      numberTop: numberBox.top,
      textTop,
      number: number.textContent ?? '',
      inBox: inside(numberBox.top, numberBox.bottom, box.top, box.bottom) && inside(textTop, textTop + lineHeight, box.top, box.bottom),
      inWindow: inside(numberBox.top, numberBox.bottom, 0, innerHeight) && inside(textTop, textTop + lineHeight, 0, innerHeight),
      textPainted: document.elementFromPoint(x, textTop + lineHeight / 2) === area,
    }
  }, line)
}

/** Waits until the editor box has stopped moving (a wheel scroll may be smooth). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const box = document.querySelector<HTMLElement>('.sp-editor')!
    const w = window as unknown as { lastTop?: number }
    const same = w.lastTop === box.scrollTop
    w.lastTop = box.scrollTop
    return same
  }, undefined, { polling: 100 })
}

/** Waits until the simulator has answered `n` runs (the first is the preset's, on opening). */
async function ran(page: Page, n: number): Promise<void> {
  await page.waitForSelector(`.sim-playground[data-runs="${n}"]`, { timeout: 20_000 })
}

/** Presses Run and waits for its answer. */
async function runAgain(page: Page): Promise<void> {
  const runs = Number(await page.getAttribute('.sim-playground', 'data-runs'))
  await page.click('.sp-run')
  await ran(page, runs + 1)
}

async function playground(page: Page): Promise<void> {
  await gotoHydrated(page, `${inject('baseURL')}/reference/playground`)
  await ran(page, 1)
}

/** The manifest beside its output: the lanes start right of the editor, level with it, not below it. */
async function expectOutputBeside(page: Page): Promise<void> {
  const editor = (await page.locator('.sp-editor').boundingBox())!
  const lanes = (await page.locator('.sp-output svg[role="img"]').first().boundingBox())!
  const events = (await page.locator('.sp-output .terminal-output').last().boundingBox())!
  for (const output of [lanes, events]) expect(output.x).toBeGreaterThanOrEqual(editor.x + editor.width)
  expect(lanes.y).toBeLessThan(editor.y + editor.height)
}

/** The last line with text on it (a file ends with a newline, so one empty line follows). */
async function lastLine(page: Page): Promise<number> {
  const text = await page.inputValue('.sp-manifest')
  return text.trimEnd().split('\n').length
}

function expectBeside(at: Placed, line: number) {
  expect(at.number).toBe(String(line))
  expect(Math.abs(at.numberTop - at.textTop)).toBeLessThan(2)
  expect(at.inBox, JSON.stringify(at)).toBe(true)
  expect(at.textPainted, JSON.stringify(at)).toBe(true)
}

describe('the manifest editor', () => {
  it('keeps the last line beside its number after the wheel scrolls to the end', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await playground(page)
    const last = await lastLine(page)
    expect(last).toBeGreaterThan(25) // web.yaml is taller than the editor's box
    const area = (await page.locator('.sp-manifest').boundingBox())!
    await page.locator('.sp-editor').scrollIntoViewIfNeeded()
    const box = (await page.locator('.sp-editor').boundingBox())!
    await page.mouse.move(area.x + 60, box.y + Math.min(box.height, area.height) / 2)
    await page.mouse.wheel(0, 3000)
    await settled(page)
    expectBeside(await placed(page, last), last)
    await page.close()
  })

  it('keeps the caret line beside its number after Ctrl+End', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await playground(page)
    const last = await lastLine(page)
    await page.locator('.sp-editor').scrollIntoViewIfNeeded()
    await page.click('.sp-manifest', { position: { x: 40, y: 10 } })
    await page.keyboard.press('Control+End')
    await settled(page)
    const caret = await page.evaluate(() => {
      const area = document.querySelector<HTMLTextAreaElement>('.sp-manifest')!
      return area.value.slice(0, area.selectionEnd).split('\n').length
    })
    expect(caret).toBe(last + 1)
    expectBeside(await placed(page, caret), caret)
    expectBeside(await placed(page, last), last)
    // Back to the top: line 1 beside number 1 again.
    await page.keyboard.press('Control+Home')
    await settled(page)
    expectBeside(await placed(page, 1), 1)
    await page.close()
  })

  it('shows a bad line below the fold with its marked number beside the selected text (chapter 4)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await gotoHydrated(page, `${inject('baseURL')}/chapters/04-cri-sequence`)
    await page.click('.sim-in-page button')
    await ran(page, 1)
    const manifest = await page.inputValue('.sp-manifest')
    await page.fill('.sp-manifest', manifest.replace('image: fluent/fluent-bit:3.1', 'image: ""'))
    await runAgain(page)
    expect(await page.textContent('.sp-error')).toBe('line 24: The Pod "web" is invalid: spec.containers[1].image: Required value')
    // Scrolled to the top first, as a reader who has not touched the editor.
    await page.evaluate(() => (document.querySelector('.sp-editor')!.scrollTop = 0))
    await page.click('.sp-error a')
    await settled(page)
    const selected = await page.evaluate(() => {
      const area = document.querySelector<HTMLTextAreaElement>('.sp-manifest')!
      return { text: area.value.slice(area.selectionStart, area.selectionEnd), line: area.value.slice(0, area.selectionStart).split('\n').length }
    })
    expect(selected).toEqual({ text: '      image: ""', line: 24 })
    expect(await page.evaluate(() => document.querySelector('.sp-editor')!.scrollLeft)).toBe(0) // the line read from its start
    expect(await page.textContent('.sp-gutter .sp-bad')).toBe('24')
    const at = await placed(page, 24)
    expectBeside(at, 24)
    expect(at.inWindow).toBe(true)
    await page.close()
  })

  it('shows a YAML error below the fold at its line, number and text together', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await playground(page)
    const manifest = await page.inputValue('.sp-manifest')
    await page.fill('.sp-manifest', manifest.replace('      args: [-i, tail', '      args: [-i, tail: ['))
    await runAgain(page)
    const link = (await page.textContent('.sp-error a')) ?? ''
    const line = Number(/\d+/.exec(link)?.[0])
    expect(line).toBeGreaterThan(22)
    await page.evaluate(() => (document.querySelector('.sp-editor')!.scrollTop = 0))
    await page.click('.sp-error a')
    await settled(page)
    expect(await page.textContent('.sp-gutter .sp-bad')).toBe(String(line))
    const at = await placed(page, line)
    expectBeside(at, line)
    expect(at.inWindow, JSON.stringify(at)).toBe(true)
    await page.close()
  })
})

describe('the lines a refusal marks', () => {
  it('marks the port for `containerPort: eighty`, the quantity for `cpu: lots`, and both errors of invalid.yaml', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await playground(page)
    const web = await page.inputValue('.sp-manifest')
    const marked = () => page.$$eval('.sp-gutter .sp-bad', (spans) => spans.map((s) => s.textContent))
    const runWith = async (text: string) => {
      await page.fill('.sp-manifest', text)
      await runAgain(page)
    }
    await runWith(web.replace('containerPort: 80', 'containerPort: eighty'))
    expect(await marked()).toEqual(['15'])
    expect(await page.textContent('.sp-error-line')).toBe('15 |         - containerPort: eighty')
    await runWith(web.replace('cpu: 100m', 'cpu: lots'))
    expect(await marked()).toEqual(['28'])
    await page.selectOption('.sp-preset', 'invalid')
    await ran(page, 4)
    expect(await marked()).toEqual(['9', '15'])
    expect(await page.textContent('.sp-error')).toBe('line 15, line 9: The Pod "web" is invalid: [spec.containers[1].image: Required value, spec.initContainers[0].name: Duplicate value: "app"]')
    expect(await page.textContent('.sp-error-line')).toBe('15 |     - name: log-shipper\n9 |     - name: app')
    await page.close()
  })
})

describe('"my code" with no kata code in this browser', () => {
  it('says the reference is drawn alone, and says nothing once a kata file is kept', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await playground(page)
    await page.check('.sp-switches input[name="mine"]')
    await runAgain(page)
    expect(await page.textContent('.sp-command')).toBe('npm run sim -- examples/pods/web.yaml --compare')
    expect(await page.textContent('[data-note="no-kata-code"]')).toBe('No kata code is kept in this browser yet, so the reference is drawn alone. Work a kata on its chapter page, then tick this again.')
    // A kata file kept (as the workbench keeps one): the note goes.
    const starter = readFileSync(join(ROOT, 'starters/01-pods/pods.ts'), 'utf8')
    await page.evaluate((text) => localStorage.setItem('podkata:01-pods:file:pods.ts', text), starter)
    await runAgain(page)
    expect(await page.locator('[data-note="no-kata-code"]').count()).toBe(0)
    await page.close()
  })
})

describe('the command under Run', () => {
  it('names the example while it is unedited, and pod.yaml once the reader edits it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await playground(page)
    expect(await page.textContent('.sp-command')).toBe('npm run sim -- examples/pods/web.yaml')
    expect(await page.textContent('.sp-manifest-label')).toBe('Pod manifest (examples/pods/web.yaml)')
    await page.selectOption('.sp-preset', 'app-pull')
    await ran(page, 2)
    expect(await page.textContent('.sp-command')).toBe('npm run sim -- examples/pods/web.yaml --offline --preload registry.k8s.io/pause:3.8 --preload fluent/fluent-bit:3.1 --for 30')
    expect(await page.textContent('.sp-output .terminal-output')).toContain('Error: ImagePullBackOff')
    const manifest = await page.inputValue('.sp-manifest')
    await page.fill('.sp-manifest', manifest.replace('name: web', 'name: web2'))
    expect(await page.textContent('.sp-command')).toBe('npm run sim -- pod.yaml --offline --preload registry.k8s.io/pause:3.8 --preload fluent/fluent-bit:3.1 --for 30')
    await page.close()
  })
})

describe('the playground page at 1280 px', () => {
  it('shows the manifest beside its output: the lanes and the events', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await playground(page)
    await expectOutputBeside(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await page.close()
  })
})

describe('a chapter\'s simulator', () => {
  it('links to the same story in the playground, which opens on it with the manifest beside its output', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await gotoHydrated(page, `${inject('baseURL')}/chapters/06-air-gapped`)
    await page.locator('.sim-in-page button').first().click()
    await ran(page, 1)
    await page.selectOption('.sp-preset', 'fix-mirror')
    await ran(page, 2)
    await page.click('.sp-wide')
    await page.waitForURL(/reference\/playground\?story=fix-mirror/)
    await ran(page, 1)
    expect(await page.getAttribute('.sim-playground', 'data-preset')).toBe('fix-mirror')
    expect(await page.textContent('.sp-command')).toContain('--mirror registry.k8s.io=http://10.0.0.5:5000')
    await expectOutputBeside(page)
    await page.close()
  })
})

describe('the run as JSON', () => {
  it('shows what --json prints under a disclosure, without scrolling the page sideways on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } })
    await playground(page)
    await page.click('.sp-json summary')
    const shown = JSON.parse((await page.textContent('.sp-json-text'))!) as { calls: unknown[]; events: unknown[] }
    expect(shown.calls.length).toBeGreaterThan(0)
    expect(JSON.stringify(shown)).toContain('RunPodSandbox')
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await page.close()
  })
})
