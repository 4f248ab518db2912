/**
 * The Korean pages' generated prose in a real browser: a Korean chapter's lane diagram has its
 * notes, its list and its label in Korean while CRI names, errors and events stay as printed,
 * every note still fits its box, the terminal blocks stay what a terminal prints, the English
 * page is unchanged, and the Korean facilitator guide shows its agendas and mistakes in Korean.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { gotoHydrated } from './hydrated.ts'

const baseURL = inject('baseURL')
const HANGUL = /[가-힣]/
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  const response = await gotoHydrated(page, baseURL + path, { fonts: true })
  expect(response?.status(), `status of ${path}`).toBe(200)
  await page.locator('.lane-diagram svg, .facilitator-agenda').first().waitFor()
  return page
}

/** Each note whose text is wider than its box: [text, text width, box width]. */
async function notesOutsideTheirBoxes(page: Page): Promise<[string, number, number][]> {
  return page.locator('.lane-diagram g.note').evaluateAll((notes) =>
    notes.flatMap((note) => {
      const box = note.querySelector('rect')!.getBBox()
      const text = note.querySelector('text')!.getBBox()
      return text.x + text.width > box.x + box.width + 0.5 ? [[note.querySelector('title')!.textContent ?? '', text.width, box.width] as [string, number, number]] : []
    }),
  )
}

describe('lane diagrams on Korean chapter 4', () => {
  let page: Page
  let english: Page

  beforeAll(async () => {
    ;[page, english] = await Promise.all([open('/ko/chapters/04-cri-sequence'), open('/chapters/04-cri-sequence')])
  })

  it('draws the offline run with Korean notes and the CRI names, errors and events as printed', async () => {
    const offline = page.locator('.lane-diagram').nth(2)
    const svg = offline.locator('svg[role="img"]')
    expect(await svg.getAttribute('aria-label')).toMatch(/^레인 그림: containerd 1\.7에 보낸 CRI 호출 \d+개 \(\d+개 실패\), 이벤트 \d+개 \(Warning \d+개\)$/)
    const steps = await svg.locator('g.step title').allTextContents()
    expect(steps).toContain('샌드박스 이미지 registry.k8s.io/pause:3.8 pull')
    const syncs = await svg.locator('g.sync title').allTextContents()
    expect(syncs).toContain('kubelet: SyncPod default/web')
    expect(syncs.some((t) => /^kubelet: 동기화 실패 \(CreatePodSandboxError\): [\d.]+초 뒤 다시$/.test(t))).toBe(true)
    const calls = await svg.locator('g.call title').allTextContents()
    expect(calls).toContain('RunPodSandbox web (attempt 0)')
    const errors = await svg.locator('g.return.error title').allTextContents()
    expect(errors.some((t) => t.startsWith('✗ rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.8"'))).toBe(true)
    const events = await svg.locator('g.event title').allTextContents()
    expect(events.some((t) => t.startsWith('Warning FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown'))).toBe(true)

    expect(await offline.locator('summary').innerText()).toBe('같은 트레이스를 텍스트로')
    const list = await offline.locator('.as-text li').allTextContents()
    expect(list).toContain('containerd 1.7 안에서: 샌드박스 이미지 registry.k8s.io/pause:3.8 pull')
    expect(list).toContain('kuberuntime → containerd 1.7: RunPodSandbox web (attempt 0)')
    expect(list.some((t) => t.startsWith('파드의 이벤트, Warning FailedCreatePodSandBox: Failed to create pod sandbox: rpc error'))).toBe(true)
  })

  it('keeps every Korean note inside its box', async () => {
    expect(await notesOutsideTheirBoxes(page)).toEqual([])
  })

  it('leaves the terminal blocks exactly as on the English page', async () => {
    const korean = await page.locator('.terminal-output').allInnerTexts()
    expect(korean.length).toBeGreaterThan(0)
    expect(korean).toEqual(await english.locator('.terminal-output').allInnerTexts())
    for (const block of korean) expect(block).not.toMatch(HANGUL)
  })

  it('leaves the English page in English', async () => {
    const offline = english.locator('.lane-diagram').nth(2)
    const svg = offline.locator('svg[role="img"]')
    expect(await svg.getAttribute('aria-label')).toMatch(/^Lane diagram: \d+ CRI calls to containerd 1\.7 \(\d+ failed\)/)
    expect(await svg.locator('g.step title').allTextContents()).toContain('pull sandbox image registry.k8s.io/pause:3.8')
    expect(await offline.locator('summary').innerText()).toBe('The same trace as text')
    expect(await offline.locator('.as-text li').allTextContents()).toContain('inside containerd 1.7: pull sandbox image registry.k8s.io/pause:3.8')
    for (const text of await english.locator('.lane-diagram').allTextContents()) expect(text).not.toMatch(HANGUL)
  })
})

describe('lane diagrams on Korean chapter 5', () => {
  it.each([390, 1280])('at %i px: notes in Korean, inside their boxes', async (width) => {
    const page = await open('/ko/chapters/05-pause-container', width)
    const steps = await page.locator('.lane-diagram g.step title').allTextContents()
    expect(steps.some((t) => /^\/pause 시작 \(pid \d+\)$/.test(t))).toBe(true)
    expect(steps.some((t) => /^pause의 net, ipc, uts에 합류 \(pid \d+\)$/.test(t))).toBe(true)
    const syncs = await page.locator('.lane-diagram g.sync title').allTextContents()
    expect(syncs).toContain('kubelet: pause 프로세스가 죽음')
    expect(await page.locator('.lane-diagram g.event title').allTextContents()).toContain('Normal SandboxChanged: Pod sandbox changed, it will be killed and re-created.')
    expect(await notesOutsideTheirBoxes(page)).toEqual([])
    await page.close()
  })
})

describe('the Korean facilitator guide', () => {
  it('shows a Korean agenda row and a Korean mistake, with the commands and spec names as the CLI prints them', async () => {
    const [page, english] = await Promise.all([open('/ko/guide/facilitating'), open('/guide/facilitating')])
    const rows = await page.locator('.facilitator-agenda[data-agenda="three-hours"] tbody tr').allInnerTexts()
    expect(rows.some((r) => r.includes('4번 카타를 짝으로: kubelet의 SyncPod') && r.includes('CRI 호출 순서'))).toBe(true)
    expect(rows.some((r) => r.includes('npm run sim -- examples/pods/web.yaml --compare'))).toBe(true)
    expect(await page.locator('.facilitator-agenda h3').first().innerText()).toContain('세 시간: 왜 모든 파드는 pause로 시작하는가')

    const mistakes = await page.locator('.facilitator-kata ul.mistakes li').allInnerTexts()
    const mistake = mistakes.find((m) => m.startsWith('앱 컨테이너를 먼저 시작하고 샌드박스를 나중에 만든다.'))
    // The English page capitalises a mistake's first letter in CSS.
    const englishMistake = (await english.locator('.facilitator-kata ul.mistakes li').allInnerTexts()).find((m) => m.startsWith('Starts the app containers first'))
    expect(mistake).toBeDefined()
    // Korean has no capitals: a mistake that starts with a name keeps it as written (not "Pull이").
    expect(mistakes.some((m) => m.startsWith('pull이 돌려준 이미지 ID가 아니라'))).toBe(true)
    expect(englishMistake).toBeDefined()
    // The spec that catches it is named as the watch loop prints it.
    expect(mistake!.split('잡아내는 스펙: ')[1]).toBe(englishMistake!.split('Caught by: ')[1])

    const parts = await page.locator('.facilitator-kata ol li').allInnerTexts()
    expect(parts).toContain('runPodSandbox: create and start the pod-level sandbox: 파드 수준 샌드박스를 만들고 시작하기')
    expect(await page.locator('.facilitator-kata ul.objectives li').first().innerText()).toMatch(HANGUL)
    expect(await page.locator('.facilitator-kata ul.objectives li').allInnerTexts()).toContain('kubectl describe의 Events 표를 CRI 호출의 목록으로 읽을 수 있다')
    expect(await page.locator('.facilitator-kata dl.questions dt').first().innerText()).toMatch(HANGUL)

    // The English page: the same rows in English, no Korean anywhere in the generated parts.
    for (const text of await english.locator('.facilitator-agenda, .facilitator-kata').allInnerTexts()) expect(text).not.toMatch(HANGUL)
    await Promise.all([page.close(), english.close()])
  })
})
