/**
 * The lab's private mirror: a read-only OCI Distribution API over the images the lab built,
 * just enough for containerd to resolve a tag and pull (HEAD/GET manifest, GET blob). It is run
 * inside the lab's network namespace, on its loopback, so only the lab's containerd can reach it.
 *
 * registry-main.ts runs it; catalog.json: { "blobsDir": "…", "tags": { "<repository>:<tag>": "<manifest digest>" } }.
 * Each request is logged on one line, so the lab can show what containerd asked for.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MEDIA_TYPES } from './image-archive.ts'

export interface Catalog {
  blobsDir: string
  tags: Record<string, string>
}

export function registryHandler(catalog: Catalog, log: (line: string) => void) {
  const blob = (digest: string) => {
    const file = join(catalog.blobsDir, digest.replace(/^sha256:/, ''))
    return /^sha256:[0-9a-f]{64}$/.test(digest) && existsSync(file) ? readFileSync(file) : undefined
  }
  return (method: string, url: string): { status: number; headers: Record<string, string>; body: Buffer } => {
    const { pathname } = new URL(url, 'http://registry')
    log(`${method} ${url}`)
    const json = (status: number, value: unknown) => ({ status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) })
    if (pathname === '/v2/' || pathname === '/v2') return json(200, {})
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(pathname)
    if (manifest) {
      const [, repository, reference] = manifest
      const digest = reference!.startsWith('sha256:') ? reference! : catalog.tags[`${repository}:${reference}`]
      const body = digest ? blob(digest) : undefined
      if (!digest || !body) return json(404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] })
      return { status: 200, headers: { 'content-type': MEDIA_TYPES.manifest, 'docker-content-digest': digest }, body }
    }
    const blobMatch = /^\/v2\/.+\/blobs\/(sha256:[0-9a-f]{64})$/.exec(pathname)
    const body = blobMatch ? blob(blobMatch[1]!) : undefined
    if (body) return { status: 200, headers: { 'content-type': 'application/octet-stream', 'docker-content-digest': blobMatch![1]! }, body }
    return json(404, { errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown' }] })
  }
}
