/**
 * Kata 6 — the image half of the node. Your images.ts decides what an image name means, where
 * a pull goes, how a failure is worded on its way up, which images are pinned, and what the
 * kubelet's image GC deletes. The network under it is provided (`Registries`: DNS, TCP and
 * registries, failing the way a real air-gapped node fails). The last specs put your code on a
 * whole node — kubelet, containerd, your image half — and replay chapter 6's incident on it.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { ReferenceError } from '../../machinery/images/image-ref.ts'
import { GoError, Registries, type RegistryOptions } from '../../machinery/images/registry.ts'
import { RUNTIME_PROFILES } from '../../machinery/runtime/runtime-profiles.ts'
import { assembleNode, type NodeSession, type SessionOptions } from '../../assembly/index.ts'
import * as mine from './images.ts'
import { criLabels, imagesToFree, normalizeReference, pullImage, Resolver, sandboxImageError, type ImageRecord } from './images.ts'

const MIRROR = 'http://10.0.0.5:5000'
const DIGEST = 'sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097'
const DNS_FAILURE = 'dial tcp: lookup registry.k8s.io on 192.168.49.1:53: no such host'

/** A network and a resolver over it: your Resolver, the provided Registries. */
function resolverOn(options: RegistryOptions, errors: 'first' | 'furthest' = 'first') {
  const network = new Registries(options)
  return { network, resolver: new Resolver(network.hostsDir, network, errors), urls: () => network.requests.map((r) => r.url) }
}

/** What a resolve or pull threw. */
function failure(run: () => unknown): GoError {
  try {
    run()
  } catch (error) {
    if (error instanceof GoError) return error
    throw error
  }
  throw new Error('expected it to fail, and it succeeded')
}

describe('normalizeReference: the name containerd stores and pulls', () => {
  it('puts a bare name on Docker Hub, under library/, with the tag latest', () => {
    expect(normalizeReference('nginx')).toBe('docker.io/library/nginx:latest')
    expect(normalizeReference('nginx:1.27')).toBe('docker.io/library/nginx:1.27')
  })

  it('reads pause:3.9 as Docker Hub’s library/pause, not registry.k8s.io’s', () => {
    expect(normalizeReference('pause:3.9')).toBe('docker.io/library/pause:3.9')
  })

  it('keeps a name whose first part is a registry host — a dot, a port or localhost — as it is', () => {
    expect(normalizeReference('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10')
    expect(normalizeReference('localhost:5000/pause:3.9')).toBe('localhost:5000/pause:3.9')
    expect(normalizeReference('localhost/pause:3.9')).toBe('localhost/pause:3.9')
    expect(normalizeReference('10.0.0.5:5000/k8s/pause')).toBe('10.0.0.5:5000/k8s/pause:latest')
  })

  it('puts an owner/name without a host on Docker Hub, and writes Docker Hub’s names one way', () => {
    expect(normalizeReference('rancher/mirrored-pause:3.6')).toBe('docker.io/rancher/mirrored-pause:3.6')
    expect(normalizeReference('docker.io/nginx')).toBe('docker.io/library/nginx:latest')
    expect(normalizeReference('index.docker.io/library/nginx:1.27')).toBe('docker.io/library/nginx:1.27')
  })

  it('keeps a digest, and drops the tag when a reference has both', () => {
    expect(normalizeReference(`registry.k8s.io/pause@${DIGEST}`)).toBe(`registry.k8s.io/pause@${DIGEST}`)
    expect(normalizeReference(`registry.k8s.io/pause:3.10@${DIGEST}`)).toBe(`registry.k8s.io/pause@${DIGEST}`)
  })

  it('refuses what is not a reference, with the grammar’s ReferenceError', () => {
    expect(() => normalizeReference('Nginx')).toThrow(ReferenceError)
    expect(() => normalizeReference('registry.k8s.io/pause:')).toThrow(/invalid reference format/)
  })
})

describe('Resolver.hosts: where a pull goes', () => {
  const hosts = (hostsDir: Record<string, string[]>, registry: string) => new Resolver(hostsDir, new Registries()).hosts(registry)

  it('without a hosts.toml, asks only the registry itself, over HTTPS, at /v2', () => {
    expect(hosts({}, 'registry.k8s.io')).toEqual([{ scheme: 'https', host: 'registry.k8s.io', path: '/v2' }])
  })

  it('asks Docker Hub at registry-1.docker.io, and any other registry at its own name and port', () => {
    expect(hosts({}, 'docker.io')).toEqual([{ scheme: 'https', host: 'registry-1.docker.io', path: '/v2' }])
    expect(hosts({}, 'harbor.internal:5000')).toEqual([{ scheme: 'https', host: 'harbor.internal:5000', path: '/v2' }])
  })

  it('tries the mirrors of the registry’s hosts.toml first, in order, then the registry', () => {
    expect(hosts({ 'registry.k8s.io': [MIRROR, 'https://mirror.internal/v2'] }, 'registry.k8s.io')).toEqual([
      { scheme: 'http', host: '10.0.0.5:5000', path: '/v2' },
      { scheme: 'https', host: 'mirror.internal', path: '/v2' },
      { scheme: 'https', host: 'registry.k8s.io', path: '/v2' },
    ])
  })

  it('uses _default’s mirrors for a registry without its own hosts.toml; a registry’s own wins', () => {
    const dir = { _default: [MIRROR], 'registry.k8s.io': ['https://k8s-mirror.internal'] }
    expect(hosts(dir, 'docker.io').map((h) => h.host)).toEqual(['10.0.0.5:5000', 'registry-1.docker.io'])
    expect(hosts(dir, 'registry.k8s.io').map((h) => h.host)).toEqual(['k8s-mirror.internal', 'registry.k8s.io'])
  })
})

describe('Resolver.manifestURL: the request', () => {
  const resolver = new Resolver({}, new Registries())
  const upstream = { scheme: 'https' as const, host: 'registry.k8s.io', path: '/v2' }
  const mirror = { scheme: 'http' as const, host: '10.0.0.5:5000', path: '/v2' }

  it('asks the registry for /v2/<repository>/manifests/<tag or digest>', () => {
    expect(resolver.manifestURL(upstream, 'registry.k8s.io/pause:3.10')).toBe('https://registry.k8s.io/v2/pause/manifests/3.10')
    expect(resolver.manifestURL(upstream, `registry.k8s.io/pause@${DIGEST}`)).toBe(`https://registry.k8s.io/v2/pause/manifests/${DIGEST}`)
    const hub = { scheme: 'https' as const, host: 'registry-1.docker.io', path: '/v2' }
    expect(resolver.manifestURL(hub, 'docker.io/library/nginx:1.27')).toBe('https://registry-1.docker.io/v2/library/nginx/manifests/1.27')
  })

  it('tells a mirror which registry the image belongs to, with ?ns=', () => {
    expect(resolver.manifestURL(mirror, 'registry.k8s.io/pause:3.10')).toBe('http://10.0.0.5:5000/v2/pause/manifests/3.10?ns=registry.k8s.io')
    expect(resolver.manifestURL(mirror, 'docker.io/library/nginx:1.27')).toBe('http://10.0.0.5:5000/v2/library/nginx/manifests/1.27?ns=docker.io')
  })
})

describe('Resolver.resolve: one HEAD per host, until one has the image', () => {
  it('returns the manifest from the first host that has it, and asks no other', () => {
    const { resolver, urls } = resolverOn({ connectivity: 'dns-nxdomain', mirrors: { 'registry.k8s.io': [MIRROR] }, reachable: { [MIRROR]: 'all' } })
    expect(resolver.resolve('registry.k8s.io/pause:3.8')).toMatchObject({ id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) })
    expect(urls()).toEqual(['http://10.0.0.5:5000/v2/pause/manifests/3.8?ns=registry.k8s.io'])
  })

  it('goes on to the next host when a mirror answers 404', () => {
    const { resolver, urls } = resolverOn({ mirrors: { 'registry.k8s.io': [MIRROR] }, reachable: { [MIRROR]: [] } })
    expect(resolver.resolve('registry.k8s.io/pause:3.8').id).toMatch(/^sha256:/)
    expect(urls()).toEqual(['http://10.0.0.5:5000/v2/pause/manifests/3.8?ns=registry.k8s.io', 'https://registry.k8s.io/v2/pause/manifests/3.8'])
  })

  it('when every host fails, reports the first failure as Go prints it — a dead mirror hides upstream’s error', () => {
    const { resolver, urls } = resolverOn({ connectivity: 'no-route', mirrors: { 'registry.k8s.io': [MIRROR] } })
    const error = failure(() => resolver.resolve('registry.k8s.io/pause:3.8'))
    expect(error.message).toBe('failed to do request: Head "http://10.0.0.5:5000/v2/pause/manifests/3.8?ns=registry.k8s.io": dial tcp 10.0.0.5:5000: connect: connection refused')
    expect(error.code).toBe('Unknown')
    expect(urls()).toHaveLength(2)
  })

  it('reports "<ref>: not found", code NotFound, when every host answered 404', () => {
    const { resolver } = resolverOn({ missing: ['registry.k8s.io/pause:3.99'] })
    const error = failure(() => resolver.resolve('registry.k8s.io/pause:3.99'))
    expect({ message: error.message, code: error.code }).toEqual({ message: 'registry.k8s.io/pause:3.99: not found', code: 'NotFound' })
  })

  it('containerd 1.x reports a dead mirror over upstream’s 404; 2.x reports the 404, which got further', () => {
    const options: RegistryOptions = { mirrors: { 'registry.k8s.io': [MIRROR] }, missing: ['registry.k8s.io/pause:3.99'] }
    expect(failure(() => resolverOn(options, 'first').resolver.resolve('registry.k8s.io/pause:3.99')).message).toMatch(/^failed to do request: Head "http:\/\/10\.0\.0\.5:5000\//)
    expect(failure(() => resolverOn(options, 'furthest').resolver.resolve('registry.k8s.io/pause:3.99')).message).toBe('registry.k8s.io/pause:3.99: not found')
  })

  it('keeps the code of the failure: a dropped connection is DeadlineExceeded', () => {
    const error = failure(() => resolverOn({ connectivity: 'tcp-dropped' }).resolver.resolve('registry.k8s.io/pause:3.8'))
    expect({ message: error.message, code: error.code }).toEqual({
      message: 'failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.8": dial tcp 192.0.2.50:443: i/o timeout',
      code: 'DeadlineExceeded',
    })
  })
})

describe('pullImage: the links containerd’s CRI PullImage adds', () => {
  it('containerd 1.7: failed to pull and unpack image, then failed to resolve reference, then the request', () => {
    const { resolver } = resolverOn({ connectivity: 'dns-nxdomain' })
    const error = failure(() => pullImage('registry.k8s.io/pause:3.8', resolver, RUNTIME_PROFILES['containerd-1.7']))
    expect(error.message).toBe(
      'failed to pull and unpack image "registry.k8s.io/pause:3.8": failed to resolve reference "registry.k8s.io/pause:3.8": ' +
        `failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.8": ${DNS_FAILURE}`,
    )
  })

  it('containerd 2.2 pulls through the transfer service: failed to resolve image, without the name', () => {
    const { resolver } = resolverOn({ connectivity: 'dns-nxdomain' })
    const error = failure(() => pullImage('registry.k8s.io/pause:3.10.1', resolver, RUNTIME_PROFILES['containerd-2.2']))
    expect(error.message).toBe(
      'failed to pull and unpack image "registry.k8s.io/pause:3.10.1": failed to resolve image: ' +
        `failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.10.1": ${DNS_FAILURE}`,
    )
  })

  it('keeps NotFound through every link it adds', () => {
    const { resolver } = resolverOn({ missing: ['docker.io/library/nginx:1.99'] })
    const error = failure(() => pullImage('docker.io/library/nginx:1.99', resolver, RUNTIME_PROFILES['containerd-1.7']))
    expect({ message: error.message, code: error.code }).toEqual({
      message:
        'failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
      code: 'NotFound',
    })
  })
})

describe('sandboxImageError: the links RunPodSandbox adds', () => {
  const pull = new GoError('failed to pull and unpack image "docker.io/library/pause:3.9": …', 'DeadlineExceeded')
  const id = 'ab3761a91b74a44f0716709d75d2580709f9bd802fb8cb99ef17c6ea7586685d'

  it('1.6 and 1.7: failed to get sandbox image, then failed to pull image — the name as configured', () => {
    const error = sandboxImageError(RUNTIME_PROFILES['containerd-1.6'], 'pause:3.9', pull, '')
    expect({ message: error.message, code: error.code }).toEqual({
      message: 'failed to get sandbox image "pause:3.9": failed to pull image "pause:3.9": failed to pull and unpack image "docker.io/library/pause:3.9": …',
      code: 'DeadlineExceeded',
    })
  })

  it('2.0 to 2.2: failed to start sandbox "<id>" in front, since the sandbox already exists', () => {
    expect(sandboxImageError(RUNTIME_PROFILES['containerd-2.2'], 'registry.k8s.io/pause:3.10.1', pull, id).message).toBe(
      `failed to start sandbox "${id}": failed to get sandbox image "registry.k8s.io/pause:3.10.1": failed to pull image "registry.k8s.io/pause:3.10.1": ${pull.message}`,
    )
  })

  it('2.3: only failed to pull image', () => {
    expect(sandboxImageError(RUNTIME_PROFILES['containerd-2.3'], 'registry.k8s.io/pause:3.10.2', pull, id).message).toBe(
      `failed to pull image "registry.k8s.io/pause:3.10.2": ${pull.message}`,
    )
  })
})

describe('criLabels: what the CRI plugin pins', () => {
  it('labels every image it manages, and pins the configured sandbox image, however the config writes it', () => {
    expect(criLabels('registry.k8s.io/pause:3.8', 'registry.k8s.io/pause:3.8', true)).toEqual({
      'io.cri-containerd.image': 'managed',
      'io.cri-containerd.pinned': 'pinned',
    })
    expect(criLabels('docker.io/library/pause:3.9', 'pause:3.9', true)).toHaveProperty(['io.cri-containerd.pinned'], 'pinned')
    expect(criLabels('registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.8', true)).toEqual({ 'io.cri-containerd.image': 'managed' })
  })

  it('pins nothing on a runtime without pinning (containerd before 1.6.22)', () => {
    expect(criLabels('registry.k8s.io/pause:3.6', 'registry.k8s.io/pause:3.6', false)).toEqual({ 'io.cri-containerd.image': 'managed' })
  })
})

describe('imagesToFree: the kubelet’s image GC', () => {
  const now = 10 * 3_600_000
  const image = (id: string, size: number, lastUsed: number, extra: Partial<ImageRecord> = {}): ImageRecord => ({
    id,
    size,
    pinned: false,
    firstDetected: 0,
    lastUsed,
    ...extra,
  })

  it('removes unused images, least recently used first, until enough bytes are freed', () => {
    const images = [image('sha256:b', 300, 5_000), image('sha256:a', 200, 1_000), image('sha256:c', 400, 9_000)]
    expect(imagesToFree(images, new Set(), 400, now)).toEqual(['sha256:a', 'sha256:b'])
    expect(imagesToFree(images, new Set(), Number.MAX_SAFE_INTEGER, now)).toEqual(['sha256:a', 'sha256:b', 'sha256:c'])
  })

  it('never removes an image a container uses, nor one the runtime pinned', () => {
    const images = [image('sha256:pause', 320_368, 0, { pinned: true }), image('sha256:nginx', 72_195_292, 0), image('sha256:old', 5_000, 0)]
    expect(imagesToFree(images, new Set(['sha256:nginx']), Number.MAX_SAFE_INTEGER, now)).toEqual(['sha256:old'])
  })

  it('leaves images younger than the minimum age (2 minutes); among equals, the first detected goes first', () => {
    const images = [image('sha256:new', 10, 0, { firstDetected: now - 60_000 }), image('sha256:two', 10, 0, { firstDetected: 2_000 }), image('sha256:one', 10, 0, { firstDetected: 1_000 })]
    expect(imagesToFree(images, new Set(), Number.MAX_SAFE_INTEGER, now)).toEqual(['sha256:one', 'sha256:two'])
  })
})

// ---- the capstone: your image half on a whole node ----------------------------------------

const CHAIN_17 =
  'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.8": ' +
  'failed to pull image "registry.k8s.io/pause:3.8": failed to pull and unpack image "registry.k8s.io/pause:3.8": ' +
  'failed to resolve reference "registry.k8s.io/pause:3.8": failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.8": ' +
  DNS_FAILURE

/** An air-gapped node with kubeadm's pause (3.10) and the app's images imported, and your image half. */
function airGapped(options: SessionOptions = {}) {
  return assembleNode(
    {
      runtime: 'containerd-1.7',
      connectivity: 'dns-nxdomain',
      preload: ['registry.k8s.io/pause:3.10', 'nginx:1.27', 'fluent/fluent-bit:3.1'],
      ...options,
    },
    { images: mine },
  )
}

const web: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web' },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.27' },
      { name: 'log-shipper', image: 'fluent/fluent-bit:3.1' },
    ],
  },
}
const hello: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }

const status = (session: NodeSession, name: string) => session.getPods(name).split('\n')[1]!.trim().split(/\s{2,}/)[2]

describe('capstone: the incident, on a node running your image half', () => {
  it('an air-gapped pod fails with the exact event, stays ContainerCreating with no IP, and the kubelet pulls nothing', () => {
    const session = airGapped()
    session.apply(web)
    session.advance(120_000)
    const [failed] = session.view('web').events.filter((e) => e.reason === 'FailedCreatePodSandBox')
    expect(failed).toMatchObject({ type: 'Warning', message: CHAIN_17, count: 10 }) // retries 10–15 s apart (jittered), so ten in two minutes
    expect(session.getPods('web', true)).toMatch(/^web\s+0\/2\s+ContainerCreating\s+0\s+2m\s+<none>\s/m)
    expect(session.view('web').status.phase).toBe('Pending')
    expect(session.trace.calls().map((c) => c.method)).not.toContain('PullImage')
  })

  it('fix 1: importing the exact image into k8s.io makes it run — into another namespace it does nothing', () => {
    const session = airGapped()
    session.apply(web)
    session.advance(60_000)
    session.importImage('registry.k8s.io/pause:3.8', 'default')
    session.advance(30_000)
    expect(status(session, 'web')).toBe('ContainerCreating')
    session.importImage('registry.k8s.io/pause:3.8')
    session.advance(30_000)
    expect(session.getPods('web', true)).toMatch(/^web\s+2\/2\s+Running\s+0\s+\S+\s+10\.244\.1\.2\s/m)
  })

  it('fix 2: a mirror that answers makes it run, with the pause image fetched from the mirror', () => {
    const session = airGapped({ preload: ['nginx:1.27', 'fluent/fluent-bit:3.1'] })
    session.apply(web)
    session.advance(30_000)
    session.setMirrors('registry.k8s.io', [MIRROR])
    session.advance(30_000)
    expect(status(session, 'web')).toBe('Running')
    expect(session.runtime.registries.requests.at(-1)).toMatchObject({ url: 'http://10.0.0.5:5000/v2/pause/manifests/3.8?ns=registry.k8s.io', result: { kind: 'found' } })
  })

  it('fix 3: configuring the sandbox image the node already has makes it run', () => {
    const session = airGapped()
    session.apply(web)
    session.advance(30_000)
    session.setSandboxImage('registry.k8s.io/pause:3.10')
    session.advance(30_000)
    expect(status(session, 'web')).toBe('Running')
    expect(session.trace.calls().find((c) => c.method === 'RunPodSandbox' && !c.error)?.steps).toContain('sandbox image registry.k8s.io/pause:3.10 is here')
  })

  it('without pinning, the image GC deletes the pause image, and the next pod cannot start', () => {
    const session = airGapped({ runtime: 'containerd-1.6.20', preload: ['nginx:1.27', 'fluent/fluent-bit:3.1'] })
    session.importImage('registry.k8s.io/pause:3.6')
    session.apply(web)
    session.advance(600_000)
    const gc = session.gcImages()
    expect(gc.removed.map((r) => r.names)).toEqual([['registry.k8s.io/pause:3.6']])
    session.apply(hello)
    session.advance(60_000)
    expect(status(session, 'web')).toBe('Running')
    expect(status(session, 'hello')).toBe('ContainerCreating')
    expect(session.view('hello').events.at(-1)?.message).toMatch(/^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry\.k8s\.io\/pause:3\.6": /)
  })

  it('with pinning, the GC leaves the pause image, and the next pod runs', () => {
    const session = airGapped({ runtime: 'containerd-1.6', preload: ['nginx:1.27', 'fluent/fluent-bit:3.1'] })
    session.importImage('registry.k8s.io/pause:3.6')
    session.apply(web)
    session.advance(600_000)
    expect(session.runtime.listImages({}).images.find((i) => i.repoTags.includes('registry.k8s.io/pause:3.6'))?.pinned).toBe(true)
    expect(session.gcImages().removed).toEqual([])
    session.apply(hello)
    session.advance(60_000)
    expect(status(session, 'hello')).toBe('Running')
  })
})
