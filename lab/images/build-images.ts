/**
 * The lab's three images, built offline at lab time into the scratch folder (nothing binary is
 * committed): the sandbox image under the exact name containerd 1.6 wants, a non-reaping pause
 * for contrast, and a busybox app image from Debian's busybox-static.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildImage, type BuiltImage, type ImageFile } from './image-archive.ts'

export const PAUSE_SOURCE = fileURLToPath(new URL('./pause.c', import.meta.url))
export const BUSYBOX = '/bin/busybox'

/** containerd 1.6's default sandbox_image: the name the import must match exactly. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.6'
export const PAUSE_NOREAP_IMAGE = 'podkata.local/pause-noreap:0.1'
export const APP_IMAGE = 'podkata.local/busybox:1.35'

/** The applets the lab's app container calls by name. */
const APPLETS = ['sh', 'sleep', 'ps', 'ip', 'cat', 'echo', 'ls', 'readlink', 'hostname', 'kill']

export interface LabImage extends BuiltImage {
  /** Where the archive was written. */
  file: string
}

function compilePause(out: string, reap: boolean): Buffer {
  execFileSync('gcc', ['-Os', '-static', '-Wall', '-Werror', ...(reap ? [] : ['-DNO_REAP']), '-o', out, PAUSE_SOURCE], { stdio: 'pipe' })
  execFileSync('strip', [out], { stdio: 'pipe' })
  return readFileSync(out)
}

async function write(image: Promise<BuiltImage>, dir: string, name: string): Promise<LabImage> {
  const built = await image
  const file = join(dir, name)
  writeFileSync(file, built.archive)
  return { ...built, file }
}

export function pauseImageFiles(binary: Buffer): ImageFile[] {
  return [{ path: 'pause', content: binary, mode: 0o755 }]
}

export function busyboxImageFiles(binary: Buffer): ImageFile[] {
  return [
    { path: 'bin', directory: true },
    { path: 'bin/busybox', content: binary, mode: 0o755 },
    ...APPLETS.map((applet) => ({ path: `bin/${applet}`, symlink: 'busybox' })),
    { path: 'tmp', directory: true },
  ]
}

export async function buildLabImages(dir: string): Promise<{ pause: LabImage; pauseNoReap: LabImage; app: LabImage }> {
  const pauseBinary = compilePause(join(dir, 'pause'), true)
  const noReapBinary = compilePause(join(dir, 'pause-noreap'), false)
  const [pause, pauseNoReap, app] = await Promise.all([
    write(buildImage({ reference: PAUSE_IMAGE, files: pauseImageFiles(pauseBinary), entrypoint: ['/pause'] }), dir, 'pause.tar'),
    write(buildImage({ reference: PAUSE_NOREAP_IMAGE, files: pauseImageFiles(noReapBinary), entrypoint: ['/pause'] }), dir, 'pause-noreap.tar'),
    write(buildImage({ reference: APP_IMAGE, files: busyboxImageFiles(readFileSync(BUSYBOX)), entrypoint: ['/bin/sh'] }), dir, 'busybox.tar'),
  ])
  return { pause, pauseNoReap, app }
}
