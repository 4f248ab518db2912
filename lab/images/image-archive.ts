/**
 * An image archive that `ctr -n k8s.io images import` accepts, built from a few files in
 * memory: an OCI image layout (oci-layout, index.json, blobs/sha256/…) with a Docker-style
 * manifest.json beside it, the way `ctr images export` lays its archives out.
 *
 * Reproducible: the same files give the same bytes, hence the same digests, every time. Every
 * tar entry has mtime 0, uid/gid 0 and no user names; entries are sorted; the config has no
 * `created` time; gzip writes no timestamp. tar-stream writes the tar headers.
 */
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import tar from 'tar-stream'

export type ImageFile =
  | { path: string; content: Buffer; mode: number }
  | { path: string; symlink: string }
  | { path: string; directory: true }

export interface ImageSpec {
  /** The full reference the image is imported as, e.g. `registry.k8s.io/pause:3.6`. */
  reference: string
  files: ImageFile[]
  entrypoint: string[]
  cmd?: string[]
}

export interface BuiltImage {
  reference: string
  archive: Buffer
  /** The manifest's digest: what `ctr images import` prints and a registry serves. */
  manifestDigest: string
  /** The config's digest: the image id CRI reports (`sha256:…`). */
  configDigest: string
  /** Config, layer and manifest, for a registry to serve. */
  blobs: Blob[]
}

export interface Blob {
  digest: string
  mediaType: string
  content: Buffer
}

const EPOCH = new Date(0)

export const MEDIA_TYPES = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  index: 'application/vnd.oci.image.index.v1+json',
} as const

function sha256(content: Buffer): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`
}

/** One tar entry before the fixed fields are added. */
interface TarEntry {
  header: { name: string; type: 'file' | 'symlink' | 'directory'; mode: number; linkname?: string }
  content?: Buffer
}

/** A tar of these entries, in this order, with nothing from the machine that builds it. */
async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack()
  const chunks: Buffer[] = []
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer)
  })()
  for (const { header, content } of entries) {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ ...header, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH }, content ?? Buffer.alloc(0), (error) => (error ? reject(error) : resolve())),
    )
  }
  pack.finalize()
  await done
  return Buffer.concat(chunks)
}

function layerEntries(files: ImageFile[]): TarEntry[] {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => {
      if ('content' in file) return { header: { name: file.path, type: 'file' as const, mode: file.mode }, content: file.content }
      if ('symlink' in file) return { header: { name: file.path, type: 'symlink' as const, linkname: file.symlink, mode: 0o777 } }
      return { header: { name: `${file.path.replace(/\/$/, '')}/`, type: 'directory' as const, mode: 0o755 } }
    })
}

/** The platform the image is for: this machine's, as OCI names it. */
export function ociArchitecture(arch: string = process.arch): string {
  const names: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' }
  return names[arch] ?? arch
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value))
}

export async function buildImage(spec: ImageSpec): Promise<BuiltImage> {
  const layerTar = await tarOf(layerEntries(spec.files))
  // level 9 and no name or mtime in the gzip header: the same bytes on every build.
  const layer = gzipSync(layerTar, { level: 9 })
  const config = json({
    architecture: ociArchitecture(),
    os: 'linux',
    config: { Entrypoint: spec.entrypoint, ...(spec.cmd ? { Cmd: spec.cmd } : {}), WorkingDir: '/' },
    rootfs: { type: 'layers', diff_ids: [sha256(layerTar)] },
  })
  const manifest = json({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.manifest,
    config: { mediaType: MEDIA_TYPES.config, digest: sha256(config), size: config.length },
    layers: [{ mediaType: MEDIA_TYPES.layer, digest: sha256(layer), size: layer.length }],
  })
  const tag = spec.reference.slice(spec.reference.lastIndexOf(':') + 1)
  const index = json({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.index,
    manifests: [
      {
        mediaType: MEDIA_TYPES.manifest,
        digest: sha256(manifest),
        size: manifest.length,
        annotations: { 'io.containerd.image.name': spec.reference, 'org.opencontainers.image.ref.name': tag },
      },
    ],
  })
  const blobs: Blob[] = [
    { digest: sha256(config), mediaType: MEDIA_TYPES.config, content: config },
    { digest: sha256(layer), mediaType: MEDIA_TYPES.layer, content: layer },
    { digest: sha256(manifest), mediaType: MEDIA_TYPES.manifest, content: manifest },
  ]
  const path = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`
  const dockerManifest = json([{ Config: path(sha256(config)), RepoTags: [spec.reference], Layers: [path(sha256(layer))] }])
  const outer: TarEntry[] = [
    { header: { name: 'blobs/', type: 'directory', mode: 0o755 } },
    { header: { name: 'blobs/sha256/', type: 'directory', mode: 0o755 } },
    ...[...blobs].sort((a, b) => (a.digest < b.digest ? -1 : 1)).map((blob) => ({ header: { name: path(blob.digest), type: 'file' as const, mode: 0o644 }, content: blob.content })),
    { header: { name: 'index.json', type: 'file', mode: 0o644 }, content: index },
    { header: { name: 'manifest.json', type: 'file', mode: 0o644 }, content: dockerManifest },
    { header: { name: 'oci-layout', type: 'file', mode: 0o644 }, content: json({ imageLayoutVersion: '1.0.0' }) },
  ]
  return { reference: spec.reference, archive: await tarOf(outer), manifestDigest: sha256(manifest), configDigest: sha256(config), blobs }
}
