/**
 * Kata 2 — Composite containers. Run with `npm run kata` (watch loop) or
 * `npm run kata -- verify composite`. Every manifest below is a real `v1` Pod you could
 * `kubectl apply`, and every check is one you could make on a real cluster with `kubectl exec`
 * and `curl`: what a container can read, what it can reach, what it may bind.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { Kernel } from '../../machinery/kernel/kernel.ts'
import { parsePod } from '../../machinery/api/manifest.ts'
import { containerOf, givePodIP, hostnameOf, setHostname } from '../../machinery/kernel/pod-env.ts'
import { gitSync, httpGet, nginx, redis, redisAmbassador, redisApp, redisExporter } from '../../machinery/kernel/programs.ts'
import { startOrder, startPod, stopOrder } from './composite.ts'

const pod = (yaml: string) => parsePod(yaml, 'spec manifest')

/** The node's IP on the simulated node (what `kubectl get node -o wide` would list). */
const NODE_IP = '192.168.49.2'

let kernel: Kernel
beforeEach(() => {
  kernel = new Kernel(NODE_IP)
})

/** A pod with one container and nothing else, to look at another pod from. */
const CLIENT = `
apiVersion: v1
kind: Pod
metadata: { name: client }
spec:
  containers:
    - { name: curl, image: curlimages/curl:8.10.1, command: [sleep, infinity] }
`

// Burns' sidecar: git-sync keeps the site in a shared volume up to date; nginx serves it.
const SITE = `
apiVersion: v1
kind: Pod
metadata: { name: site }
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      volumeMounts:
        - { name: content, mountPath: /usr/share/nginx, readOnly: true }
    - name: git-sync
      image: registry.k8s.io/git-sync/git-sync:v4.4.0
      args: [--repo=https://github.com/kubernetes/git-sync, --root=/git, --link=html]
      volumeMounts:
        - { name: content, mountPath: /git }
    - name: debug
      image: busybox:1.36
      command: [sleep, infinity]
  volumes:
    - { name: content, emptyDir: {} }
`

const INDEX = '<h1>Deployed by git push</h1>'

describe('startPod: a volume shared by a sidecar and the main container', () => {
  it('nginx serves the page that git-sync wrote into the shared volume', () => {
    const site = startPod(pod(SITE), kernel)
    gitSync(containerOf(site, 'git-sync'), { root: '/git', link: 'html', files: { 'index.html': INDEX } })
    nginx(containerOf(site, 'nginx'))
    expect(httpGet(kernel, containerOf(site, 'nginx').net, 'http://localhost/')).toEqual({ status: '200 OK', body: INDEX })
  })

  it('a container that does not mount the volume does not see its files', () => {
    const site = startPod(pod(SITE), kernel)
    gitSync(containerOf(site, 'git-sync'), { root: '/git', link: 'html', files: { 'index.html': INDEX } })
    const debug = containerOf(site, 'debug')
    expect([debug.files.exists('/git/html/index.html'), debug.files.exists('/usr/share/nginx/html/index.html')]).toEqual([
      false,
      false,
    ])
  })

  it('a read-only mount rejects writes: read-only file system', () => {
    const nginxFiles = containerOf(startPod(pod(SITE), kernel), 'nginx').files
    expect(() => nginxFiles.write('/usr/share/nginx/html/index.html', 'defaced')).toThrow(
      'open /usr/share/nginx/html/index.html: read-only file system',
    )
  })

  it('gives every pod its own emptyDir: a second pod from the same manifest starts empty', () => {
    const first = startPod(pod(SITE), kernel)
    gitSync(containerOf(first, 'git-sync'), { root: '/git', link: 'html', files: { 'index.html': INDEX } })
    const second = startPod(pod(SITE), kernel)
    expect(containerOf(second, 'nginx').files.exists('/usr/share/nginx/html/index.html')).toBe(false)
  })
})

// Burns' ambassador: the app talks to "Redis" on localhost; the ambassador splits reads and
// writes between a master and a replica, which run in pods of their own.
const REDIS_MASTER = `
apiVersion: v1
kind: Pod
metadata: { name: redis-master }
spec:
  containers:
    - { name: redis, image: "redis:7.4" }
`
const REDIS_REPLICA = `
apiVersion: v1
kind: Pod
metadata: { name: redis-replica }
spec:
  containers:
    - { name: redis, image: "redis:7.4", args: [--replicaof, 10.244.1.10, "6379"] }
`
const SHOP = `
apiVersion: v1
kind: Pod
metadata: { name: shop }
spec:
  containers:
    - { name: app, image: "ghcr.io/example/shop:1.0", env: [{ name: REDIS_ADDR, value: "localhost:6379" }] }
    - name: redis-ambassador
      image: "ghcr.io/example/redis-ambassador:1.0"
      args: [--listen=:6379, --master=10.244.1.10:6379, --replica=10.244.1.11:6379]
`

describe('startPod: one localhost for the whole pod (the ambassador)', () => {
  function cluster() {
    const master = startPod(pod(REDIS_MASTER), kernel)
    givePodIP(master, '10.244.1.10')
    const masterServer = redis(kernel, containerOf(master, 'redis'))
    const replica = startPod(pod(REDIS_REPLICA), kernel)
    givePodIP(replica, '10.244.1.11')
    const replicaServer = redis(kernel, containerOf(replica, 'redis'), { replicaOf: { host: '10.244.1.10', port: 6379 } })
    const shop = startPod(pod(SHOP), kernel)
    givePodIP(shop, '10.244.0.8')
    redisAmbassador(kernel, containerOf(shop, 'redis-ambassador'), {
      master: '10.244.1.10:6379',
      replicas: ['10.244.1.11:6379'],
    })
    return { shop, app: redisApp(kernel, containerOf(shop, 'app')), masterServer, replicaServer }
  }

  it('the app reaches Redis on localhost:6379, where the ambassador listens', () => {
    const { app } = cluster()
    expect([app.set('cart:42', 'apples'), app.get('cart:42')]).toEqual(['OK', 'apples'])
  })

  it('the ambassador sends the write to the master and the read to the replica', () => {
    const { app, masterServer, replicaServer } = cluster()
    app.set('cart:42', 'apples')
    app.get('cart:42')
    expect({ master: masterServer.log, replica: replicaServer.log }).toEqual({
      master: ['SET cart:42 apples'],
      replica: ['GET cart:42'],
    })
  })

  it('another pod on the node gets connection refused on its own localhost:6379', () => {
    cluster()
    const client = startPod(pod(CLIENT), kernel)
    expect(() => kernel.connect(client.net, 'localhost', 6379, 'GET cart:42')).toThrow(
      'dial tcp 127.0.0.1:6379: connect: connection refused',
    )
  })

  it("another pod reaches the ambassador's port through the pod IP", () => {
    const { app } = cluster()
    app.set('cart:42', 'apples')
    const client = startPod(pod(CLIENT), kernel)
    expect(kernel.connect(client.net, '10.244.0.8', 6379, 'GET cart:42')).toBe('apples')
  })
})

// Burns' adapter: Redis reports in its own INFO format; the exporter beside it serves the one
// format the monitoring system reads (Prometheus text), on a port of the pod.
const CACHE = `
apiVersion: v1
kind: Pod
metadata: { name: cache }
spec:
  containers:
    - name: redis
      image: "redis:7.4"
      ports: [{ containerPort: 6379 }]
    - name: redis-exporter
      image: oliver006/redis_exporter:v1.62.0
      ports: [{ name: metrics, containerPort: 9121 }]
`
const LONELY_EXPORTER = `
apiVersion: v1
kind: Pod
metadata: { name: exporter }
spec:
  containers:
    - { name: redis-exporter, image: oliver006/redis_exporter:v1.62.0 }
`

const samples = (body: string) => body.split('\n').filter((line) => line !== '' && !line.startsWith('#'))

describe('startPod: an adapter next to the app (the adapter)', () => {
  it("serves Redis's INFO as Prometheus metrics on the pod IP, port 9121", () => {
    const cache = startPod(pod(CACHE), kernel)
    givePodIP(cache, '10.244.0.9')
    redis(kernel, containerOf(cache, 'redis'))
    redisExporter(kernel, containerOf(cache, 'redis-exporter'))
    const prometheus = startPod(pod(CLIENT), kernel)
    const { status, body } = httpGet(kernel, prometheus.net, 'http://10.244.0.9:9121/metrics')
    expect({ status, samples: samples(body) }).toEqual({
      status: '200 OK',
      samples: [
        'redis_up 1',
        'redis_uptime_in_seconds 60',
        'redis_connected_clients 1',
        'redis_memory_used_bytes 1000000',
        'redis_commands_processed_total 1',
      ],
    })
  })

  it('an exporter in a pod of its own finds no Redis on localhost: redis_up 0', () => {
    const cache = startPod(pod(CACHE), kernel)
    redis(kernel, containerOf(cache, 'redis'))
    const exporter = startPod(pod(LONELY_EXPORTER), kernel)
    givePodIP(exporter, '10.244.0.10')
    redisExporter(kernel, containerOf(exporter, 'redis-exporter'))
    const prometheus = startPod(pod(CLIENT), kernel)
    expect(samples(httpGet(kernel, prometheus.net, 'http://10.244.0.10:9121/metrics').body)).toEqual(['redis_up 0'])
  })
})

const TWO_SERVERS = `
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: nginx, image: nginx:1.27, ports: [{ containerPort: 80 }] }
    - { name: canary, image: nginx:1.27, ports: [{ containerPort: 80 }] }
`
const ONE_SERVER = `
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: nginx, image: nginx:1.27, ports: [{ containerPort: 80 }] }
`

describe('startPod: what the containers of a pod share, and what they do not', () => {
  it('two containers of one pod cannot both listen on :80: address already in use', () => {
    const web = startPod(pod(TWO_SERVERS), kernel)
    nginx(containerOf(web, 'nginx'))
    expect(() => nginx(containerOf(web, 'canary'))).toThrow('listen tcp :80: bind: address already in use')
  })

  it('two pods on one node can each listen on :80', () => {
    const first = startPod(pod(ONE_SERVER), kernel)
    const second = startPod(pod(ONE_SERVER), kernel)
    nginx(containerOf(first, 'nginx'))
    expect(() => nginx(containerOf(second, 'nginx'))).not.toThrow()
  })

  it('puts all containers in one network, IPC and UTS namespace, each with its own PID and mount namespace', () => {
    const web = startPod(pod(TWO_SERVERS), kernel)
    const [a, b] = ['nginx', 'canary'].map((name) => containerOf(web, name).process.namespaces)
    const same = (type: 'net' | 'ipc' | 'uts' | 'pid' | 'mnt') => a?.[type] === b?.[type]
    const ofNode = (type: 'net' | 'ipc' | 'uts' | 'pid' | 'mnt') => a?.[type] === kernel.host[type]
    expect({
      shared: { net: same('net'), ipc: same('ipc'), uts: same('uts'), pid: same('pid'), mnt: same('mnt') },
      node: { net: ofNode('net'), ipc: ofNode('ipc'), uts: ofNode('uts'), pid: ofNode('pid'), mnt: ofNode('mnt') },
    }).toEqual({
      shared: { net: true, ipc: true, uts: true, pid: false, mnt: false },
      node: { net: false, ipc: false, uts: false, pid: false, mnt: false },
    })
  })

  it('gives every container the same hostname: the pod name', () => {
    const web = startPod(pod(TWO_SERVERS), kernel)
    expect(web.containers.map(hostnameOf)).toEqual(['web', 'web'])
  })

  it('uses spec.hostname instead of the pod name when it is set', () => {
    const web = startPod(pod(TWO_SERVERS.replace('spec:\n', 'spec:\n  hostname: shop-1\n')), kernel)
    expect(web.containers.map(hostnameOf)).toEqual(['shop-1', 'shop-1'])
  })

  it("shares one PID namespace with shareProcessNamespace, and uses the node's IPC and PID with hostIPC and hostPID", () => {
    const shared = startPod(pod(TWO_SERVERS.replace('spec:\n', 'spec:\n  shareProcessNamespace: true\n')), kernel)
    const [a, b] = shared.containers.map((c) => c.process.namespaces)
    expect(a?.pid).toBe(b?.pid)
    expect(a?.pid).not.toBe(kernel.host.pid)
    const host = startPod(pod(TWO_SERVERS.replace('spec:\n', 'spec:\n  hostIPC: true\n  hostPID: true\n')), kernel)
    expect(host.containers.map((c) => [c.process.namespaces.ipc === kernel.host.ipc, c.process.namespaces.pid === kernel.host.pid])).toEqual([
      [true, true],
      [true, true],
    ])
  })
})

const HOST_NETWORK = `
apiVersion: v1
kind: Pod
metadata: { name: edge }
spec:
  hostNetwork: true
  containers:
    - { name: nginx, image: nginx:1.27, ports: [{ containerPort: 80 }] }
`

describe("startPod: hostNetwork puts the pod in the node's network", () => {
  it("listens on the node's own IP: the pod's port 80 is the node's port 80", () => {
    const hosted = startPod(pod(HOST_NETWORK), kernel)
    nginx(containerOf(hosted, 'nginx'))
    const client = startPod(pod(CLIENT), kernel)
    const response = httpGet(kernel, client.net, `http://${NODE_IP}/`)
    expect(response.status).toBe('200 OK')
    expect(response.body).toContain('Welcome to nginx!')
  })

  it("sees the node's hostname", () => {
    setHostname(kernel.host.uts, 'node-1')
    const hosted = startPod(pod(HOST_NETWORK), kernel)
    expect(hostnameOf(containerOf(hosted, 'nginx'))).toBe('node-1')
  })
})

// Native sidecars: init containers with restartPolicy: Always (GA in Kubernetes 1.33).
const WITH_SIDECARS = `
apiVersion: v1
kind: Pod
metadata: { name: shop }
spec:
  initContainers:
    - name: db-proxy
      image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.0
      args: [--port=5432, my-project:europe-west1:shop-db]
      restartPolicy: Always
    - { name: migrate, image: "ghcr.io/example/shop:1.0", args: [migrate, --database=postgres://localhost:5432/shop] }
    - { name: log-shipper, image: "fluent/fluent-bit:3.1", restartPolicy: Always }
  containers:
    - { name: app, image: "ghcr.io/example/shop:1.0" }
    - { name: worker, image: "ghcr.io/example/shop-worker:1.0" }
`
const WITHOUT_SIDECARS = `
apiVersion: v1
kind: Pod
metadata: { name: shop }
spec:
  initContainers:
    - { name: migrate, image: "ghcr.io/example/shop:1.0", args: [migrate, --database=postgres://db:5432/shop] }
    - { name: warm-cache, image: "busybox:1.36", command: [sh, -c, "echo warming; sleep 5"] }
  containers:
    - { name: app, image: "ghcr.io/example/shop:1.0" }
    - { name: worker, image: "ghcr.io/example/shop-worker:1.0" }
`

// restartPolicy: Always on the *pod* is the default and says nothing about sidecars.
const POD_RESTARTS_ALWAYS = `
apiVersion: v1
kind: Pod
metadata: { name: shop }
spec:
  restartPolicy: Always
  initContainers:
    - { name: migrate, image: "ghcr.io/example/shop:1.0", args: [migrate, --database=postgres://db:5432/shop] }
  containers:
    - { name: app, image: "ghcr.io/example/shop:1.0" }
`

describe('startOrder: init containers one by one, then the app containers', () => {
  it('runs regular init containers one at a time, each to completion, before the app containers start', () => {
    expect(startOrder(pod(WITHOUT_SIDECARS))).toEqual([
      'migrate started',
      'migrate completed',
      'warm-cache started',
      'warm-cache completed',
      'app started',
      'worker started',
    ])
  })

  it('starts the next init container as soon as a sidecar has started, without waiting for it to exit', () => {
    expect(startOrder(pod(WITH_SIDECARS))).toEqual([
      'db-proxy started',
      'migrate started',
      'migrate completed',
      'log-shipper started',
      'app started',
      'worker started',
    ])
  })

  it("makes an init container a sidecar only by its own restartPolicy, not the pod's", () => {
    expect(startOrder(pod(POD_RESTARTS_ALWAYS))).toEqual(['migrate started', 'migrate completed', 'app started'])
  })
})

describe('stopOrder: app containers first, then the sidecars in reverse order', () => {
  it('stops all app containers together; init containers have already completed', () => {
    expect(stopOrder(pod(WITHOUT_SIDECARS))).toEqual([['app', 'worker']])
  })

  it('stops the sidecars after the app containers, one at a time, the last declared first', () => {
    expect(stopOrder(pod(WITH_SIDECARS))).toEqual([['app', 'worker'], ['log-shipper'], ['db-proxy']])
  })
})
