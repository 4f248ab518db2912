/**
 * A built VitePress site served on 127.0.0.1, on a port the OS picks: the browser tests' site
 * (global-setup.ts) and the bench's (bench/site.ts). URLs resolve the way cleanUrls expects.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'

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
function fileFor(root: string, urlPath: string): string | undefined {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '')
  const candidates = path.endsWith('/') ? [join(path, 'index.html')] : [path, `${path}.html`, join(path, 'index.html')]
  for (const candidate of candidates) {
    const file = resolve(root, `.${candidate.startsWith('/') ? '' : '/'}${candidate}`)
    if (file.startsWith(root) && existsSync(file) && statSync(file).isFile()) return file
  }
  return undefined
}

export function serveDir(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const file = fileFor(root, url.pathname)
    if (!file) {
      response.writeHead(404, { 'content-type': TYPES['.html']! })
      const notFound = join(root, '404.html')
      if (existsSync(notFound)) createReadStream(notFound).pipe(response)
      else response.end('not found')
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
