/**
 * The registries a node pulls from, and the network between them. Provided machinery: what
 * a real node would learn from DNS, TCP and HTTP, condensed into "this host answers" or "this
 * is the error Go's net/http printed".
 *
 * A resolve tries the hosts of a registry in order — the mirrors from its `hosts.toml`, then
 * the registry itself — as containerd's docker resolver does, and when all fail it reports the
 * FIRST host's error (so a dead mirror hides what upstream said). A host that answers 404 is
 * skipped; if nobody had the image the error is `<ref>: not found`.
 *
 * The error tails are the ones a real containerd 1.6 printed in a closed network namespace
 * (../shared/research/containerd-lab.md §3), one per way of being cut off.
 */
import { createHash } from 'node:crypto'
import type { GrpcCode } from './grpc.ts'
import { parseReference, type ImageReference } from './image-ref.ts'

/** How the node reaches (or fails to reach) the internet. */
export type Connectivity =
  | 'online'
  /** No route at all: only loopback. */
  | 'no-route'
  /** The internal DNS server answers, but knows no public names. */
  | 'dns-nxdomain'
  /** A route exists, but DNS packets are dropped. */
  | 'dns-dropped'
  /** Names resolve, a firewall silently drops connections to :443. */
  | 'tcp-dropped'
  /** Names resolve, but nothing answers on the way (no ARP reply). */
  | 'no-arp'

export const CONNECTIVITIES: readonly Connectivity[] = ['online', 'no-route', 'dns-nxdomain', 'dns-dropped', 'tcp-dropped', 'no-arp']

export interface RegistryOptions {
  connectivity?: Connectivity
  /** The node's DNS server (from /etc/resolv.conf); it shows up in lookup errors. */
  nameserver?: string
  /** The node's own address, the source of dropped DNS queries. */
  nodeIP?: string
  /** Registry host → mirror endpoints, in order, as in `certs.d/<host>/hosts.toml`. */
  mirrors?: Record<string, string[]>
  /** Endpoints reachable inside the closed network (a private mirror that is up) → the refs it holds, or 'all'. */
  reachable?: Record<string, readonly string[] | 'all'>
  /** Normalised refs that even the public registries do not have (a mistyped tag). */
  missing?: string[]
}

/** What a successful resolve finds: the manifest of one image. */
export interface Manifest {
  /** The image id, `sha256:…` (the digest of its config). */
  id: string
  digest: string
  size: number
  /** The endpoint it came from. */
  from: string
}

/**
 * A failed resolve. `message` is worded as containerd wraps it — `failed to do request:
 * Head "<url>": <net error>` — or `<ref>: not found`; `netError` is the bare network error, for
 * runtimes that word the rest differently.
 */
export class RegistryError extends Error {
  override name = 'RegistryError'
  constructor(
    message: string,
    /** The gRPC code containerd maps this to. */
    readonly code: GrpcCode,
    /** How long the attempt took, in milliseconds (a dropped packet waits for a timeout). */
    readonly tookMs: number,
    /** The host that failed first, e.g. `registry.k8s.io`; empty for "not found". */
    readonly host = '',
    /** Go's net error, e.g. `dial tcp: lookup registry.k8s.io on 192.168.49.1:53: no such host`. */
    readonly netError = '',
  ) {
    super(message)
  }
}

/** Where each registry host is on the simulated internet (TEST-NET addresses: nothing real). */
const PUBLIC_ADDRESSES: Record<string, string> = {
  'registry.k8s.io': '192.0.2.50',
  'registry-1.docker.io': '192.0.2.60',
}

/** How long each failure takes before Go gives up, as measured in the lab. */
const FAILURE_MS: Record<Exclude<Connectivity, 'online'>, number> = {
  'no-route': 6,
  'dns-nxdomain': 8,
  'dns-dropped': 10_000,
  'tcp-dropped': 30_000,
  'no-arp': 3_100,
}

export class Registries {
  readonly connectivity: Connectivity
  private readonly nameserver: string
  private readonly nodeIP: string
  private readonly mirrors: Record<string, string[]>
  private readonly reachable: Record<string, Set<string> | 'all'>
  private readonly missing: Set<string>
  private dnsPort = 53475

  constructor(options: RegistryOptions = {}) {
    this.connectivity = options.connectivity ?? 'online'
    this.nameserver = options.nameserver ?? '192.168.49.1'
    this.nodeIP = options.nodeIP ?? '192.168.49.2'
    this.mirrors = options.mirrors ?? {}
    this.reachable = Object.fromEntries(
      Object.entries(options.reachable ?? {}).map(([endpoint, refs]) => [endpoint, refs === 'all' ? 'all' : new Set(refs)]),
    )
    this.missing = new Set(options.missing ?? [])
  }

  /** Adds or replaces the mirrors of one registry host (writing its hosts.toml). */
  setMirrors(host: string, endpoints: string[]): void {
    this.mirrors[host] = endpoints
  }

  /**
   * Finds the manifest of a normalised reference, trying each host in order. Throws a
   * RegistryError with the first host's failure, or `<ref>: not found`.
   */
  resolve(normalized: string): Manifest {
    const ref = parseReference(normalized)
    let first: RegistryError | undefined
    let tookMs = 0
    for (const host of this.hostsFor(ref)) {
      const url = manifestURL(host, ref)
      const outcome = this.request(host, url, normalized)
      if (outcome instanceof RegistryError) {
        tookMs += outcome.tookMs
        first ??= outcome
        continue // containerd logs "trying next host" and goes on
      }
      if (outcome === 'not-found') continue
      return { ...manifestOf(normalized), from: host.endpoint }
    }
    if (first) throw new RegistryError(first.message, first.code, tookMs, first.host, first.netError)
    throw new RegistryError(`${normalized}: not found`, 'NotFound', tookMs)
  }

  /** The mirrors configured for the registry, then the registry itself. */
  private hostsFor(ref: ImageReference): { endpoint: string; mirrorOf?: string }[] {
    const mirrors = (this.mirrors[ref.domain] ?? this.mirrors['_default'] ?? []).map((endpoint) => ({
      endpoint: endpoint.replace(/\/+$/, ''),
      mirrorOf: ref.domain,
    }))
    return [...mirrors, { endpoint: `https://${upstreamHost(ref.domain)}` }]
  }

  private request(host: { endpoint: string }, url: string, normalized: string): RegistryError | 'not-found' | 'ok' {
    const held = this.reachable[host.endpoint]
    if (held) return held === 'all' || held.has(normalized) ? 'ok' : 'not-found'
    const hostname = new URL(host.endpoint).host
    if (isLoopbackOrPrivate(hostname)) {
      // A mirror inside the closed network that is not running.
      return failedRequest(url, hostname, `dial tcp ${withPort(hostname)}: connect: connection refused`, 'Unknown', 8)
    }
    if (this.connectivity === 'online') return this.missing.has(normalized) ? 'not-found' : 'ok'
    const code = this.connectivity === 'tcp-dropped' ? 'DeadlineExceeded' : 'Unknown'
    return failedRequest(url, hostname, this.netError(hostname), code, FAILURE_MS[this.connectivity])
  }

  /** The tail Go's net package prints for each way of being cut off. */
  private netError(hostname: string): string {
    const dns = `${this.nameserver}:53`
    const address = `${PUBLIC_ADDRESSES[hostname] ?? '192.0.2.70'}:443`
    switch (this.connectivity) {
      case 'no-route':
        return `dial tcp: lookup ${hostname} on ${dns}: dial udp ${dns}: connect: network is unreachable`
      case 'dns-nxdomain':
        return `dial tcp: lookup ${hostname} on ${dns}: no such host`
      case 'dns-dropped':
        return `dial tcp: lookup ${hostname} on ${dns}: read udp ${this.nodeIP}:${this.dnsPort++}->${dns}: i/o timeout`
      case 'tcp-dropped':
        return `dial tcp ${address}: i/o timeout`
      default:
        return `dial tcp ${address}: connect: no route to host`
    }
  }
}

function failedRequest(url: string, host: string, cause: string, code: GrpcCode, tookMs: number): RegistryError {
  return new RegistryError(`failed to do request: Head "${url}": ${cause}`, code, tookMs, host, cause)
}

/** Docker Hub's registry API lives on another host than its name. */
function upstreamHost(domain: string): string {
  return domain === 'docker.io' ? 'registry-1.docker.io' : domain
}

function manifestURL(host: { endpoint: string; mirrorOf?: string }, ref: ImageReference): string {
  const reference = ref.digest ?? ref.tag ?? 'latest'
  const base = host.endpoint.endsWith('/v2') ? host.endpoint : `${host.endpoint}/v2`
  // A mirror is told which registry the image really belongs to.
  const ns = host.mirrorOf ? `?ns=${host.mirrorOf}` : ''
  return `${base}/${ref.path}/manifests/${reference}${ns}`
}

function isLoopbackOrPrivate(hostname: string): boolean {
  const host = hostname.replace(/:\d+$/, '')
  return host === 'localhost' || /^127\./.test(host) || /^10\./.test(host) || /^192\.168\./.test(host) || host.endsWith('.internal')
}

function withPort(hostname: string): string {
  return /:\d+$/.test(hostname) ? hostname : `${hostname}:443`
}

/** Sizes of well-known images (compressed, as containerd reports them); others get a stable made-up size. */
const KNOWN_SIZES: Record<string, number> = {
  'registry.k8s.io/pause': 320_368,
  'docker.io/library/nginx': 72_195_292,
  'docker.io/library/busybox': 2_160_406,
  'docker.io/library/redis': 45_893_124,
  'docker.io/library/alpine': 3_653_068,
}

export function manifestOf(normalized: string): Omit<Manifest, 'from'> {
  const hash = createHash('sha256').update(normalized).digest('hex')
  const repo = normalized.replace(/[:@].*$/, '')
  const size = KNOWN_SIZES[repo] ?? 5_000_000 + (parseInt(hash.slice(0, 8), 16) % 60_000_000)
  return {
    id: `sha256:${hash}`,
    digest: `sha256:${createHash('sha256').update(`manifest/${normalized}`).digest('hex')}`,
    size,
  }
}
