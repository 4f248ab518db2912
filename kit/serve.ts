/**
 * The built site with the handout pages, served on 127.0.0.1 and a port the OS picks, with
 * VitePress's clean URLs (the browser tests' server, e2e/serve-dir.ts). The kit prints pages
 * from it; nothing else listens.
 */
import type { AddressInfo } from 'node:net'
import { serveDir } from '../e2e/serve-dir.ts'

export interface StaticSite {
  url: string
  close(): Promise<void>
}

export async function serveStatic(root: string): Promise<StaticSite> {
  const server = await serveDir(root)
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((closed) => server.close(() => closed())) }
}
