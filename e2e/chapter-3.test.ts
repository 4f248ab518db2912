/** Chapter 3 in a real browser: the lifecycle diagram and the kata's code. */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { launchBrowser } from './browser.ts'

const sandbox = KATAS.find((kata) => kata.slug === 'sandbox')!
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const response = await page.goto(inject('baseURL') + sandbox.chapter.page)
  expect(response?.status()).toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

it('draws the sandbox lifecycle: Run, Stop, Remove', async () => {
  const text = await page.locator('.sandbox-lifecycle').innerText()
  for (const word of ['SANDBOX_READY', 'SANDBOX_NOTREADY', 'RunPodSandbox', 'StopPodSandbox', 'RemovePodSandbox']) {
    expect(text).toContain(word)
  }
})

it("quotes the CRI's own contract for the calls", async () => {
  const proto = (await page.locator('.vp-doc div[class*="language-protobuf"]').allInnerTexts()).join('\n')
  expect(proto).toContain('rpc RunPodSandbox(RunPodSandboxRequest) returns (RunPodSandboxResponse) {}')
  expect(proto).toContain('// in the sandbox, they must be forcibly terminated and removed.')
})

it('pulls the starter of kata 3 into the page, with the verify command', async () => {
  const code = (await page.locator('.vp-doc div[class*="language-ts"]').allInnerTexts()).join('\n')
  expect(code).toContain('runPodSandbox(request: RunPodSandboxRequest): RunPodSandboxResponse')
  expect(code).toContain('listPodSandbox(request: ListPodSandboxRequest): ListPodSandboxResponse')
  expect(await page.locator('.kata-card').innerText()).toContain('npm run kata -- verify sandbox')
})

it("defines the PodSandbox in the words of the post that introduced the CRI", async () => {
  const quote = await page.locator('.vp-doc blockquote').first().innerText()
  expect(quote).toContain('In CRI, this environment is called PodSandbox.')
  const code = (await page.locator('.vp-doc div[class*="language-ts"]').allInnerTexts()).join('\n')
  expect(code).not.toContain('#region')
})
