/** The provided machinery that the katas stand on. */
import { describe, expect, it } from 'vitest'
import { HostLocalIpam } from '../machinery/runtime/ipam.ts'
import { Kernel, type NetworkNamespace } from '../machinery/kernel/kernel.ts'
import { parsePod } from '../machinery/api/manifest.ts'
import { isDNS1123Label } from '../machinery/api/names.ts'
import { QUANTITY_FORMAT_ERROR, toMillicores, toUnits } from '../machinery/api/quantity.ts'
import { resolveId } from '../machinery/runtime/truncindex.ts'
import { CriFaults } from '../machinery/runtime/faults.ts'
import { StartupProber } from '../machinery/kubelet/prober.ts'
import type { RuntimePodStatus } from '../machinery/kubelet/runtime-pod-status.ts'

describe('quantities', () => {
  it('reads CPU as millicores and memory as bytes, rounding up like the API server', () => {
    expect([toMillicores('250m'), toMillicores('0.5'), toMillicores('2'), toMillicores('0.0001')]).toEqual([250, 500, 2000, 1])
    expect([toUnits('128Mi'), toUnits('1G'), toUnits('1e3'), toUnits('1.5Ki')]).toEqual([128 * 2 ** 20, 1e9, 1000, 1536])
  })

  it("rejects a malformed quantity with the API server's message", () => {
    expect(() => toUnits('12 GB')).toThrow(QUANTITY_FORMAT_ERROR)
  })
})

describe('names', () => {
  it('says "must not contain dots" for a container name that is a valid subdomain', () => {
    expect(isDNS1123Label('web.app')).toEqual(['must not contain dots'])
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters'])
  })
})

describe('reading a Pod manifest', () => {
  it('gives a one-line error with the line and column for broken YAML', () => {
    expect(() => parsePod('apiVersion: v1\nkind: Pod\nmetadata: [name: web\n', 'pod.yaml')).toThrow(/^pod\.yaml: line \d+, column \d+: .+$/)
  })

  it('refuses what is not a v1 Pod', () => {
    expect(() => parsePod('apiVersion: apps/v1\nkind: Deployment\n', 'd.yaml')).toThrow('d.yaml: expected kind: Pod, found kind: Deployment')
    expect(() => parsePod('- a\n- b\n', 'l.yaml')).toThrow('l.yaml: expected a Pod object, found a list')
    expect(() => parsePod('', 'e.yaml')).toThrow('e.yaml: the file is empty')
  })
})

describe('host-local IPAM', () => {
  it('starts at .2, goes round-robin after a release, and says when the range is exhausted', () => {
    const ipam = new HostLocalIpam('10.244.1.0/29')
    expect([ipam.allocate('a'), ipam.allocate('b')]).toEqual(['10.244.1.2', '10.244.1.3'])
    ipam.release('a')
    expect(ipam.allocate('c')).toBe('10.244.1.4')
    expect([ipam.allocate('d'), ipam.allocate('e'), ipam.allocate('f')]).toEqual(['10.244.1.5', '10.244.1.6', '10.244.1.2'])
    expect(() => ipam.allocate('g')).toThrow('no IP addresses available in range set: 10.244.1.1-10.244.1.6')
  })

  it('works for ranges above 128.0.0.0 too', () => {
    const ipam = new HostLocalIpam('192.168.1.0/24')
    expect(ipam.allocate('a')).toBe('192.168.1.2')
    expect(ipam.ownerOf('192.168.1.2')).toBe('a')
  })

  it('gives a sandbox the address it already holds when asked twice', () => {
    const ipam = new HostLocalIpam()
    expect(ipam.allocate('a')).toBe(ipam.allocate('a'))
  })
})

describe('the kernel', () => {
  it('keeps localhost and ports per network namespace', () => {
    const kernel = new Kernel()
    const podA = kernel.createNetworkNamespace()
    const podB = kernel.createNetworkNamespace()
    kernel.spawn('a', { net: podA })
    kernel.spawn('b', { net: podB })
    podA.listen(80, 'nginx', () => 'from A')
    expect(() => podA.listen(80, 'other', () => '')).toThrow('listen tcp :80: bind: address already in use')
    podB.listen(80, 'nginx', () => 'from B')
    expect(kernel.connect(podA, 'localhost', 80)).toBe('from A')
    expect(kernel.connect(podB, '127.0.0.1', 80)).toBe('from B')
    expect(() => kernel.connect(podA, 'localhost', 6379)).toThrow('dial tcp 127.0.0.1:6379: connect: connection refused')
  })

  it('lets a network namespace die with its last process unless something pins it', () => {
    const kernel = new Kernel()
    const net = kernel.createNetworkNamespace()
    net.addresses.add('10.244.1.2')
    const holder = kernel.spawn('/pause', { net })
    net.listen(80, 'nginx', () => 'hi')
    expect(kernel.connect(kernel.host.net as NetworkNamespace, '10.244.1.2', 80)).toBe('hi')
    kernel.exit(holder.pid)
    expect(net.alive).toBe(false)
    expect(() => kernel.connect(kernel.host.net as NetworkNamespace, '10.244.1.2', 80)).toThrow('connection refused')
  })
})

describe('processes: parents, zombies and PID 1', () => {
  it('numbers each PID namespace from 1, whatever starts elsewhere in between', () => {
    const kernel = new Kernel()
    const [podA, podB] = [kernel.createNamespace('pid'), kernel.createNamespace('pid')]
    const pauseA = kernel.spawn('/pause', { pid: podA })
    const pauseB = kernel.spawn('/pause', { pid: podB })
    const nginxA = kernel.spawn('nginx', { pid: podA })
    const onNode = kernel.spawn('kubelet', {})
    expect([pauseA, nginxA, pauseB].map((p) => kernel.pidInNamespace(p.pid))).toEqual([1, 2, 1])
    expect(kernel.pidInNamespace(onNode.pid)).toBe(onNode.pid)
  })

  it('keeps an exited child as a zombie until its parent waits, and tells the parent with SIGCHLD', () => {
    const kernel = new Kernel()
    const parent = kernel.spawn('sh', { pid: kernel.createNamespace('pid') })
    let sigchld = 0
    parent.handlers = { SIGCHLD: () => sigchld++ }
    const child = kernel.spawnChild(parent.pid, 'sleep')
    expect(child.namespaces).toEqual(parent.namespaces)
    kernel.exit(child.pid, 3)
    expect([child.zombie, child.exitCode, sigchld]).toEqual([true, 3, 1])
    expect(kernel.zombiesOf(parent.pid)).toEqual([child])
    expect(kernel.waitAny(parent.pid)).toBe(child.pid)
    expect(child.zombie).toBe(false)
    expect(kernel.waitAny(parent.pid)).toBe(0)
  })

  it('gives an orphan to PID 1 of its namespace, which reaps it only if it handles SIGCHLD', () => {
    const kernel = new Kernel()
    const pidNs = kernel.createNamespace('pid')
    const init = kernel.spawn('init', { pid: pidNs })
    // Like pause: signals do not queue, so one SIGCHLD may stand for several exited children.
    init.handlers = {
      SIGCHLD: () => {
        while (kernel.waitAny(init.pid) > 0);
      },
    }
    const shell = kernel.spawnChild(init.pid, 'sh')
    const worker = kernel.spawnChild(shell.pid, 'worker')
    kernel.exit(shell.pid)
    expect(worker.parentPid).toBe(init.pid)
    kernel.exit(worker.pid)
    expect(worker.zombie).toBe(false)

    // A zombie whose parent dies before waiting is handed to PID 1 too, and reaped at once.
    const parent = kernel.spawnChild(init.pid, 'sh')
    const zombie = kernel.spawnChild(parent.pid, 'worker')
    kernel.exit(zombie.pid)
    expect(zombie.zombie).toBe(true)
    kernel.exit(parent.pid)
    expect([zombie.parentPid, zombie.zombie]).toEqual([init.pid, false])

    const lazy = kernel.spawn('app', { pid: kernel.createNamespace('pid') })
    const orphan = kernel.spawnChild(kernel.spawnChild(lazy.pid, 'sh').pid, 'worker')
    kernel.exit(orphan.parentPid!)
    kernel.exit(orphan.pid)
    expect([orphan.parentPid, orphan.zombie]).toEqual([lazy.pid, true])
  })

  it('kills every other process of a PID namespace when its PID 1 dies', () => {
    const kernel = new Kernel()
    const pidNs = kernel.createNamespace('pid')
    const init = kernel.spawn('/pause', { pid: pidNs })
    const others = [kernel.spawn('nginx', { pid: pidNs }), kernel.spawn('fluent-bit', { pid: pidNs })]
    const elsewhere = kernel.spawn('redis', { pid: kernel.createNamespace('pid') })
    kernel.exit(init.pid, 0)
    expect(others.map((p) => [p.state, p.exitCode])).toEqual([
      ['exited', 137],
      ['exited', 137],
    ])
    expect(elsewhere.state).toBe('running')
  })

  it('delivers signals: a handler runs, SIGKILL always kills, and PID 1 ignores what it does not handle', () => {
    const kernel = new Kernel()
    const init = kernel.spawn('init', { pid: kernel.createNamespace('pid') })
    const worker = kernel.spawn('worker', { pid: init.namespaces.pid })
    kernel.signal(init.pid, 'SIGTERM')
    expect(init.state).toBe('running')
    const seen: string[] = []
    init.handlers = { SIGHUP: () => seen.push('SIGHUP') }
    kernel.signal(init.pid, 'SIGHUP')
    expect([seen, init.state]).toEqual([['SIGHUP'], 'running'])
    kernel.signal(worker.pid, 'SIGTERM')
    expect([worker.state, worker.exitCode]).toEqual(['exited', 143])
    kernel.signal(init.pid, 'SIGKILL')
    expect([init.state, init.exitCode]).toEqual(['exited', 137])
    expect(() => kernel.signal(init.pid, 'SIGTERM')).toThrow(`kill ${init.pid}: no such process`)
  })

  it('runs a registered program when its command is spawned', () => {
    const kernel = new Kernel()
    kernel.programs.set('/pause', (process) => {
      process.stderr = ['started']
    })
    expect(kernel.spawn('/pause', {}).stderr).toEqual(['started'])
    expect(kernel.spawn('nginx', {}).stderr).toBeUndefined()
  })
})

describe('ids by prefix', () => {
  it('finds an id by a unique prefix and names an ambiguous one', () => {
    const ids = ['5d7f179c2d4fd0aa', '5d7f179c2d4fd0bb', '2d1debb35208b000']
    expect(resolveId(ids, '2d1d')).toBe('2d1debb35208b000')
    expect(() => resolveId(ids, '5d7f')).toThrow('Multiple IDs found with provided prefix: 5d7f')
    expect(() => resolveId(ids, 'ffff')).toThrow('not found')
    expect(() => resolveId(ids, '')).toThrow("prefix can't be empty")
  })
})

describe('faults to order', () => {
  it('answers the next calls of one method with the armed gRPC error, then lets calls through again', () => {
    const faults = new CriFaults()
    faults.fail('StartContainer', 'Unknown', 'failed to create containerd task: …', 2)
    expect(faults.take('CreateContainer')).toBeUndefined()
    expect(faults.take('StartContainer')?.message).toBe('rpc error: code = Unknown desc = failed to create containerd task: …')
    expect(faults.take('StartContainer')).toBeDefined()
    expect(faults.take('StartContainer')).toBeUndefined()
  })
})

describe('the startup prober', () => {
  const pod = { spec: { containers: [{ name: 'app', image: 'app', startupProbe: { initialDelaySeconds: 15, periodSeconds: 10 } }] } }
  const running = (startedAt: number): RuntimePodStatus => ({
    uid: 'u',
    name: 'p',
    namespace: 'default',
    sandboxStatuses: [],
    ips: [],
    containerStatuses: [
      { id: 'c1', name: 'app', state: 'running', restartCount: 0, exitCode: 0, reason: '', createdAt: startedAt, startedAt, finishedAt: 0, imageRef: '', podSandboxId: 's' },
    ],
  })

  it('is Unknown until the first probe at or after initialDelaySeconds, then Success', () => {
    const prober = new StartupProber()
    expect(prober.nextPass(pod, running(1_000))).toBe(21_000) // probes at 0 s, 10 s, 20 s after the start
    prober.probe(pod, running(1_000), 20_999)
    expect(prober.get('c1')).toBe('Unknown')
    prober.probe(pod, running(1_000), 21_000)
    expect(prober.get('c1')).toBe('Success')
    expect(prober.nextPass(pod, running(1_000))).toBeUndefined()
  })
})
