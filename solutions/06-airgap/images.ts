/**
 * Kata 6 — the image half of the node. The reference solution.
 *
 * How a container runtime gets an image, written the way containerd does it, so that an
 * air-gapped node fails the way a real one fails, and each of the three fixes works for the
 * reason it works on a real node:
 *
 *   normalizeReference   `pause:3.9` → `docker.io/library/pause:3.9` (distribution's ParseDockerRef)
 *   Resolver             the hosts to try for a registry (hosts.toml mirrors, then the registry
 *                        itself), one HEAD request each, and which failure to report
 *   pullImage            the links CRI's PullImage adds to a failed resolve
 *   sandboxImageError    the links RunPodSandbox adds on top, per containerd version
 *   criLabels            which images the CRI plugin labels io.cri-containerd.pinned=pinned
 *   imagesToFree         the kubelet's image garbage collector, which honours that pin
 *
 * The network itself — DNS, TCP, what each registry holds — is provided: `network.head(url)`
 * answers one request the way Go's net/http would see it.
 */
import { parseReference } from '../../machinery/images/image-ref.ts'
import { GoError, wrap, type HostsDir, type Manifest, type Network } from '../../machinery/images/registry.ts'
import type { RuntimeProfile } from '../../machinery/runtime/runtime-profiles.ts'

// #region normalize
/**
 * The fully qualified name containerd stores and pulls. A first path component is a registry
 * only if it looks like a host (a dot, a port, or `localhost`); otherwise the image is on
 * Docker Hub, where a name without an owner lives under `library/`. No tag means `:latest`;
 * a digest wins over a tag.
 */
export function normalizeReference(reference: string): string {
  const { name, tag, digest } = parseReference(reference)
  const slash = name.indexOf('/')
  const first = slash === -1 ? '' : name.slice(0, slash)
  const isHost = first === 'localhost' || first.includes('.') || first.includes(':')
  let domain = isHost ? first : 'docker.io'
  let path = isHost ? name.slice(slash + 1) : name
  if (domain === 'index.docker.io') domain = 'docker.io'
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`
  return digest ? `${domain}/${path}@${digest}` : `${domain}/${path}:${tag ?? 'latest'}`
}
// #endregion

/** One endpoint that can answer for a registry, as containerd's RegistryHost holds it. */
export interface RegistryHost {
  scheme: 'http' | 'https'
  /** `host[:port]`, e.g. `registry.k8s.io`, `10.0.0.5:5000`. */
  host: string
  /** The API root, normally `/v2`. */
  path: string
}

/** containerd 1.x reports the first failure; 2.x the one that got furthest (a 404 beats a dead host). */
export type ErrorChoice = 'first' | 'furthest'

export class Resolver {
  constructor(
    /** The runtime's certs.d: registry host (or `_default`) → the mirrors in its hosts.toml. */
    readonly hostsDir: HostsDir,
    /** Answers one HTTP request; provided. */
    readonly network: Network,
    readonly errors: ErrorChoice = 'first',
  ) {}

  // #region hosts
  /**
   * The hosts to try for a registry, in order: the mirrors from its own hosts.toml (or from
   * `_default`'s when it has none), then the registry itself, over HTTPS — Docker Hub's API
   * is on registry-1.docker.io.
   */
  hosts(registry: string): RegistryHost[] {
    const mirrors = this.hostsDir[registry] ?? this.hostsDir['_default'] ?? []
    const upstream: RegistryHost = { scheme: 'https', host: registry === 'docker.io' ? 'registry-1.docker.io' : registry, path: '/v2' }
    return [...mirrors.map(endpointHost), upstream]
  }
  // #endregion

  // #region url
  /**
   * `<scheme>://<host><path>/<repository>/manifests/<tag or digest>`. A host that is not the
   * registry itself is a mirror, and is told which registry the image belongs to: `?ns=`.
   * (Docker Hub's API host registry-1.docker.io counts as docker.io itself.)
   */
  manifestURL(host: RegistryHost, normalized: string): string {
    const { domain, repository, object } = splitNormalized(normalized)
    const url = `${host.scheme}://${host.host}${host.path}/${repository}/manifests/${object}`
    const mirror = host.host !== domain && !(domain === 'docker.io' && host.host === 'registry-1.docker.io')
    return mirror ? `${url}?ns=${domain}` : url
  }
  // #endregion

  // #region resolve
  /**
   * Tries each host until one has the manifest. A 404 sends it to the next host; so does a
   * request that got no answer, whose error is kept. When every host failed, it throws the
   * error it kept: the first failure (containerd 1.x), or — in 2.x — `<ref>: not found` if
   * some host answered 404, since that got further than a dead connection.
   */
  resolve(normalized: string): Manifest {
    let kept: GoError | undefined
    let rank = 0
    for (const host of this.hosts(splitNormalized(normalized).domain)) {
      const url = this.manifestURL(host, normalized)
      const answer = this.network.head(url)
      if (answer.kind === 'found') return answer.manifest
      if (answer.kind === 'not-found') {
        if (this.errors === 'furthest' && rank < 2) {
          kept = notFound(normalized)
          rank = 2
        }
        continue
      }
      if (rank < 1) {
        kept = new GoError(`failed to do request: Head "${url}": ${answer.error}`, answer.code)
        rank = 1
      }
    }
    throw kept ?? notFound(normalized)
  }
  // #endregion
}

// #region pull
/**
 * containerd's CRI PullImage for a normalised reference: resolve it, and word a failure the
 * way the pull path of this runtime does — `client.Pull` (`failed to resolve reference "<ref>"`)
 * or, from 2.1, the transfer service (`failed to resolve image`) — under
 * `failed to pull and unpack image "<ref>"`.
 */
export function pullImage(normalized: string, resolver: Resolver, profile: RuntimeProfile): Manifest {
  try {
    return resolver.resolve(normalized)
  } catch (error) {
    if (!(error instanceof GoError)) throw error
    const resolving = profile.transferService ? 'failed to resolve image' : `failed to resolve reference "${normalized}"`
    throw wrap(`failed to pull and unpack image "${normalized}"`, wrap(resolving, error))
  }
}
// #endregion

// #region sandbox
/**
 * What RunPodSandbox adds when the sandbox image cannot be pulled. `image` is the configured
 * name, as written; `sandboxId` is the new sandbox's id (containerd 2.0–2.2 already made one).
 *   1.6 / 1.7   failed to get sandbox image "<image>": failed to pull image "<image>": …
 *   2.0 – 2.2   failed to start sandbox "<id>": failed to get sandbox image "<image>": failed to pull image "<image>": …
 *   2.3         failed to pull image "<image>": …
 */
export function sandboxImageError(profile: RuntimeProfile, image: string, pullError: GoError, sandboxId: string): GoError {
  const pull = wrap(`failed to pull image "${image}"`, pullError)
  switch (profile.sandboxImageStep) {
    case 'before-network':
      return wrap(`failed to get sandbox image "${image}"`, pull)
    case 'after-network':
      return wrap(`failed to start sandbox "${sandboxId}"`, wrap(`failed to get sandbox image "${image}"`, pull))
    case 'before-start':
      return pull
  }
}
// #endregion

// #region pinned
export const MANAGED_LABEL = 'io.cri-containerd.image'
export const PINNED_LABEL = 'io.cri-containerd.pinned'

/**
 * The labels the CRI plugin puts on an image it takes under its management (a pull, or an
 * image imported into the k8s.io namespace): always `managed`, and `pinned` when the image is
 * the configured sandbox image — on a runtime that pins at all (containerd 1.6.22+, 1.7.3+).
 */
export function criLabels(name: string, sandboxImage: string, pinning: boolean): Record<string, string> {
  const labels: Record<string, string> = { [MANAGED_LABEL]: 'managed' }
  if (pinning && name === normalizeReference(sandboxImage)) labels[PINNED_LABEL] = 'pinned'
  return labels
}
// #endregion

/** What the kubelet's image GC knows about one image (its imageRecord). */
export interface ImageRecord {
  id: string
  size: number
  /** The runtime's recommendation to leave it alone (CRI Image.pinned). */
  pinned: boolean
  /** When the kubelet first saw it, in ms on the node's clock. */
  firstDetected: number
  /** When a container last used it; 0 if never. */
  lastUsed: number
}

// #region gc
/**
 * The kubelet's image GC (image_gc_manager.go, freeSpace over imagesInEvictionOrder): the ids
 * to remove, in order. Images a container uses and pinned images are never candidates; the
 * rest go least recently used first (ties: first detected first), skipping any younger than
 * `minAgeMs`, until `bytesToFree` bytes are freed.
 */
export function imagesToFree(images: readonly ImageRecord[], inUse: ReadonlySet<string>, bytesToFree: number, now: number, minAgeMs = 120_000): string[] {
  const candidates = images
    .filter((image) => !inUse.has(image.id) && !image.pinned)
    .sort((a, b) => a.lastUsed - b.lastUsed || a.firstDetected - b.firstDetected)
  const chosen: string[] = []
  let freed = 0
  for (const image of candidates) {
    if (freed >= bytesToFree) break
    if (image.lastUsed >= now) continue
    if (now - image.firstDetected < minAgeMs) continue
    chosen.push(image.id)
    freed += image.size
  }
  return chosen
}
// #endregion

// ---- helpers -------------------------------------------------------------------------------

/** A hosts.toml `[host."<endpoint>"]`: its URL, with `/v2` as the API root unless it has one. */
export function endpointHost(endpoint: string): RegistryHost {
  const url = new URL(endpoint)
  const path = url.pathname.replace(/\/+$/, '')
  return {
    scheme: url.protocol === 'http:' ? 'http' : 'https',
    host: url.host,
    path: path === '' ? '/v2' : path.endsWith('/v2') ? path : `${path}/v2`,
  }
}

/** `registry.k8s.io/pause:3.10` → { domain: 'registry.k8s.io', repository: 'pause', object: '3.10' }; the digest, when there is one, is the object. */
export function splitNormalized(normalized: string): { domain: string; repository: string; object: string } {
  const at = normalized.indexOf('@')
  const name = at === -1 ? normalized.slice(0, normalized.lastIndexOf(':')) : normalized.slice(0, at)
  const object = at === -1 ? normalized.slice(normalized.lastIndexOf(':') + 1) : normalized.slice(at + 1)
  const slash = name.indexOf('/')
  return { domain: name.slice(0, slash), repository: name.slice(slash + 1), object }
}

/** containerd's error when no host had the image: `<ref>: not found`, gRPC code NotFound. */
export function notFound(normalized: string): GoError {
  return new GoError(`${normalized}: not found`, 'NotFound')
}
