/**
 * Small stand-ins for the programs of Brendan Burns' composite-container examples (2015), each
 * running inside one container of a pod (a ContainerEnv). Provided machinery: kata 2 gives them
 * the pod they need — shared files, a shared localhost — and they behave as the real ones do
 * in the ways that matter here:
 *
 * - gitSync       writes a repository's files into its `--root`, under `--link` (sidecar);
 * - nginx         serves files from /usr/share/nginx/html on port 80;
 * - redis         a Redis server on port 6379, a master or a read-only replica;
 * - redisAmbassador  listens on the pod's localhost:6379 and sends writes to the master and
 *                 reads to the replicas (ambassador);
 * - redisApp      the application: it only knows "Redis is at localhost:6379";
 * - redisExporter reads Redis's own `INFO` format and serves Prometheus text on :9121 (adapter).
 *
 * Requests are one line of text: `GET /index.html HTTP/1.1` for HTTP, `SET key value` for Redis.
 * Errors are the kernel's, worded as real logs word them (connection refused, address in use,
 * read-only file system).
 */
import { KernelError, type Kernel, type NetworkNamespace } from './kernel.ts'
import type { ContainerEnv } from './pod-env.ts'

// ---------------------------------------------------------------------------------------------
// Sidecar: git-sync feeds nginx through a shared volume.

/** Where the nginx image serves files from. */
export const NGINX_HTML = '/usr/share/nginx/html'

export interface GitSyncOptions {
  /** `--root`: where git-sync keeps its checkout; usually a volume mount. */
  root: string
  /** `--link`: the name, under root, of the current checkout (a symlink in the real git-sync). */
  link: string
  /** The repository's files at the synced commit, by path inside the repository. */
  files: Record<string, string>
}

/** One sync: the repository's files appear under `<root>/<link>/` in the container. */
export function gitSync(env: ContainerEnv, options: GitSyncOptions): void {
  const dir = `${options.root.replace(/\/$/, '')}/${options.link}`
  for (const [path, text] of Object.entries(options.files)) env.files.write(`${dir}/${path}`, text)
}

const NGINX_WELCOME = '<title>Welcome to nginx!</title>'

/** Starts nginx: port 80, files from /usr/share/nginx/html, `index.html` for a directory. */
export function nginx(env: ContainerEnv, port = 80): void {
  // The nginx image ships a default page; a volume mounted on the html directory hides it.
  env.files.addImageFile(`${NGINX_HTML}/index.html`, NGINX_WELCOME)
  env.net.listen(port, env.name, (request) => {
    const path = /^GET (\S+)/.exec(request)?.[1] ?? '/'
    const file = NGINX_HTML + (path.endsWith('/') ? `${path}index.html` : path)
    try {
      return `HTTP/1.1 200 OK\r\n\r\n${env.files.read(file)}`
    } catch (error) {
      if (error instanceof KernelError && error.code === 'ENOENT') return 'HTTP/1.1 404 Not Found\r\n\r\n'
      throw error
    }
  })
}

export interface HttpResponse {
  /** The status line after the protocol, e.g. `200 OK`. */
  status: string
  body: string
}

/**
 * `curl http://host:port/path` from inside a network namespace. Connection errors are thrown
 * as the kernel words them (`dial tcp 127.0.0.1:80: connect: connection refused`).
 */
export function httpGet(kernel: Kernel, from: NetworkNamespace, url: string): HttpResponse {
  const match = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url)
  if (!match) throw new Error(`httpGet: not an http:// URL: ${url}`)
  const [, host = '', port = '80', path = '/'] = match
  const response = kernel.connect(from, host, Number(port), `GET ${path} HTTP/1.1`)
  const [head = '', ...body] = response.split('\r\n\r\n')
  return { status: head.replace(/^HTTP\/1\.1 /, ''), body: body.join('\r\n\r\n') }
}

// ---------------------------------------------------------------------------------------------
// Ambassador: the app talks to localhost; the ambassador splits reads and writes.

export const REDIS_PORT = 6379

export interface RedisServer {
  /** The client commands this server answered, in order (replication traffic left out). */
  readonly log: string[]
  /** The keys it holds. */
  readonly data: Map<string, string>
}

export interface RedisOptions {
  /** `replicaof <host> <port>`: makes this server a read-only replica of that master. */
  replicaOf?: { host: string; port: number }
}

const READONLY = "READONLY You can't write against a read only replica."

/**
 * Starts a Redis server on port 6379 of the container's network. A replica registers with its
 * master, which then streams every write to it, so reads from a replica see the master's data.
 * Commands: `SET key value`, `GET key`, `INFO`.
 */
export function redis(kernel: Kernel, env: ContainerEnv, options: RedisOptions = {}): RedisServer {
  const server: RedisServer = { log: [], data: new Map() }
  const replicas: string[] = []
  const replicaOf = options.replicaOf
  env.net.listen(REDIS_PORT, env.name, (request) => {
    const [command = '', key = '', ...rest] = request.trim().split(/\s+/)
    const verb = command.toUpperCase()
    // The replication link, simplified: a replica announces its address, the master pushes writes.
    if (verb === 'REPLCONF') {
      replicas.push(key)
      return 'OK'
    }
    if (verb === 'REPLICATE') {
      server.data.set(rest[0] ?? '', rest.slice(1).join(' '))
      return 'OK'
    }
    server.log.push(request.trim())
    switch (verb) {
      case 'SET': {
        if (replicaOf) return READONLY
        const value = rest.join(' ')
        server.data.set(key, value)
        for (const replica of replicas) kernel.connect(env.net, replica, REDIS_PORT, `REPLICATE SET ${key} ${value}`)
        return 'OK'
      }
      case 'GET':
        return server.data.get(key) ?? '(nil)'
      case 'INFO':
        return info(server, replicaOf ? 'slave' : 'master', replicas.length)
      default:
        return `ERR unknown command '${command}'`
    }
  })
  if (replicaOf) {
    const own = [...env.net.addresses].find((address) => address !== '127.0.0.1')
    if (!own) throw new Error(`redis replica in "${env.name}": the pod has no IP yet (call givePodIP first)`)
    kernel.connect(env.net, replicaOf.host, replicaOf.port, `REPLCONF ${own}`)
  }
  return server
}

/** A few fields of Redis's own `INFO` text: `# Section` headers and `field:value` lines. */
function info(server: RedisServer, role: string, connectedSlaves: number): string {
  const memory = 1_000_000 + [...server.data].reduce((sum, [k, v]) => sum + k.length + v.length, 0)
  return [
    '# Server',
    'redis_version:7.4.1',
    'uptime_in_seconds:60',
    '',
    '# Clients',
    'connected_clients:1',
    '',
    '# Memory',
    `used_memory:${memory}`,
    '',
    '# Stats',
    `total_commands_processed:${server.log.length}`,
    '',
    '# Replication',
    `role:${role}`,
    `connected_slaves:${connectedSlaves}`,
  ].join('\r\n')
}

const READ_COMMANDS = new Set(['GET', 'INFO'])

export interface AmbassadorOptions {
  /** The one master that takes writes, e.g. `10.244.1.10:6379`. */
  master: string
  /** The read replicas, e.g. `['10.244.1.11:6379', '10.244.2.12:6379']`; reads take turns. */
  replicas: string[]
}

/**
 * Starts the Redis ambassador: it listens on port 6379 of the pod's network, so the app finds
 * "Redis" on localhost, and forwards writes to the master and reads to the replicas in turn.
 */
export function redisAmbassador(kernel: Kernel, env: ContainerEnv, options: AmbassadorOptions): void {
  let turn = 0
  env.net.listen(REDIS_PORT, env.name, (request) => {
    const verb = request.trim().split(/\s+/)[0]?.toUpperCase() ?? ''
    const isRead = READ_COMMANDS.has(verb) && options.replicas.length > 0
    const target = isRead ? options.replicas[turn++ % options.replicas.length]! : options.master
    const [host = '', port = String(REDIS_PORT)] = target.split(':')
    return kernel.connect(env.net, host, Number(port), request)
  })
}

export interface RedisApp {
  set(key: string, value: string): string
  get(key: string): string
}

/**
 * The application: it was written against a single Redis on localhost:6379, the same in
 * development (a local Redis) and in production (the ambassador in front of a cluster).
 */
export function redisApp(kernel: Kernel, env: ContainerEnv): RedisApp {
  const send = (command: string) => kernel.connect(env.net, 'localhost', REDIS_PORT, command)
  return {
    set: (key, value) => send(`SET ${key} ${value}`),
    get: (key) => send(`GET ${key}`),
  }
}

// ---------------------------------------------------------------------------------------------
// Adapter: Redis's own INFO format, normalised to Prometheus text.

export const EXPORTER_PORT = 9121

/** Which INFO fields become which metrics, as oliver006/redis_exporter names them. */
const METRICS: { field: string; metric: string; type: 'gauge' | 'counter' }[] = [
  { field: 'uptime_in_seconds', metric: 'redis_uptime_in_seconds', type: 'gauge' },
  { field: 'connected_clients', metric: 'redis_connected_clients', type: 'gauge' },
  { field: 'used_memory', metric: 'redis_memory_used_bytes', type: 'gauge' },
  { field: 'total_commands_processed', metric: 'redis_commands_processed_total', type: 'counter' },
]

export interface ExporterOptions {
  /** `--redis.addr`: where to read INFO from; the exporter's default is `redis://localhost:6379`. */
  redisAddr?: string
}

/**
 * Starts the adapter: on `GET /metrics` (port 9121) it asks Redis for `INFO` and answers in the
 * Prometheus text format. `redis_up 0` when Redis cannot be reached, as the real exporter does.
 */
export function redisExporter(kernel: Kernel, env: ContainerEnv, options: ExporterOptions = {}): void {
  const address = (options.redisAddr ?? 'redis://localhost:6379').replace(/^redis:\/\//, '')
  const [host = 'localhost', port = String(REDIS_PORT)] = address.split(':')
  env.net.listen(EXPORTER_PORT, env.name, (request) => {
    if (!/^GET \/metrics\b/.test(request)) return 'HTTP/1.1 404 Not Found\r\n\r\n'
    let text: string
    try {
      text = kernel.connect(env.net, host, Number(port), 'INFO')
    } catch (error) {
      if (error instanceof KernelError) return `HTTP/1.1 200 OK\r\n\r\n# TYPE redis_up gauge\nredis_up 0\n`
      throw error
    }
    const fields = new Map(
      text
        .split('\r\n')
        .filter((line) => line.includes(':') && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)] as const),
    )
    const lines = ['# TYPE redis_up gauge', 'redis_up 1']
    for (const { field, metric, type } of METRICS) {
      const value = fields.get(field)
      if (value !== undefined) lines.push(`# TYPE ${metric} ${type}`, `${metric} ${value}`)
    }
    return `HTTP/1.1 200 OK\r\n\r\n${lines.join('\n')}\n`
  })
}
