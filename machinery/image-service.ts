/**
 * The runtime's image store and its CRI ImageService: ImageStatus, PullImage, ListImages,
 * RemoveImage, plus `import` (what `ctr -n k8s.io images import` does). Provided machinery in
 * chapter 4; chapter 6 takes it apart.
 *
 * Two behaviours matter for the story:
 * - PullImage always goes to the registry, even when the image is already stored. That is why
 *   the kubelet asks ImageStatus first when the pull policy is IfNotPresent.
 * - An image whose name is the configured sandbox image is labelled pinned
 *   (`io.cri-containerd.pinned=pinned`), which tells the kubelet's image GC to leave it alone.
 */
import type {
  Image,
  ImageService,
  ImageStatusRequest,
  ImageStatusResponse,
  ListImagesRequest,
  ListImagesResponse,
  PullImageRequest,
  PullImageResponse,
  RemoveImageRequest,
  RemoveImageResponse,
} from './cri.ts'
import { GrpcError } from './grpc.ts'
import { normalizeReference, ReferenceError } from './image-ref.ts'
import { manifestOf, RegistryError, type Registries } from './registry.ts'
import type { RuntimeProfile } from './runtime-profiles.ts'

/** What happened during a pull, for traces and the Pulled event. */
export interface PullReport {
  imageRef: string
  size: number
  from: string
  tookMs: number
}

export interface ImageStoreOptions {
  profile: RuntimeProfile
  registries: Registries
  /** The runtime's configured sandbox image, the one it pins. */
  sandboxImage: string
  /** Whether this runtime pins the sandbox image (containerd ≥ 1.6.22 / 1.7.3). */
  pinning?: boolean
  /** Moves the node's clock while a pull is on the wire. */
  advance?: (ms: number) => void
  /** Notes what the runtime does, for the trace. */
  step?: (text: string) => void
}

export class ImageStore implements ImageService {
  private readonly images = new Map<string, Image>()
  lastPull: PullReport | undefined

  constructor(private readonly options: ImageStoreOptions) {}

  get sandboxImage(): string {
    return this.options.sandboxImage
  }

  /** The stored image a reference or an image id names, if any. */
  find(reference: string): Image | undefined {
    if (reference.startsWith('sha256:')) return this.images.get(reference)
    const normalized = normalizeOrThrow(reference)
    return [...this.images.values()].find((image) => image.repoTags.includes(normalized))
  }

  imageStatus(request: ImageStatusRequest): ImageStatusResponse {
    // Not present is not an error: the answer just has no image.
    return { image: this.find(request.image.image) ?? null, info: {} }
  }

  listImages(_request: ListImagesRequest): ListImagesResponse {
    return { images: [...this.images.values()] }
  }

  pullImage(request: PullImageRequest): PullImageResponse {
    const normalized = normalizeOrThrow(request.image.image)
    const { registries, profile } = this.options
    try {
      const manifest = registries.resolve(normalized)
      const tookMs = 250 + Math.round(manifest.size / 25_000) // ~25 MB/s
      this.options.advance?.(tookMs)
      this.options.step?.(`fetched from ${new URL(manifest.from).host}, unpacked`)
      this.store(normalized, manifest.id, manifest.digest, manifest.size)
      this.lastPull = { imageRef: manifest.id, size: manifest.size, from: manifest.from, tookMs }
      return { imageRef: manifest.id }
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error
      this.options.advance?.(error.tookMs)
      this.options.step?.(`✗ ${error.netError || error.message}`)
      const resolve = profile.transferService ? 'failed to resolve image' : `failed to resolve reference "${normalized}"`
      throw new GrpcError(error.code, `failed to pull and unpack image "${normalized}": ${resolve}: ${error.message}`)
    }
  }

  removeImage(request: RemoveImageRequest): RemoveImageResponse {
    const image = this.find(request.image.image)
    // Removing what is not there succeeds, as in containerd.
    if (image) this.images.delete(image.id)
    return {}
  }

  /** `ctr -n k8s.io images import`: the image arrives from a tarball, no registry involved. */
  import(reference: string): Image {
    const normalized = normalizeOrThrow(reference)
    const manifest = manifestOf(normalized)
    return this.store(normalized, manifest.id, manifest.digest, manifest.size)
  }

  /** Makes sure a pinned flag matches the current configuration (after the sandbox image changes). */
  setSandboxImage(reference: string): void {
    this.options.sandboxImage = reference
    for (const image of this.images.values()) image.pinned = this.isPinned(image.repoTags)
  }

  private store(normalized: string, id: string, digest: string, size: number): Image {
    const repo = normalized.replace(/[:@].*$/, '')
    const existing = this.images.get(id)
    const repoTags = [...new Set([...(existing?.repoTags ?? []), normalized])]
    // A tag now on this image is taken off any other image that had it.
    for (const other of this.images.values()) {
      if (other.id !== id) other.repoTags = other.repoTags.filter((tag) => tag !== normalized)
    }
    const image: Image = {
      id,
      repoTags,
      repoDigests: [`${repo}@${digest}`],
      size: String(size),
      pinned: this.isPinned(repoTags),
    }
    this.images.set(id, image)
    return image
  }

  private isPinned(repoTags: string[]): boolean {
    if (this.options.pinning === false) return false
    const sandbox = safeNormalize(this.options.sandboxImage)
    return sandbox !== undefined && repoTags.includes(sandbox)
  }
}

function normalizeOrThrow(reference: string): string {
  try {
    return normalizeReference(reference)
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new GrpcError('InvalidArgument', `failed to parse image reference "${reference}": ${error.message}`)
    }
    throw error
  }
}

function safeNormalize(reference: string): string | undefined {
  try {
    return normalizeReference(reference)
  } catch {
    return undefined
  }
}
