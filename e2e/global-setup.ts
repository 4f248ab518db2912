/**
 * Builds the docs site once and serves the result on 127.0.0.1, on a port the OS picks, for
 * the browser tests in this folder, and starts the one browser they all connect to
 * (browser.ts). Tests get the address with inject('baseURL').
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { launchBrowserServer, SHARED_BROWSER_ENV } from './browser.ts'
import { serveDir } from './serve-dir.ts'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, '.vitepress', 'dist')

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The browser starts while the site builds.
  const browser = launchBrowserServer()
  await run(join(ROOT, 'node_modules', '.bin', 'vitepress'), ['build'], { cwd: ROOT })
  const server = await serveDir(DIST)
  const { port } = server.address() as AddressInfo
  project.provide('baseURL', `http://127.0.0.1:${port}`)
  const { server: browserServer, chromium } = await browser
  // The test workers start after this, with this environment: they connect instead of launching.
  process.env[SHARED_BROWSER_ENV] = browserServer.wsEndpoint()
  console.log(`site tests: driving ${chromium.description}`)
  return async () => {
    delete process.env[SHARED_BROWSER_ENV]
    await Promise.all([browserServer.close(), new Promise<void>((done) => server.close(() => done()))])
  }
}
