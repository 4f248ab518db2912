/**
 * The registries a node pulls from, and the network between them. Provided machinery: what a
 * real node learns from DNS, TCP and HTTP, condensed into the answer to one HTTP request —
 * "here is the manifest", "404", or the error Go's net/http printed because no answer came.
 *
 * Kata 6 builds containerd's side on top of this: which hosts to try for a registry (the
 * mirrors of its hosts.toml, then the registry itself), the URL of each request, which error
 * to report when all of them fail, and how each layer of the runtime wraps that error.
 *
 * The network errors are the ones a real containerd 1.6 printed in a closed network namespace
 * (../shared/research/containerd-lab.md §3), one for each way a node can be cut off.
 */
import { sha256Hex } from '../node/sha256.ts'
import type { GrpcCode } from '../runtime/grpc.ts'

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

/** How each way of being cut off looks from the node, in words, for headers and docs. */
export const CONNECTIVITY_WORDS: Record<Connectivity, string> = {
  online: 'online',
  'no-route': 'no route anywhere (only loopback)',
  'dns-nxdomain': 'the internal DNS knows no public names',
  'dns-dropped': 'DNS packets are dropped',
  'tcp-dropped': 'a firewall drops connections to :443',
  'no-arp': 'nothing answers on the way (no ARP reply)',
}

/**
 * A Go error as it travels up through containerd: its text, and the gRPC code that
 * `errdefs.ToGRPC` will give it when it leaves the runtime.
 */
export class GoError extends Error {
  override name = 'GoError'
  constructor(
    message: string,
    readonly code: GrpcCode = 'Unknown',
  ) {
    super(message)
  }
}

/**
 * `fmt.Errorf("<context>: %w", cause)`: the same error with one more link in front. The code
 * stays the cause's, as `errors.Is` still finds what is wrapped.
 */
export function wrap(context: string, cause: GoError): GoError {
  return new GoError(`${context}: ${cause.message}`, cause.code)
}

/** What a successful resolve finds: the manifest of one image. */
export interface Manifest {
  /** The image id, `sha256:…` (the digest of its config). */
  id: string
  /** The digest of the manifest itself, what `ctr images import` prints. */
  digest: string
  /** Bytes, compressed, as containerd reports them. */
  size: number
}

/** The answer to one `HEAD …/manifests/<tag>` request. */
export type HeadResult =
  /** 200: the registry has it. */
  | { kind: 'found'; manifest: Manifest }
  /** 404: the registry answered, and has no such image. */
  | { kind: 'not-found' }
  /**
   * No HTTP answer at all. `error` is Go's net error as printed, e.g.
   * `dial tcp: lookup registry.k8s.io on 192.168.49.1:53: no such host`; `code` is what
   * containerd will make of it (a timeout becomes DeadlineExceeded).
   */
  | { kind: 'failed'; error: string; code: GrpcCode }

/** The network as the runtime's resolver sees it: one request at a time. */
export interface Network {
  head(url: string): HeadResult
}

/** One request made, for traces and tests. */
export interface RequestRecord {
  url: string
  result: HeadResult
}

/** Registry host (or `_default`) → mirror endpoints, in order: a certs.d directory of hosts.toml files. */
export type HostsDir = Record<string, string[]>

export interface RegistryOptions {
  connectivity?: Connectivity
  /** The node's DNS server (from /etc/resolv.conf); it shows up in lookup errors. */
  nameserver?: string
  /** The node's own address, the source of dropped DNS queries. */
  nodeIP?: string
  /** The runtime's certs.d: registry host → mirror endpoints, as in `certs.d/<host>/hosts.toml`. */
  mirrors?: HostsDir
  /**
   * Endpoints that answer inside the closed network (a private mirror or registry that is up)
   * → the normalised refs they hold, or 'all'. Any other private endpoint refuses connections.
   */
  reachable?: Record<string, readonly string[] | 'all'>
  /** Normalised refs that even the public registries do not have (a mistyped tag). */
  missing?: string[]
  /** Moves the node's clock while a request is on the wire. */
  advance?: (ms: number) => void
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

/** A refused connection to a private endpoint that is down: lab variant 6. */
const REFUSED_MS = 8
/** One answered HEAD request on a quiet network. */
const ANSWER_MS = 0

export class Registries implements Network {
  readonly connectivity: Connectivity
  /** The hosts.toml files, by registry host; change with setMirrors. */
  readonly hostsDir: HostsDir
  /** Every request made, oldest first. */
  readonly requests: RequestRecord[] = []
  private readonly nameserver: string
  private readonly nodeIP: string
  private readonly reachable: Map<string, Set<string> | 'all'>
  private readonly missing: Set<string>
  private readonly advance: (ms: number) => void
  private dnsPort = 53475

  constructor(options: RegistryOptions = {}) {
    this.connectivity = options.connectivity ?? 'online'
    this.nameserver = options.nameserver ?? '192.168.49.1'
    this.nodeIP = options.nodeIP ?? '192.168.49.2'
    this.hostsDir = { ...(options.mirrors ?? {}) }
    this.reachable = new Map(Object.entries(options.reachable ?? {}).map(([endpoint, refs]) => [trimEndpoint(endpoint), refs === 'all' ? 'all' : new Set(refs)]))
    this.missing = new Set(options.missing ?? [])
    this.advance = options.advance ?? (() => {})
  }

  /** Writes `certs.d/<host>/hosts.toml` with these mirrors (containerd reads it on the next pull). */
  setMirrors(host: string, endpoints: string[]): void {
    this.hostsDir[host] = [...endpoints]
  }

  /** Makes a private endpoint answer (true: it holds every image) or refuse connections. */
  setReachable(endpoint: string, holds: readonly string[] | 'all' | false): void {
    if (holds === false) this.reachable.delete(trimEndpoint(endpoint))
    else this.reachable.set(trimEndpoint(endpoint), holds === 'all' ? 'all' : new Set(holds))
  }

  /** One `HEAD <url>`: the answer, or the network error. */
  head(url: string): HeadResult {
    const result = this.answer(url)
    this.advance(result.kind === 'failed' ? this.failureMs(url) : ANSWER_MS)
    this.requests.push({ url, result })
    return result
  }

  private answer(url: string): HeadResult {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return { kind: 'failed', error: `parse "${url}": invalid URL`, code: 'Unknown' }
    }
    const endpoint = `${parsed.protocol}//${parsed.host}`
    const wanted = imageAskedFor(parsed)
    const held = this.reachable.get(endpoint)
    if (held) {
      if (wanted && (held === 'all' || held.has(wanted))) return { kind: 'found', manifest: manifestOf(wanted) }
      return { kind: 'not-found' }
    }
    const hostname = parsed.host
    if (isPrivate(parsed.hostname)) {
      // An endpoint inside the closed network that is not running.
      return { kind: 'failed', error: `dial tcp ${withPort(parsed)}: connect: connection refused`, code: 'Unknown' }
    }
    if (this.connectivity === 'online') {
      if (!wanted || this.missing.has(wanted)) return { kind: 'not-found' }
      return { kind: 'found', manifest: manifestOf(wanted) }
    }
    const code = this.connectivity === 'tcp-dropped' ? 'DeadlineExceeded' : 'Unknown'
    return { kind: 'failed', error: this.netError(hostname), code }
  }

  private failureMs(url: string): number {
    const host = new URL(url).hostname
    if (isPrivate(host) || this.connectivity === 'online') return REFUSED_MS
    return FAILURE_MS[this.connectivity]
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

/**
 * Which image a request is about, as a registry would work it out: the repository and tag
 * from the path, the registry from `?ns=` — or, without it, the host itself.
 */
function imageAskedFor(url: URL): string | undefined {
  const match = /^(?:.*?)\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname)
  if (!match) return undefined
  const [, repository, reference] = match
  const registry = url.searchParams.get('ns') ?? (url.host === 'registry-1.docker.io' ? 'docker.io' : url.host)
  return reference!.startsWith('sha256:') ? `${registry}/${repository}@${reference}` : `${registry}/${repository}:${reference}`
}

function trimEndpoint(endpoint: string): string {
  return endpoint.replace(/\/+$/, '').replace(/\/v2$/, '')
}

/** Loopback, RFC 1918 and `.internal`/`.local` names: inside the closed network. */
export function isPrivate(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  return (
    host === 'localhost' ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host.endsWith('.internal') ||
    host.endsWith('.local')
  )
}

/** Where Go dials a private endpoint: its IP (a name is looked up first), and the port. */
function withPort(url: URL): string {
  const port = url.port || (url.protocol === 'http:' ? '80' : '443')
  const host = url.hostname
  const literal = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')
  const ip = literal ? host : host === 'localhost' ? '127.0.0.1' : `10.0.0.${10 + (parseInt(sha256Hex(host).slice(0, 4), 16) % 200)}`
  return `${ip}:${port}`
}

/**
 * The public pause images as they really are. Image ids are content digests (of the image's
 * config), so they are the same on every node: these are the ids `crictl images` shows for
 * the linux/amd64 images, and `digest` is the index digest a pull or `ctr images import`
 * names. Sizes are chosen to round to what crictl prints (302kB, 311kB, 320kB on containerd;
 * CRI-O counts differently and shows 742kB for 3.10); the last digits are the sim's.
 * Sources: many public `crictl images` transcripts, and pinned `pause:<tag>@sha256:` references.
 */
const PUBLIC_IMAGES: Record<string, Manifest> = {
  'registry.k8s.io/pause:3.6': {
    id: 'sha256:6270bb605e12e581514ada5fd5b3216f727db55dc87d5889c790e4c760683fee',
    digest: 'sha256:3d380ca8864549e74af4b29c10f9cb0956236dfb01c40ca076fb6c37253234db',
    size: 301_773,
  },
  'registry.k8s.io/pause:3.8': {
    id: 'sha256:4873874c08efc72e9729683a83ffbb7502ee729e9a5ac097723806ea7fa13517',
    digest: 'sha256:9001185023633d17a2f98ff69b6ff2615b8ea02a825adffa40422f51dfdcde9d',
    size: 311_286,
  },
  'registry.k8s.io/pause:3.10': {
    id: 'sha256:873ed75102791e5b0b8a7fcd41606c92fcec98d56d05ead4ac5131650004c136',
    digest: 'sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a',
    size: 320_368,
  },
}

/** Sizes of other well-known images (compressed, as containerd reports them); others get a stable made-up size. */
const KNOWN_SIZES: Record<string, number> = {
  'registry.k8s.io/pause': 320_368,
  'docker.io/library/nginx': 72_195_292,
  'docker.io/library/busybox': 2_160_406,
  'docker.io/library/redis': 45_893_124,
  'docker.io/library/alpine': 3_653_068,
}

/**
 * The manifest a registry serves for a normalised reference: the real ids of the public pause
 * images, and for every other image stable ids made from a hash of its name — simulated, so
 * they match no real image.
 */
export function manifestOf(normalized: string): Manifest {
  const known = PUBLIC_IMAGES[normalized]
  if (known) return { ...known }
  const hash = sha256Hex(normalized)
  const repo = repositoryOf(normalized)
  const size = KNOWN_SIZES[repo] ?? 5_000_000 + (parseInt(hash.slice(0, 8), 16) % 60_000_000)
  return {
    id: `sha256:${hash}`,
    digest: `sha256:${sha256Hex(`manifest/${normalized}`)}`,
    size,
  }
}

/** `registry.k8s.io/pause:3.10` → `registry.k8s.io/pause`: the name without tag or digest. */
export function repositoryOf(reference: string): string {
  const name = reference.replace(/@.*$/, '')
  const colon = name.lastIndexOf(':')
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name
}
