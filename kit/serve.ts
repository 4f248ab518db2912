/**
 * A static server for a built site, on 127.0.0.1 and a port the OS picks, with VitePress's
 * clean URLs (/a/b → a/b.html). The kit prints pages from it; nothing else listens.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

function fileFor(root: string, urlPath: string): string | undefined {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '')
  const candidates = path.endsWith('/') ? [join(path, 'index.html')] : [path, `${path}.html`, join(path, 'index.html')]
  for (const candidate of candidates) {
    const file = resolve(root, `.${candidate.startsWith('/') ? '' : '/'}${candidate}`)
    if (file.startsWith(root) && existsSync(file) && statSync(file).isFile()) return file
  }
  return undefined
}

export interface StaticSite {
  url: string
  close(): Promise<void>
}

export function serveStatic(root: string): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    const file = fileFor(root, new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    if (!file) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(response)
  })
  return new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      done({ url: `http://127.0.0.1:${port}`, close: () => new Promise((closed) => server.close(() => closed())) })
    })
  })
}
