/**
 * Kata 3 — the PodSandbox. Your SandboxService is the runtime's side of the CRI calls for
 * sandboxes; each spec makes the calls the kubelet (or crictl) would make, on a simulated node
 * whose pod CIDR is 10.244.1.0/24, and checks what containerd would do.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { NamespaceOption, PodSandboxConfig } from '../../machinery/runtime/cri.ts'
import { GrpcError } from '../../machinery/runtime/grpc.ts'
import type { NetworkNamespace } from '../../machinery/kernel/kernel.ts'
import { SimulatedNode } from '../../machinery/node/node.ts'
import { IdGenerator } from '../../machinery/node/ids.ts'
import { hostnameIn, setHostname } from '../../machinery/kernel/pod-env.ts'
import { SandboxService } from './sandbox.ts'

let node: SimulatedNode
let runtime: SandboxService

beforeEach(() => {
  node = new SimulatedNode({ podCIDR: '10.244.1.0/24' })
  runtime = new SandboxService(node)
})

/** The config the kubelet sends for a pod, as generatePodSandboxConfig builds it. */
function podConfig(
  name: string,
  options: { uid?: string; attempt?: number; namespaces?: Partial<NamespaceOption>; labels?: Record<string, string> } = {},
): PodSandboxConfig {
  const uid = options.uid ?? `uid-${name}`
  const network = options.namespaces?.network ?? 'POD'
  return {
    metadata: { name, namespace: 'default', uid, attempt: options.attempt ?? 0 },
    // The kubelet sets a hostname only for pods on the pod network.
    hostname: network === 'NODE' ? '' : name,
    logDirectory: `/var/log/pods/default_${name}_${uid}`,
    labels: { 'io.kubernetes.pod.name': name, 'io.kubernetes.pod.namespace': 'default', ...options.labels },
    annotations: { 'kubernetes.io/config.source': 'api' },
    linux: {
      securityContext: {
        namespaceOptions: { network, pid: options.namespaces?.pid ?? 'CONTAINER', ipc: options.namespaces?.ipc ?? 'POD' },
      },
    },
  }
}

const run = (config: PodSandboxConfig) => runtime.runPodSandbox({ config }).podSandboxId
const statusOf = (id: string) => runtime.podSandboxStatus({ podSandboxId: id }).status
const pauseOf = (id: string) => {
  // The pause processes are the sandboxes' holders: find the one in this sandbox's netns.
  const ip = statusOf(id).network.ip
  return [...node.kernel.processes.values()].find(
    (p) => p.command === '/pause' && p.state === 'running' && (ip === '' || (p.namespaces.net as NetworkNamespace).addresses.has(ip)),
  )
}
/** Runs the call and returns the gRPC error it fails with, as grpc-go prints it. */
const rpcError = (call: () => unknown): string => {
  try {
    call()
  } catch (error) {
    if (error instanceof GrpcError) return error.message
    throw error
  }
  throw new Error('expected the call to fail with a gRPC error, but it succeeded')
}

describe('runPodSandbox: create and start the pod-level sandbox', () => {
  it('returns a 64-character hex id, and the sandbox is SANDBOX_READY', () => {
    const id = run(podConfig('web'))
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    expect(statusOf(id).state).toBe('SANDBOX_READY')
  })

  it('gives the first pod 10.244.1.2 from the node pod CIDR (.1 is the gateway), and the next pod .3', () => {
    expect(statusOf(run(podConfig('web'))).network.ip).toBe('10.244.1.2')
    expect(statusOf(run(podConfig('api'))).network.ip).toBe('10.244.1.3')
  })

  it('starts a pause process that holds new network, IPC, UTS and PID namespaces, with the pod IP', () => {
    const id = run(podConfig('web'))
    const pause = pauseOf(id)
    expect(pause?.command).toBe('/pause')
    for (const type of ['net', 'ipc', 'uts', 'pid'] as const) {
      expect(pause!.namespaces[type], type).not.toBe(node.kernel.host[type])
    }
    expect([...(pause!.namespaces.net as NetworkNamespace).addresses]).toEqual(['127.0.0.1', '10.244.1.2'])
  })

  it('gives each sandbox a network namespace of its own', () => {
    const web = pauseOf(run(podConfig('web')))
    const api = pauseOf(run(podConfig('api')))
    expect(web!.namespaces.net).not.toBe(api!.namespaces.net)
    expect(web!.namespaces.uts).not.toBe(api!.namespaces.uts)
  })

  it("uses the node's network and UTS namespaces, and no pod IP, with network NODE (hostNetwork)", () => {
    const id = run(podConfig('exporter', { namespaces: { network: 'NODE' } }))
    expect(statusOf(id).network.ip).toBe('')
    const pause = [...node.kernel.processes.values()].find((p) => p.command === '/pause')
    expect(pause!.namespaces.net).toBe(node.kernel.host.net)
    expect(pause!.namespaces.uts).toBe(node.kernel.host.uts)
    expect(node.ipam.inUse).toEqual([])
  })

  it("uses the node's PID namespace only with pid NODE (hostPID)", () => {
    const id = run(podConfig('debugger', { namespaces: { pid: 'NODE' } }))
    expect(pauseOf(id)!.namespaces.pid).toBe(node.kernel.host.pid)
  })

  it('refuses a second sandbox with the same name, namespace, uid and attempt while the first exists', () => {
    const first = run(podConfig('web'))
    runtime.stopPodSandbox({ podSandboxId: first }) // stopping does not free the name
    expect(rpcError(() => run(podConfig('web')))).toBe(
      `rpc error: code = Unknown desc = failed to reserve sandbox name "web_default_uid-web_0": name "web_default_uid-web_0" is reserved for "${first}"`,
    )
  })

  it('accepts the same pod again with the next attempt, as the kubelet does when it re-creates a sandbox', () => {
    const first = run(podConfig('web'))
    const second = run(podConfig('web', { attempt: 1 }))
    expect(second).not.toBe(first)
    expect(statusOf(second).metadata.attempt).toBe(1)
  })

  it('makes the id before it reserves the name, as containerd does: a refused request has used up an id', () => {
    // The node's ids come in a fixed order: the same as a fresh generator's.
    const ids = new IdGenerator()
    const [one, , three] = [ids.next(), ids.next(), ids.next()]
    expect(run(podConfig('web'))).toBe(one)
    rpcError(() => run(podConfig('web'))) // the second id went to this refused request
    expect(run(podConfig('api'))).toBe(three)
  })

  it("sets the config's hostname in the pod's UTS namespace, and leaves the node's hostname alone with network NODE", () => {
    setHostname(node.kernel.host.uts, 'node-1')
    const web = pauseOf(run({ ...podConfig('web'), hostname: 'web-7d4b9' }))!
    expect(hostnameIn(web.namespaces.uts)).toBe('web-7d4b9')
    run(podConfig('exporter', { namespaces: { network: 'NODE' } }))
    expect(hostnameIn(node.kernel.host.uts)).toBe('node-1')
  })

  it('gives pause a mount namespace of its own, not the node’s', () => {
    const web = pauseOf(run(podConfig('web')))!
    const api = pauseOf(run(podConfig('api')))!
    expect(web.namespaces.mnt).not.toBe(node.kernel.host.mnt)
    expect(web.namespaces.mnt).not.toBe(api.namespaces.mnt)
  })
})

describe('podSandboxStatus: what crictl inspectp shows', () => {
  it('reports the id, metadata, state, creation time in nanoseconds, IP, namespace options, labels and annotations', () => {
    const config = podConfig('web')
    const id = run(config)
    expect(statusOf(id)).toEqual({
      id,
      metadata: { name: 'web', namespace: 'default', uid: 'uid-web', attempt: 0 },
      state: 'SANDBOX_READY',
      createdAt: (BigInt(node.clock.now()) * 1_000_000n).toString(),
      network: { ip: '10.244.1.2', additionalIps: [] },
      linux: { namespaces: { options: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
      labels: config.labels,
      annotations: config.annotations,
      runtimeHandler: '',
    })
  })

  it('adds the pause pid, its process status and whether the netns is closed under info, only when verbose', () => {
    const id = run(podConfig('web'))
    expect(runtime.podSandboxStatus({ podSandboxId: id }).info).toEqual({})
    const verbose = () => JSON.parse(runtime.podSandboxStatus({ podSandboxId: id, verbose: true }).info.info ?? '{}')
    expect(verbose()).toEqual({ pid: pauseOf(id)!.pid, processStatus: 'running', netNamespaceClosed: false })
    runtime.stopPodSandbox({ podSandboxId: id })
    expect(verbose()).toEqual({ pid: 0, processStatus: 'deleted', netNamespaceClosed: true })
  })

  it('once pause has died on its own: SANDBOX_NOTREADY, pid 0 and "deleted", but still the IP, as the netns stays until Stop', () => {
    const id = run(podConfig('web'))
    node.kernel.exit(pauseOf(id)!.pid, 137)
    const { status, info } = runtime.podSandboxStatus({ podSandboxId: id, verbose: true })
    expect(status.state).toBe('SANDBOX_NOTREADY')
    expect(status.network.ip).toBe('10.244.1.2')
    expect(JSON.parse(info.info ?? '{}')).toEqual({ pid: 0, processStatus: 'deleted', netNamespaceClosed: false })
    expect(runtime.listPodSandbox({ filter: { state: { state: 'SANDBOX_READY' } } }).items).toEqual([])
  })

  it('finds a sandbox by a unique prefix of its id, as crictl shows 13 characters', () => {
    const id = run(podConfig('web'))
    expect(statusOf(id.slice(0, 13)).id).toBe(id)
  })

  it('fails with NotFound for an id it does not know', () => {
    expect(rpcError(() => statusOf('5d7f179c2d4fd'))).toBe(
      'rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found',
    )
  })
})

describe('stopPodSandbox: reclaim the sandbox, keep its record', () => {
  it('kills the pause process and every container of the sandbox; the sandbox is SANDBOX_NOTREADY', () => {
    const id = run(podConfig('web'))
    const pause = pauseOf(id)!
    const app = node.kernel.spawn('nginx', { net: pause.namespaces.net })
    node.containers.add({ id: 'c1', podSandboxId: id, name: 'nginx', attempt: 0, state: 'CONTAINER_RUNNING', pid: app.pid })
    runtime.stopPodSandbox({ podSandboxId: id })
    expect(pause.state).toBe('exited')
    expect(app.state).toBe('exited')
    expect(node.containers.get('c1')?.state).toBe('CONTAINER_EXITED')
    expect(statusOf(id).state).toBe('SANDBOX_NOTREADY')
  })

  it('gives the IP back to the node, so the status shows no IP any more', () => {
    const id = run(podConfig('web'))
    runtime.stopPodSandbox({ podSandboxId: id })
    expect(node.ipam.ownerOf('10.244.1.2')).toBeUndefined()
    expect(statusOf(id).network.ip).toBe('')
  })

  it('tears down the network namespace: nothing can reach the old pod IP', () => {
    const id = run(podConfig('web'))
    const net = pauseOf(id)!.namespaces.net as NetworkNamespace
    net.listen(80, 'nginx', () => 'hello')
    expect(node.kernel.connect(node.kernel.host.net as NetworkNamespace, '10.244.1.2', 80)).toBe('hello')
    runtime.stopPodSandbox({ podSandboxId: id })
    expect(() => node.kernel.connect(node.kernel.host.net as NetworkNamespace, '10.244.1.2', 80)).toThrow(
      'dial tcp 10.244.1.2:80: connect: connection refused',
    )
  })

  it('stops a sandbox named by a unique prefix of its id, as crictl stopp does', () => {
    const id = run(podConfig('web'))
    run(podConfig('api'))
    runtime.stopPodSandbox({ podSandboxId: id.slice(0, 13) })
    expect(statusOf(id).state).toBe('SANDBOX_NOTREADY')
  })

  it("leaves the node's own network alone when it stops a hostNetwork sandbox", () => {
    const hostNet = node.kernel.host.net as NetworkNamespace
    hostNet.listen(10250, 'kubelet', () => 'ok')
    const id = run(podConfig('exporter', { namespaces: { network: 'NODE' } }))
    runtime.stopPodSandbox({ podSandboxId: id })
    expect(statusOf(id).state).toBe('SANDBOX_NOTREADY')
    expect(hostNet.alive).toBe(true)
    expect(node.kernel.connect(hostNet, '192.168.49.2', 10250)).toBe('ok')
  })

  it('succeeds when called again, and for an id it does not know', () => {
    const id = run(podConfig('web'))
    runtime.stopPodSandbox({ podSandboxId: id })
    expect(runtime.stopPodSandbox({ podSandboxId: id })).toEqual({})
    expect(runtime.stopPodSandbox({ podSandboxId: 'f00dcafe' })).toEqual({})
  })
})

describe('removePodSandbox: forget the sandbox and everything in it', () => {
  it('removes a stopped sandbox: it is no longer listed and its status is NotFound', () => {
    const id = run(podConfig('web'))
    runtime.stopPodSandbox({ podSandboxId: id })
    runtime.removePodSandbox({ podSandboxId: id })
    expect(runtime.listPodSandbox({}).items).toEqual([])
    expect(rpcError(() => statusOf(id))).toContain('code = NotFound')
  })

  it('forcibly stops and removes a running sandbox with containers still inside, and frees its IP', () => {
    const id = run(podConfig('web'))
    const app = node.kernel.spawn('nginx', { net: pauseOf(id)!.namespaces.net })
    node.containers.add({ id: 'c1', podSandboxId: id, name: 'nginx', attempt: 0, state: 'CONTAINER_RUNNING', pid: app.pid })
    runtime.removePodSandbox({ podSandboxId: id })
    expect(app.state).toBe('exited')
    expect(node.containers.all()).toEqual([])
    expect(node.ipam.inUse).toEqual([])
    expect([...node.kernel.processes.values()].filter((p) => p.state === 'running')).toEqual([])
  })

  it('frees the name: the same pod and attempt can have a sandbox again', () => {
    const first = run(podConfig('web'))
    runtime.removePodSandbox({ podSandboxId: first })
    expect(statusOf(run(podConfig('web'))).state).toBe('SANDBOX_READY')
  })

  it('succeeds for a sandbox that is already gone', () => {
    const id = run(podConfig('web'))
    runtime.removePodSandbox({ podSandboxId: id })
    expect(runtime.removePodSandbox({ podSandboxId: id })).toEqual({})
  })
})

describe('listPodSandbox: what crictl pods shows', () => {
  it('lists every sandbox, stopped ones included, until they are removed', () => {
    const web = run(podConfig('web'))
    const api = run(podConfig('api'))
    runtime.stopPodSandbox({ podSandboxId: api })
    const listed = runtime.listPodSandbox({}).items.map((s) => [s.metadata.name, s.state])
    expect(listed.sort()).toEqual([
      ['api', 'SANDBOX_NOTREADY'],
      ['web', 'SANDBOX_READY'],
    ])
    expect(runtime.listPodSandbox({}).items.find((s) => s.id === web)?.labels['io.kubernetes.pod.name']).toBe('web')
  })

  it('filters by state and by labels, and every label must match', () => {
    run(podConfig('web', { labels: { app: 'shop', tier: 'front' } }))
    const api = run(podConfig('api', { labels: { app: 'shop', tier: 'back' } }))
    run(podConfig('batch', { labels: { app: 'reports' } }))
    runtime.stopPodSandbox({ podSandboxId: api })
    const names = (filter: Parameters<SandboxService['listPodSandbox']>[0]['filter']) =>
      runtime.listPodSandbox({ filter }).items.map((s) => s.metadata.name).sort()
    expect(names({ state: { state: 'SANDBOX_READY' } })).toEqual(['batch', 'web'])
    expect(names({ labelSelector: { app: 'shop' } })).toEqual(['api', 'web'])
    expect(names({ labelSelector: { app: 'shop', tier: 'back' } })).toEqual(['api'])
    expect(names({ state: { state: 'SANDBOX_READY' }, labelSelector: { app: 'shop' } })).toEqual(['web'])
  })

  it('filters by id or unique id prefix, and an unknown id lists nothing rather than failing', () => {
    const web = run(podConfig('web'))
    run(podConfig('api'))
    expect(runtime.listPodSandbox({ filter: { id: web.slice(0, 13) } }).items.map((s) => s.id)).toEqual([web])
    expect(runtime.listPodSandbox({ filter: { id: 'f00dcafe' } }).items).toEqual([])
  })

  it('lists nothing for an id prefix that several sandboxes share, rather than all of them', () => {
    // Sandboxes until two ids start with the same character (17 are always enough).
    const byFirst = new Map<string, string[]>()
    let shared: string | undefined
    for (let i = 0; !shared; i++) {
      const id = run(podConfig(`pod-${i}`))
      byFirst.set(id[0]!, [...(byFirst.get(id[0]!) ?? []), id])
      if (byFirst.get(id[0]!)!.length === 2) shared = id[0]
    }
    expect(runtime.listPodSandbox({ filter: { id: shared } }).items).toEqual([])
  })
})
