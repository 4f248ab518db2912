/**
 * Pod volumes and what a container sees of them. A volume is declared once on the Pod and
 * mounted by any of its containers, each at its own path, read-write or read-only; everything
 * else a container sees is its own image's files. Errors read as Go's os package prints them.
 */
import { KernelError } from './kernel.ts'

/** An emptyDir: created empty with the pod, gone with it. */
export class Volume {
  readonly files = new Map<string, string>()
  constructor(readonly name: string) {}
}

export interface Mount {
  /** Where the container sees the volume, e.g. /usr/share/nginx/html. */
  path: string
  volume: Volume
  readOnly: boolean
}

/** One container's view of files: its image, with volumes mounted over it. */
export class ContainerFiles {
  private readonly image = new Map<string, string>()

  constructor(readonly mounts: readonly Mount[]) {}

  write(path: string, text: string): void {
    const { mount, inside } = this.locate(path)
    if (!mount) return void this.image.set(path, text)
    if (mount.readOnly) throw new KernelError(`open ${path}: read-only file system`, 'EROFS')
    mount.volume.files.set(inside, text)
  }

  /**
   * A file that comes with the container's image (nginx's default index.html, say). A volume
   * mounted over its directory hides it, as a real mount does.
   */
  addImageFile(path: string, text: string): void {
    this.image.set(path, text)
  }

  read(path: string): string {
    const { mount, inside } = this.locate(path)
    const text = mount ? mount.volume.files.get(inside) : this.image.get(path)
    if (text === undefined) throw new KernelError(`open ${path}: no such file or directory`, 'ENOENT')
    return text
  }

  exists(path: string): boolean {
    const { mount, inside } = this.locate(path)
    return mount ? mount.volume.files.has(inside) : this.image.has(path)
  }

  /** The deepest mount that contains the path wins, as in a real mount table. */
  private locate(path: string): { mount?: Mount; inside: string } {
    const matches = this.mounts.filter((m) => path === m.path || path.startsWith(m.path.replace(/\/$/, '') + '/'))
    const mount = matches.sort((a, b) => b.path.length - a.path.length)[0]
    return mount ? { mount, inside: path.slice(mount.path.replace(/\/$/, '').length) || '/' } : { inside: path }
  }
}
