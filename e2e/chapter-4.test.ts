/** Chapter 4 in a real browser: lane diagrams and terminal output made from real runs of the sim. */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { launchBrowser } from './browser.ts'
import { gotoSettled, waitForHydration } from './hydrated.ts'

const syncpod = KATAS.find((kata) => kata.slug === 'syncpod')!
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const response = await page.goto(inject('baseURL') + syncpod.chapter.page)
  expect(response?.status()).toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

it('draws three lane diagrams from traces, with the kubelet, kuberuntime and containerd lanes', async () => {
  const diagrams = page.locator('figure.lane-diagram svg[role="img"][aria-label^="Lane diagram"]')
  expect(await diagrams.count()).toBe(3)
  const first = diagrams.first()
  const text = await first.evaluate((svg) => svg.textContent ?? '')
  for (const word of ['kubelet', 'kuberuntime', 'containerd 1.7', 'RunPodSandbox web (attempt 0)', 'PullImage nginx:1.27', 'Started']) {
    expect(text).toContain(word)
  }
  // The sandbox comes first: its arrow is above every container's.
  expect(text.indexOf('RunPodSandbox')).toBeLessThan(text.indexOf('CreateContainer'))
})

it('marks the failed RunPodSandbox of the offline run as an error, with the full text on hover', async () => {
  const offline = page.locator('figure.lane-diagram svg[role="img"][aria-label^="Lane diagram"]').nth(2)
  expect(await offline.getAttribute('aria-label')).toMatch(/failed/)
  const titles = await offline.locator('title').allTextContents()
  expect(titles.some((t) => t.includes('rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.8"'))).toBe(true)
})

it('shows what kubectl prints for each run: running pods, FailedCreatePodSandBox, ErrImagePull', async () => {
  const terminals = await page.locator('.terminal-output').allInnerTexts()
  expect(terminals).toHaveLength(4)
  expect(terminals[0]).toMatch(/web\s+2\/2\s+Running\s+0/)
  // Init container events come before any app container's.
  expect(terminals[1]!.indexOf('spec.initContainers{prepare}: Container started')).toBeGreaterThan(0)
  expect(terminals[1]!.indexOf('spec.initContainers{prepare}: Container started')).toBeLessThan(terminals[1]!.indexOf('spec.containers{nginx}: Pulling'))
  terminals.splice(1, 1)
  expect(terminals[1]).toMatch(/Warning\s+FailedCreatePodSandBox\s+\S+ \(x\d+ over \S+\)\s+kubelet\s+Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image/)
  expect(terminals[1]).toMatch(/web\s+0\/2\s+ContainerCreating\s+0/)
  // The kubelet's CRI client drops "rpc error: code = Unknown desc = " from pull errors.
  expect(terminals[2]).toContain('Failed to pull image "nginx:1.27": failed to pull and unpack image "docker.io/library/nginx:1.27"')
  expect(terminals[2]).toMatch(/web\s+1\/2\s+(ErrImagePull|ImagePullBackOff)/)
})

it('pulls the starter of kata 4 into the page and points to the reference instead of showing it', async () => {
  const visible = (await page.locator('.vp-doc div[class*="language-ts"]').allInnerTexts()).join('\n')
  expect(visible).toContain("throw new Error('TODO: syncPod is not written yet')")
  expect(visible).not.toContain('#region')
  expect(await page.locator('.vp-doc').innerText()).toContain('npm run kata -- solution syncpod')
  expect(await page.locator('.vp-doc details', { hasText: 'Reference solution' }).count()).toBe(0)
  expect(await page.locator('.kata-card').innerText()).toContain('npm run kata -- verify syncpod')
})

it('draws every lane text whole at 12 px or more: wrapped, never cut with "…", and the same trace as a list', async () => {
  const diagrams = page.locator('figure.lane-diagram')
  for (let i = 0; i < (await diagrams.count()); i++) {
    const figure = diagrams.nth(i)
    const sizes = await figure.evaluate((f) => {
      const svg = f.querySelector('svg')!
      // Drawn at its own size: one SVG unit is one CSS pixel, so 12px text stays 12 px.
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
      const texts = Array.from(f.querySelectorAll('svg text'))
      return { scale, smallest: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)), cut: texts.filter((t) => /…$/.test(t.textContent ?? '')).length }
    })
    expect(sizes.scale).toBeCloseTo(1, 2)
    expect(sizes.smallest).toBeGreaterThanOrEqual(12)
    expect(sizes.cut).toBe(0)
  }
  const offline = diagrams.nth(2)
  const svgText = await offline.locator('svg').evaluate((svg) => svg.textContent!.replace(/\s+/g, ' '))
  expect(svgText).toContain('dial tcp: lookup registry.k8s.io on 192.168.49.1:53: no such host')
  await offline.locator('details.as-text summary').click()
  const list = await offline.locator('details.as-text li').allInnerTexts()
  expect(list.some((item) => item.startsWith('containerd 1.7 → kuberuntime: ✗ rpc error: code = Unknown desc = failed to get sandbox image'))).toBe(true)
  expect(list.some((item) => item.startsWith('event on the Pod, Warning FailedCreatePodSandBox: Failed to create pod sandbox'))).toBe(true)
})

it('pans a lane diagram inside its figure on a phone, never the page, and a keyboard can reach it', async () => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 800 } })
  await phone.goto(inject('baseURL') + syncpod.chapter.page)
  const pan = phone.locator('figure.lane-diagram .pan').first()
  const { inner, outer, tabindex } = await pan.evaluate((p) => ({ inner: p.scrollWidth, outer: p.clientWidth, tabindex: p.getAttribute('tabindex') }))
  expect(inner).toBeGreaterThan(outer)
  expect(tabindex).toBe('0')
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
  await phone.close()
})

it('sends no diagram code on a first load, prints the paper diagrams, and draws them after a link inside the site', async () => {
  const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const scripts: string[] = []
  fresh.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  const shown = () =>
    fresh.evaluate(() => ({
      screen: Array.from(document.querySelectorAll<HTMLElement>('figure.lane-diagram')).filter((f) => f.offsetParent !== null).length,
      paper: Array.from(document.querySelectorAll<HTMLElement>('figure.lane-diagram-paper')).filter((f) => f.offsetParent !== null).length,
    }))
  const figureCode = () => scripts.filter((path) => /\/(LaneDiagram|LaneFigure|TerminalOutput)\.[^/]*\.js$/.test(path))
  await gotoSettled(fresh, inject('baseURL') + syncpod.chapter.page)
  // The server drew them; nothing on the page runs them.
  expect(await shown()).toEqual({ screen: 3, paper: 0 })
  expect(figureCode()).toEqual([])
  await fresh.emulateMedia({ media: 'print' })
  expect(await shown()).toEqual({ screen: 0, paper: 3 })
  const paperText = await fresh.locator('figure.lane-diagram-paper svg').nth(2).textContent()
  expect(paperText).toContain('RunPodSandbox web (attempt 0)')
  await fresh.emulateMedia({ media: 'screen' })
  // By the pager to chapter 3 and back: now drawn in the browser, so its code comes then.
  await fresh.locator('.pager-link.prev').click()
  await fresh.waitForURL(/03-podsandbox/)
  await waitForHydration(fresh)
  await fresh.locator('.pager-link.next').click()
  await fresh.waitForURL(/04-cri-sequence/)
  await waitForHydration(fresh)
  // The page's chunk and the figures' own code arrive after the URL changes: wait for them.
  await expect.poll(shown, { timeout: 10_000 }).toEqual({ screen: 3, paper: 0 })
  expect(await fresh.locator('figure.lane-diagram svg').first().textContent()).toContain('PullImage nginx:1.27')
  expect(figureCode().length).toBeGreaterThan(0)
  await fresh.close()
})
