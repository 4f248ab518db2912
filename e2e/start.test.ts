/**
 * `npm start`, as the README tells a new learner to run it: the docs site served live on
 * 127.0.0.1, with directions to the kata loop.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { ROOT } from '../workbook/paths.ts'
import { launchBrowser } from './browser.ts'

let server: ChildProcess | undefined
afterAll(() => {
  server?.kill()
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

it('serves the workbook on 127.0.0.1 and says how to start the kata loop', async () => {
  const port = await freePort()
  server = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env: { ...process.env, PORT: String(port) } })
  let output = ''
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toContain('npm run kata')
  expect(output).toContain(`podkata is open at http://127.0.0.1:${port}/`)

  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/chapters/01-pods`)
    await expect.poll(() => page.locator('.vp-doc h1').first().innerText(), { timeout: 30_000 }).toContain('Pods')
    expect(await page.locator('.vp-doc').innerText()).toContain('export function validatePod')
  } finally {
    await browser.close()
  }
})
