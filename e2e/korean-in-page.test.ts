/**
 * The in-page workbench and simulator on the Korean pages, in a real browser: their controls'
 * prose (buttons, labels, verdict and progress lines, the hint ladder's frame, the reset and
 * reveal prompts, the trace comparison) is Korean, from locale/in-page/ko/, and none of the
 * English version's prose is left; the exact system strings (spec names, event reasons and
 * messages, CRI calls, kubectl's columns, the CLI's one-line refusals) stay as the systems print
 * them. Screenshots at 390 and 1280 px go to .vitepress/cache/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { EN_DOOR } from '../locale/in-page/en/door.ts'
import { EN_EDITOR } from '../locale/in-page/en/editor.ts'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'
import { openWorkbench, runInPage, setCode } from './in-page.ts'

const pods = KATAS.find((k) => k.slug === 'pods')!
const syncpod = KATAS.find((k) => k.slug === 'syncpod')!
const SHOTS = join(ROOT, '.vitepress', 'cache', 'screenshots')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
  mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
})

const korean = () => `${inject('baseURL')}/ko`
const hideNavigation = (page: Page) => page.addStyleTag({ content: '.VPNav, .VPLocalNav { visibility: hidden !important; }' })

async function freshPage(width = 1280, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme })
  return context.newPage()
}

/** Every fixed English phrase of the controls (no function-made ones), at least a word long. */
function englishPhrases(): string[] {
  const phrases = [...Object.values(EN_EDITOR.workbench), ...Object.values(EN_EDITOR.playground), ...Object.values(EN_EDITOR.trace), ...Object.values(EN_DOOR)]
  return phrases.filter((p): p is string => typeof p === 'string' && p.includes(' ')).map((p) => p.replaceAll('`', ''))
}

/** The text a reader sees in the element, as the page lays it out (no hidden parts). */
const seen = (page: Page, selector: string) => page.locator(selector).first().innerText()

/** The controls' own text: without the learner's code, the hints (English by design) and the simulator's drawn output. */
const controlsText = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    for (const part of Array.from(copy.querySelectorAll('.kw-editor, .kw-hints ol, textarea, svg, .as-text'))) part.remove()
    return copy.textContent ?? ''
  })

describe('the kata workbench on a Korean chapter', () => {
  it('speaks Korean around the specs, which keep their names', async () => {
    const page = await freshPage()
    await page.goto(korean() + pods.chapter.page)
    expect(await seen(page, `.kata-in-page[data-kata="${pods.slug}"]`)).toContain('설치할 것 없음: 누르면 에디터와 스펙을 불러옵니다.')
    await openWorkbench(page, korean(), pods)
    expect(await page.textContent('.kw-run')).toBe('스펙 실행')
    const { verdict, specs } = await runInPage(page)
    expect(verdict).toBe('failed')
    expect(await page.textContent('[data-verdict="failed"]')).toBe(`스펙 ${specs.length}개 중 0개 통과.`)
    expect(await page.textContent('.kw-next strong')).toBe('다음으로 이 스펙을 통과시키세요:')
    // The spec's own name, and the starter's TODO, as the workbook wrote them.
    expect(await page.textContent('.kw-next .kw-fail')).toBe('✗ validatePod: what the API server rejects › accepts a valid Pod with two containers')
    expect(await page.textContent('.kw-next .kw-message')).toContain('TODO: validatePod is not written yet')
    expect(await page.textContent('.kw-next-hint')).toBe(`힌트 1 / ${pods.hints.length}`)
    await page.click('.kw-next-hint')
    expect(await seen(page, '.kw-hints')).toContain('힌트는 영어로 나옵니다.')
    expect(await seen(page, '.kata-workbench')).toContain('모든 스펙이 통과하면 여기에 참고 답안이 나옵니다.')
    // The first failure's spec line, labelled as the CLI's is, in Korean.
    expect(await page.textContent('.kw-spec-line .kw-label')).toBe('스펙')
    expect(await page.textContent('.kw-spec-line code')).toMatch(/^katas\/01-pods\/pods\.spec\.ts:\d+:\d+$/)
    await setCode(page, '// 내 코드\n')
    await page.click('text=시작 코드로 되돌리기')
    expect(await page.textContent('.kw-note')).toBe('시작 코드로 돌아왔습니다. 내 코드는 이 브라우저에 보관했으니 "내 코드 되찾기"로 되살릴 수 있습니다.')
    expect(await page.textContent('.kw-copies summary')).toBe('보관한 사본 (1)')
    // Reset again with the starter in the editor: nothing new to keep, and the page says so.
    await page.click('text=시작 코드로 되돌리기')
    expect(await page.textContent('.kw-note')).toContain('이미 보관되어 있습니다')
    const text = await controlsText(page, '.kata-workbench')
    expect(englishPhrases().filter((phrase) => text.includes(phrase))).toEqual([])
    await hideNavigation(page)
    await page.locator('.kata-workbench').screenshot({ path: join(SHOTS, 'kata-workbench-ko-1280-light.png') })
    // A pass, and the reveal prompt.
    await setCode(page, readFileSync(join(ROOT, 'solutions', pods.folder, 'pods.ts'), 'utf8'))
    expect((await runInPage(page)).verdict).toBe('passed')
    expect(await page.textContent('[data-verdict="passed"]')).toBe(`✓ 스펙 ${specs.length}개가 모두 통과합니다. 카타 1 완료!`)
    expect(await page.textContent('.kw-reference button')).toBe('참고 답안 보기')
    await page.reload()
    expect(await seen(page, `.kata-in-page[data-kata="${pods.slug}"] [data-progress-source="browser"]`)).toBe('✓ 이 브라우저에서 통과')
    await page.context().close()
  })

  it('names where the learner\'s node parts from the reference in Korean, with the calls as the node made them', async () => {
    const page = await freshPage(390, 'dark')
    await openWorkbench(page, korean(), syncpod)
    await setCode(page, readFileSync(join(ROOT, 'proof', 'known-wrong', syncpod.folder, 'pull-without-image-status', 'sync-pod.ts'), 'utf8'))
    await runInPage(page)
    await page.waitForSelector('.kw-trace [data-difference="yes"]', { timeout: 20_000 })
    expect(await page.textContent('.kw-trace .tc-line')).toBe('CRI 호출에서 처음 달라지는 곳: 호출 3: 내 코드는 PullImage nginx:1.27, 참고 답안은 ImageStatus nginx:1.27')
    expect(await page.textContent('.kw-trace .tc-show')).toBe('다이어그램에서 보기')
    expect(await page.textContent('.kw-trace .tc-mine .mark-text')).toBe('≠ 다름')
    expect(await page.textContent('.kw-trace .tc-mine .as-text li.marked')).toBe('≠ 처음 달라지는 곳: kuberuntime → containerd 1.7: PullImage nginx:1.27')
    await page.click('.kw-trace .tc-show')
    await page.waitForFunction(() => {
      const tag = document.querySelector('.kw-trace .tc-mine .mark-tag')!.getBoundingClientRect()
      return tag.top >= 0 && tag.bottom <= window.innerHeight
    })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await hideNavigation(page)
    await page.screenshot({ path: join(SHOTS, 'trace-mark-ko-390-dark.png') })
    await page.locator('.kata-workbench').screenshot({ path: join(SHOTS, 'kata-workbench-ko-390-dark.png') })
    await page.context().close()
  })
})

describe('the simulator playground on the Korean page', () => {
  it('has Korean controls, and the node still prints what a real one does', async () => {
    const page = await freshPage(390, 'light')
    await page.goto(`${korean()}/reference/playground`)
    await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-presets label')).toContain('이야기')
    expect(await page.textContent('.sp-switches legend')).toBe('스위치')
    expect(await page.textContent('.sp-run')).toBe('실행')
    expect(await page.textContent('.sp-manifest-label')).toBe('파드 매니페스트 (examples/pods/web.yaml)')
    expect(await page.locator('.sp-preset option[value="airgap"]').textContent()).toBe('폐쇄망: 레지스트리도, 샌드박스도 없음')
    await page.selectOption('.sp-preset', 'airgap')
    await page.waitForSelector('.sim-playground[data-runs="2"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-status-value')).toBe('ContainerCreating')
    const kubectl = (await page.textContent('.sp-output .terminal-output')) ?? ''
    expect(kubectl).toContain('FailedCreatePodSandBox')
    expect(kubectl).toContain('failed to pull and unpack image "registry.k8s.io/pause:3.8"')
    const controls = await controlsText(page, '.sp-input')
    expect(englishPhrases().filter((phrase) => controls.includes(phrase))).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await hideNavigation(page)
    await page.locator('.sim-playground').screenshot({ path: join(SHOTS, 'sim-playground-ko-390-light.png') })
    await page.locator('.sp-input').screenshot({ path: join(SHOTS, 'sim-controls-ko-390-light.png') })

    // A bad line: the CLI's message as it is, the line pointed at in Korean.
    const manifest = await page.inputValue('.sp-manifest')
    await page.fill('.sp-manifest', manifest.replace('image: nginx:1.27', 'image: ""'))
    await page.click('.sp-run')
    await page.waitForSelector('.sim-playground[data-runs="3"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-error')).toBe('13번째 줄: The Pod "web" is invalid: spec.containers[0].image: Required value')

    await page.selectOption('.sp-preset', 'scenario:airgap-gc-trap')
    await page.waitForSelector('.sim-playground[data-runs="4"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-manifest-label')).toBe('시나리오 파일 (examples/scenarios/airgap-gc-trap.yaml)')
    expect(await seen(page, '.sp-scenario-note')).toBe('시나리오는 자기 노드(node:)를 직접 꾸리고 steps:를 차례로 실행합니다. apply: 경로는 이 파일을 기준으로 합니다.')
    expect(await page.textContent('.sp-mine')).toContain('내 코드(이 브라우저에 있는 카타 파일)로, 참고 답안 옆에')
    expect(await page.textContent('.sp-transcript')).toContain('# node-1: containerd 1.6.20')
    await page.context().close()
  })

  it('shows the door on a Korean chapter in Korean', async () => {
    const page = await freshPage(1280, 'dark')
    await page.goto(`${korean()}/chapters/06-air-gapped`)
    const door = await seen(page, '.sim-in-page')
    expect(door).toContain('이 이야기들을 페이지 안의 시뮬레이터로 돌려 보기')
    expect(door).not.toContain('영어')
    await page.click('.sim-in-page button')
    await page.waitForSelector('.sim-playground[data-runs="1"]', { timeout: 20_000 })
    expect(await page.textContent('.sp-run')).toBe('실행')
    await hideNavigation(page)
    await page.locator('.sim-playground').screenshot({ path: join(SHOTS, 'sim-playground-ko-1280-dark.png') })
    await page.context().close()
  })
})
