/**
 * The runtime's image store and its CRI ImageService: ImageStatus, PullImage, ListImages,
 * RemoveImage, plus `import` (what `ctr -n <namespace> images import` does). Provided
 * machinery; the decisions inside — what a name means, which hosts to ask, how a failure is
 * worded, which images are pinned — are kata 6's, handed in as `images` (an ImagesPart: the
 * reference's or a learner's, chosen by the node's assembly).
 *
 * What the store keeps is containerd's: image *references* (names) per namespace, each
 * pointing at an image and carrying labels. The CRI plugin only looks at namespace `k8s.io`,
 * and shows the references of one image together as one CRI Image.
 *
 * Two behaviours matter for the story:
 * - PullImage always goes to the registry, even when the image is already stored. That is why
 *   the kubelet asks ImageStatus first when the pull policy is IfNotPresent.
 * - An image whose name is the configured sandbox image is labelled pinned
 *   (`io.cri-containerd.pinned=pinned`) when the CRI plugin takes it under management, which
 *   tells the kubelet's image GC to leave it alone.
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
} from '../runtime/cri.ts'
import { GrpcError } from '../runtime/grpc.ts'
import { ReferenceError } from './image-ref.ts'
import { GoError, manifestOf, repositoryOf, type Manifest, type Registries } from './registry.ts'
import type { RuntimeProfile } from '../runtime/runtime-profiles.ts'
import type { ImageRecord, ImagesPart, ResolverLike } from '../parts.ts'

/** The namespace the CRI plugin works in (containerd's `K8sContainerdNamespace`). */
export const CRI_NAMESPACE = 'k8s.io'

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
  /** false: this runtime pins nothing (containerd before 1.6.22 / 1.7.3), whatever its profile says. */
  pinning?: boolean
  /** Kata 6's functions: normalise, resolve, word a failure, pin. */
  images: ImagesPart
  /** The node's clock. */
  now?: () => number
  /** Moves the node's clock while a pull is on the wire. */
  advance?: (ms: number) => void
  /** Notes what the runtime does, for the trace. */
  step?: (text: string) => void
}

/** One image reference in containerd's metadata store. */
interface StoredRef {
  name: string
  id: string
  digest: string
  size: number
  labels: Record<string, string>
}

/** One imported image, as `ctr images import` prints it. */
export interface ImportResult {
  name: string
  digest: string
}

export class ImageStore implements ImageService {
  /** namespace → name → reference. */
  private readonly namespaces = new Map<string, Map<string, StoredRef>>()
  /** image id → when it arrived and when a container last used it, for the kubelet's GC. */
  private readonly usage = new Map<string, { firstDetected: number; lastUsed: number }>()
  readonly images: ImagesPart
  lastPull: PullReport | undefined

  constructor(private readonly options: ImageStoreOptions) {
    this.images = options.images
  }

  get sandboxImage(): string {
    return this.options.sandboxImage
  }

  get profile(): RuntimeProfile {
    return this.options.profile
  }

  /** How this runtime pins: its profile's way, unless pinning was switched off. */
  get pinning(): RuntimeProfile['pinning'] {
    return this.options.pinning === false ? 'none' : this.options.profile.pinning
  }

  /** The resolver over the node's current hosts.toml files. */
  resolver(): ResolverLike {
    const { registries, profile } = this.options
    return new this.images.Resolver(registries.hostsDir, registries, profile.resolveErrors)
  }

  /** The stored image a reference or an image id names, in the CRI's namespace, if any. */
  find(reference: string): Image | undefined {
    const refs = this.refs(CRI_NAMESPACE)
    if (reference.startsWith('sha256:')) return this.criImage([...refs.values()].filter((r) => r.id === reference))
    const ref = refs.get(this.normalizeOrThrow(reference))
    return ref ? this.criImage([...refs.values()].filter((r) => r.id === ref.id)) : undefined
  }

  imageStatus(request: ImageStatusRequest): ImageStatusResponse {
    // Not present is not an error: the answer just has no image.
    return { image: this.find(request.image.image) ?? null, info: {} }
  }

  listImages(_request: ListImagesRequest): ListImagesResponse {
    const byId = new Map<string, StoredRef[]>()
    for (const ref of this.refs(CRI_NAMESPACE).values()) byId.set(ref.id, [...(byId.get(ref.id) ?? []), ref])
    return { images: [...byId.values()].map((refs) => this.criImage(refs)!) }
  }

  pullImage(request: PullImageRequest): PullImageResponse {
    const normalized = this.normalizeOrThrow(request.image.image)
    const { registries, profile } = this.options
    const asked = registries.requests.length
    let manifest: Manifest
    try {
      manifest = this.images.pullImage(normalized, this.resolver(), profile)
    } catch (error) {
      if (!(error instanceof GoError)) throw error
      const failed = registries.requests.slice(asked).find((r) => r.result.kind === 'failed')
      const cause = failed?.result.kind === 'failed' ? failed.result.error : `${normalized}: not found`
      this.options.step?.(`✗ ${cause}`)
      if (profile.family === 'cri-o') throw new GrpcError(error.code, crioPullError(normalized, failed?.url, cause))
      throw new GrpcError(error.code, error.message)
    }
    const found = registries.requests.slice(asked).findLast((r) => r.result.kind === 'found')
    const from = found ? new URL(found.url).origin : ''
    const tookMs = 250 + Math.round(manifest.size / 25_000) // ~25 MB/s
    this.options.advance?.(tookMs)
    this.options.step?.(`fetched from ${found ? new URL(found.url).host : 'the registry'}, unpacked`)
    this.adopt(normalized, manifest, 'pull')
    this.lastPull = { imageRef: manifest.id, size: manifest.size, from, tookMs }
    return { imageRef: manifest.id }
  }

  removeImage(request: RemoveImageRequest): RemoveImageResponse {
    const image = this.find(request.image.image)
    // Removing what is not there succeeds, as in containerd. Every name of the image goes.
    if (image) {
      const refs = this.refs(CRI_NAMESPACE)
      for (const [name, ref] of refs) if (ref.id === image.id) refs.delete(name)
      this.usage.delete(image.id)
    }
    return {}
  }

  /**
   * `ctr -n <namespace> images import`: the image arrives from a tarball, no registry involved.
   * Its name is normalised as containerd's importer does. In `k8s.io` the CRI plugin sees it
   * (and labels it); in any other namespace it is invisible to the kubelet.
   */
  import(reference: string, namespace = CRI_NAMESPACE): ImportResult {
    const normalized = this.normalizeOrThrow(reference)
    const manifest = manifestOf(normalized)
    if (namespace === CRI_NAMESPACE) this.adopt(normalized, manifest, 'import')
    else this.refs(namespace).set(normalized, { name: normalized, ...manifest, labels: {} })
    return { name: normalized, digest: manifest.digest }
  }

  /** The names stored in a namespace other than the CRI's (what `ctr -n <ns> images ls` would list). */
  namesIn(namespace: string): string[] {
    return [...this.refs(namespace).keys()]
  }

  /**
   * A new sandbox image in the runtime's configuration, then a restart of the runtime. On a
   * runtime that relabels at start (containerd 2.x) every image gets the labels it lacks; 1.x
   * leaves images it already manages as they are.
   */
  setSandboxImage(reference: string): void {
    this.options.sandboxImage = reference
    if (this.pinning !== 'labels-and-restart') return
    for (const ref of this.refs(CRI_NAMESPACE).values()) {
      ref.labels = { ...ref.labels, ...this.labelsFor(ref.name) }
    }
  }

  /** A container was created from this image: the kubelet's GC sees it as used now. */
  markUsed(imageId: string, at: number): void {
    const record = this.usage.get(imageId)
    if (record) record.lastUsed = at
  }

  /** What the kubelet's image GC knows about each image in the CRI's namespace. */
  gcRecords(): ImageRecord[] {
    return this.listImages({}).images.map((image) => ({
      id: image.id,
      size: Number(image.size),
      pinned: image.pinned,
      firstDetected: this.usage.get(image.id)?.firstDetected ?? 0,
      lastUsed: this.usage.get(image.id)?.lastUsed ?? 0,
    }))
  }

  /** The labels of a stored reference, in the CRI's namespace. */
  labelsOf(reference: string): Record<string, string> | undefined {
    const ref = this.refs(CRI_NAMESPACE).get(this.normalizeOrThrow(reference))
    return ref ? { ...ref.labels } : undefined
  }

  /**
   * The CRI plugin takes a reference under management: after a pull (labels are added, never
   * taken away), or when an image appears in `k8s.io` (a new name is labelled; a name it
   * already manages keeps its labels — except that 2.x adds any it lacks).
   */
  private adopt(name: string, manifest: Manifest, how: 'pull' | 'import'): void {
    const refs = this.refs(CRI_NAMESPACE)
    const existing = refs.get(name)
    const labels = this.labelsFor(name)
    const keepOnly = how === 'import' && existing && this.pinning !== 'labels-and-restart'
    refs.set(name, { name, ...manifest, labels: existing ? (keepOnly ? existing.labels : { ...existing.labels, ...labels }) : labels })
    if (!this.usage.has(manifest.id)) this.usage.set(manifest.id, { firstDetected: this.options.now?.() ?? 0, lastUsed: 0 })
  }

  private labelsFor(name: string): Record<string, string> {
    const pinning = this.pinning
    return this.images.criLabels(name, this.options.sandboxImage, pinning === 'labels' || pinning === 'labels-and-restart')
  }

  /** The CRI view of one image: all its names, its digests, and whether it is pinned. */
  private criImage(refs: StoredRef[]): Image | undefined {
    const [first] = refs
    if (!first) return undefined
    const names = refs.map((r) => r.name).sort()
    const pinned =
      this.pinning === 'config'
        ? names.includes(this.normalizeOrThrow(this.options.sandboxImage))
        : this.pinning !== 'none' && refs.some((r) => r.labels[this.images.PINNED_LABEL] === 'pinned')
    return {
      id: first.id,
      repoTags: names.filter((n) => !n.includes('@')),
      repoDigests: [...new Set(names.map((n) => `${repositoryOf(n)}@${first.digest}`))],
      size: String(first.size),
      pinned,
    }
  }

  private refs(namespace: string): Map<string, StoredRef> {
    let refs = this.namespaces.get(namespace)
    if (!refs) {
      refs = new Map()
      this.namespaces.set(namespace, refs)
    }
    return refs
  }

  private normalizeOrThrow(reference: string): string {
    try {
      return this.images.normalizeReference(reference)
    } catch (error) {
      if (error instanceof ReferenceError) {
        throw new GrpcError('InvalidArgument', `failed to parse image reference "${reference}": ${error.message}`)
      }
      throw error
    }
  }
}

/**
 * CRI-O's words for a failed pull (containers/image under CRI-O 1.36): the first request is a
 * ping of the registry's `/v2/`, and a network failure there surfaces as
 * `unable to pull image: initializing source docker://<image>: pinging container registry <host>: Get "https://<host>/v2/": <net error>`.
 */
function crioPullError(normalized: string, failedUrl: string | undefined, cause: string): string {
  const familiar = normalized.replace(/^docker\.io\/(?:library\/)?/, '')
  if (!failedUrl) {
    const repository = repositoryOf(normalized)
    const object = normalized.slice(repository.length + 1)
    return `unable to pull image: initializing source docker://${familiar}: reading manifest ${object} in ${repository}: manifest unknown`
  }
  const host = new URL(failedUrl).host
  return `unable to pull image: initializing source docker://${familiar}: pinging container registry ${host}: Get "https://${host}/v2/": ${cause}`
}
