/**
 * Kata 6 — the image half of the node. Your file.
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
  // TODO: parseReference(reference) (provided) gives { name, tag?, digest? } and throws
  //       ReferenceError for what is not a reference.
  // TODO: the first component of name (before the first '/') is a registry host only if it
  //       contains '.' or ':' or is 'localhost'. Otherwise the registry is docker.io and the
  //       whole name is the path. index.docker.io is docker.io too.
  // TODO: on docker.io, a path without '/' lives under 'library/'.
  // TODO: `${domain}/${path}@${digest}` when there is a digest (the tag is dropped), else
  //       `${domain}/${path}:${tag}` with tag 'latest' when none was given.
  throw new Error('TODO: normalizeReference is not written yet')
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
    // TODO: the mirrors: this.hostsDir[registry], or this.hostsDir['_default'] when the registry has
    //       none, each turned into a RegistryHost with endpointHost(endpoint) (provided).
    // TODO: then the registry itself, { scheme: 'https', host: registry, path: '/v2' } — except
    //       docker.io, whose API is at registry-1.docker.io.
    throw new Error('TODO: Resolver.hosts is not written yet')
  }
  // #endregion

  // #region url
  /**
   * `<scheme>://<host><path>/<repository>/manifests/<tag or digest>`. A host that is not the
   * registry itself is a mirror, and is told which registry the image belongs to: `?ns=`.
   * (Docker Hub's API host registry-1.docker.io counts as docker.io itself.)
   */
  manifestURL(host: RegistryHost, normalized: string): string {
    // TODO: splitNormalized(normalized) (provided) gives { domain, repository, object }.
    // TODO: `${scheme}://${host}${path}/${repository}/manifests/${object}`.
    // TODO: a host that is not the registry itself is a mirror: add `?ns=${domain}`. Docker Hub's
    //       registry-1.docker.io is docker.io itself, not a mirror.
    throw new Error('TODO: Resolver.manifestURL is not written yet')
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
    // TODO: for each host of this.hosts(<the registry of normalized>), in order:
    //       this.network.head(this.manifestURL(host, normalized)) answers
    //       { kind: 'found', manifest } → return it;
    //       { kind: 'not-found' } (404) → try the next host;
    //       { kind: 'failed', error, code } → remember
    //         new GoError(`failed to do request: Head "${url}": ${error}`, code), try the next host.
    // TODO: all failed: throw the FIRST failure you remembered; if none (every host said 404),
    //       notFound(normalized) (provided: `<ref>: not found`, code NotFound).
    // TODO: this.errors === 'furthest' (containerd 2.x): a 404 got further than a dead host, so
    //       once any host said 404, throw notFound(normalized) instead of a network failure.
    throw new Error('TODO: Resolver.resolve is not written yet')
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
  // TODO: return resolver.resolve(normalized). If it throws a GoError, add two links with
  //       wrap(context, cause) (provided: `${context}: ${cause.message}`, same code):
  //       `failed to resolve reference "<normalized>"` — or, when profile.transferService,
  //       `failed to resolve image` — and then `failed to pull and unpack image "<normalized>"`.
  throw new Error('TODO: pullImage is not written yet')
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
  // TODO: first wrap(`failed to pull image "<image>"`, pullError). Then, by
  //       profile.sandboxImageStep: 'before-network' (1.x) adds `failed to get sandbox image "<image>"`;
  //       'after-network' (2.0–2.2) adds that and then `failed to start sandbox "<sandboxId>"`;
  //       'before-start' (2.3) adds nothing more.
  throw new Error('TODO: sandboxImageError is not written yet')
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
  // TODO: always { [MANAGED_LABEL]: 'managed' }; add [PINNED_LABEL]: 'pinned' when pinning is on
  //       and name is the sandbox image — compare normalised names (the config may say pause:3.9).
  throw new Error('TODO: criLabels is not written yet')
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
  // TODO: candidates: not in inUse, not pinned; sorted by lastUsed, then firstDetected (oldest first).
  // TODO: walk them; stop once the sizes chosen add up to bytesToFree or more. Skip an image with
  //       lastUsed >= now, or one detected less than minAgeMs ago. Return the ids chosen, in order.
  throw new Error('TODO: imagesToFree is not written yet')
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
