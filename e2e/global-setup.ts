/**
 * Builds the docs site once and serves the result on 127.0.0.1, on a port the OS picks, for
 * the browser tests in this folder, and starts the one browser they all connect to
 * (browser.ts). Tests get the address with inject('baseURL').
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { launchBrowserServer, SHARED_BROWSER_ENV } from './browser.ts'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, '.vitepress', 'dist')

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/** The file for a URL path, the way cleanUrls expects it: /a/b → a/b.html, /a/ → a/index.html. */
function fileFor(urlPath: string): string | undefined {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '')
  const candidates = path.endsWith('/') ? [join(path, 'index.html')] : [path, `${path}.html`, join(path, 'index.html')]
  for (const candidate of candidates) {
    const file = resolve(DIST, `.${candidate.startsWith('/') ? '' : '/'}${candidate}`)
    if (file.startsWith(DIST) && existsSync(file) && statSync(file).isFile()) return file
  }
  return undefined
}

function serveDist(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const file = fileFor(url.pathname)
    if (!file) {
      response.writeHead(404, { 'content-type': TYPES['.html']! })
      createReadStream(join(DIST, '404.html')).pipe(response)
      return
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(response)
  })
  return new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => done(server))
  })
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The browser starts while the site builds.
  const browser = launchBrowserServer()
  await run(join(ROOT, 'node_modules', '.bin', 'vitepress'), ['build'], { cwd: ROOT })
  const server = await serveDist()
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
