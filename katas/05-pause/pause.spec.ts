/**
 * Kata 5 — the pause container. Your pause.ts gives the simulated node three things: the pause
 * program (what /pause does when the sandbox starts it), the namespaces a container gets, and
 * the kubelet's decision when something dies. Each spec runs a Pod on a node (containerd 1.7,
 * the reference kubelet, pod CIDR 10.244.1.0/24) built with YOUR functions, then kills things.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import type { PodSandboxStatus } from '../../machinery/runtime/cri.ts'
import type { Process } from '../../machinery/kernel/kernel.ts'
import type { RuntimeContainerStatus, RuntimePodStatus } from '../../machinery/kubelet/runtime-pod-status.ts'
import { assembleNode, type SessionOptions } from '../../assembly/index.ts'
import { containerNamespaces, pauseProgram, podSandboxChanged } from './pause.ts'

function pod(name: string, spec: Partial<Pod['spec']> & { containers: Container[] }): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec }
}

const web = pod('web', {
  containers: [
    { name: 'nginx', image: 'nginx:1.27' },
    { name: 'log-shipper', image: 'fluent/fluent-bit:3.1' },
  ],
})

/** A node whose runtime and kubelet use your pause.ts; the pod is applied and running. */
function running(manifest: Pod, options: SessionOptions = {}) {
  const session = assembleNode(options, { pause: { pauseProgram, containerNamespaces, podSandboxChanged } })
  const name = session.apply(manifest)
  session.run(name)
  const { kernel } = session.node
  /** Why the pod is not where a spec needs it: the kubelet's last Warning event says it. */
  const whyNot = (what: string) => {
    const warning = session.trace.events().filter((e) => e.type === 'Warning').at(-1)
    return new Error(`${what}; the kubelet's last Warning: ${warning ? `${warning.reason}: ${warning.message}` : 'none'}`)
  }
  const sandbox = () => {
    const newest = session.runtime.listPodSandbox({}).items.at(-1)
    if (!newest) throw whyNot('the pod has no sandbox')
    return newest
  }
  const pause = (): Process => {
    const info = JSON.parse(session.runtime.podSandboxStatus({ podSandboxId: sandbox().id, verbose: true }).info['info'] ?? '{}') as { pid: number }
    return kernel.processes.get(info.pid)!
  }
  const container = (containerName: string): Process => {
    const record = session.node.containers.all().filter((c) => c.name === containerName && c.pid !== undefined).at(-1)
    if (!record) throw whyNot(`container ${containerName} never started`)
    return kernel.processes.get(record.pid!)!
  }
  const calls = () => session.trace.calls()
  const events = () => session.trace.events().map((e) => `${e.type} ${e.reason}: ${e.fieldPath ? `${e.fieldPath}: ` : ''}${e.message}`)
  return { session, name, kernel, sandbox, pause, container, calls, events }
}

describe('the kubelet’s decision: podSandboxChanged', () => {
  it('a pod without a sandbox needs one, with attempt 0', () => {
    expect(podSandboxChanged(web, status())).toEqual({ changed: true, attempt: 0, sandboxId: '' })
  })

  it('a ready sandbox with an IP is kept, whatever its containers did', () => {
    expect(podSandboxChanged(web, status(sandbox('s1', 0, 'SANDBOX_READY'), exited('nginx', 1)))).toEqual({ changed: false, attempt: 0, sandboxId: 's1' })
  })

  it('a sandbox that is not ready (its pause died) is replaced, with the next attempt', () => {
    expect(podSandboxChanged(web, status(sandbox('s1', 0, 'SANDBOX_NOTREADY')))).toEqual({ changed: true, attempt: 1, sandboxId: 's1' })
  })

  it('the next attempt is one more than the highest attempt of any sandbox of the pod', () => {
    const statuses = status(sandbox('s3', 4, 'SANDBOX_NOTREADY'), sandbox('s2', 2, 'SANDBOX_NOTREADY'))
    expect(podSandboxChanged(web, statuses)).toEqual({ changed: true, attempt: 5, sandboxId: 's3' })
  })

  it('a ready sandbox that has lost its IP is replaced; a hostNetwork pod never has one of its own', () => {
    expect(podSandboxChanged(web, status(sandbox('s1', 0, 'SANDBOX_READY', '')))).toEqual({ changed: true, attempt: 1, sandboxId: 's1' })
    const host = pod('host', { hostNetwork: true, containers: [{ name: 'agent', image: 'busybox:1.36' }] })
    expect(podSandboxChanged(host, status(sandbox('s1', 0, 'SANDBOX_READY', '')))).toEqual({ changed: false, attempt: 0, sandboxId: 's1' })
  })

  it('two ready sandboxes are one too many: the pod gets a new one', () => {
    const statuses = status(sandbox('s2', 1, 'SANDBOX_READY'), sandbox('s1', 0, 'SANDBOX_READY'))
    expect(podSandboxChanged(web, statuses)).toEqual({ changed: true, attempt: 2, sandboxId: 's2' })
  })
})

describe('the pause program (pause.c)', () => {
  it('is PID 1 of the sandbox’s PID namespace, and keeps running after the pod has started', () => {
    const { pause, kernel } = running(web)
    expect(pause().state).toBe('running')
    expect(kernel.pidInNamespace(pause().pid)).toBe(1)
    expect(pause().stderr).toEqual([])
  })

  it('exits 0 on SIGTERM, saying "Shutting down, got signal: Terminated"', () => {
    const { pause, kernel } = running(web)
    const p = pause()
    kernel.signal(p.pid, 'SIGTERM')
    expect(p).toMatchObject({ state: 'exited', exitCode: 0 })
    expect(p.stderr).toEqual(['Shutting down, got signal: Terminated'])
  })

  it('exits 0 on SIGINT, saying "Shutting down, got signal: Interrupt"', () => {
    const { pause, kernel } = running(web)
    const p = pause()
    kernel.signal(p.pid, 'SIGINT')
    expect(p).toMatchObject({ state: 'exited', exitCode: 0 })
    expect(p.stderr).toEqual(['Shutting down, got signal: Interrupt'])
  })

  it('has no handler for SIGHUP, and as PID 1 the kernel does not let it die of one', () => {
    const { pause, kernel } = running(web)
    const p = pause()
    kernel.signal(p.pid, 'SIGHUP')
    expect(p.state).toBe('running')
    expect(p.stderr).toEqual([])
  })

  it('warns "pause should be the first process" when it is not PID 1 (a hostPID pod)', () => {
    const { pause, kernel } = running(pod('tools', { hostPID: true, containers: [{ name: 'top', image: 'busybox:1.36' }] }))
    expect(kernel.pidInNamespace(pause().pid)).not.toBe(1)
    expect(pause().stderr).toEqual(['Warning: pause should be the first process'])
    expect(pause().state).toBe('running')
  })
})

describe('containers join the sandbox through pause', () => {
  it('every container shares pause’s network, IPC and UTS namespaces', () => {
    const { pause, container } = running(web)
    for (const name of ['nginx', 'log-shipper']) {
      const c = container(name)
      expect(c.namespaces.net).toBe(pause().namespaces.net)
      expect(c.namespaces.ipc).toBe(pause().namespaces.ipc)
      expect(c.namespaces.uts).toBe(pause().namespaces.uts)
    }
  })

  it('each container has a PID namespace of its own by default, where it is PID 1', () => {
    const { pause, container, kernel } = running(web)
    const [nginx, shipper] = [container('nginx'), container('log-shipper')]
    expect(nginx.namespaces.pid).not.toBe(pause().namespaces.pid)
    expect(nginx.namespaces.pid).not.toBe(shipper.namespaces.pid)
    expect(kernel.pidInNamespace(nginx.pid)).toBe(1)
  })

  it('with shareProcessNamespace, containers are in pause’s PID namespace, where pause is PID 1', () => {
    const { pause, container, kernel } = running(pod('shared', { ...web.spec!, shareProcessNamespace: true }))
    expect(container('nginx').namespaces.pid).toBe(pause().namespaces.pid)
    expect(container('log-shipper').namespaces.pid).toBe(pause().namespaces.pid)
    expect([pause(), container('nginx'), container('log-shipper')].map((p) => kernel.pidInNamespace(p.pid))).toEqual([1, 2, 3])
  })

  it('with hostPID, containers are in the node’s PID namespace', () => {
    const { container, kernel } = running(pod('tools', { hostPID: true, containers: [{ name: 'top', image: 'busybox:1.36' }] }))
    expect(container('top').namespaces.pid).toBe(kernel.host.pid)
  })

  it('every container gets a mount namespace of its own', () => {
    const { pause, container } = running(web)
    const mounts = [pause(), container('nginx'), container('log-shipper')].map((p) => p.namespaces.mnt)
    expect(new Set(mounts).size).toBe(3)
  })
})

describe('zombies', () => {
  /** `app` starts a shell that starts a worker; the shell exits, orphaning the worker; then the worker exits too. */
  function orphanThatExits(env: ReturnType<typeof running>) {
    const app = env.container('app')
    const shell = env.kernel.spawnChild(app.pid, 'sh')
    const worker = env.kernel.spawnChild(shell.pid, 'worker')
    env.kernel.exit(shell.pid, 0)
    env.kernel.waitAny(app.pid) // app waits for its own child, the shell
    env.kernel.exit(worker.pid, 0)
    return { app, worker }
  }
  const shared = pod('shared', { shareProcessNamespace: true, containers: [{ name: 'app', image: 'busybox:1.36' }] })
  const separate = pod('separate', { containers: [{ name: 'app', image: 'busybox:1.36' }] })

  it('with shareProcessNamespace, the orphan belongs to pause, which reaps it when it exits', () => {
    const env = running(shared)
    const { worker } = orphanThatExits(env)
    expect(worker.parentPid).toBe(env.pause().pid)
    expect(worker.zombie).toBe(false)
    expect(env.kernel.zombiesOf(env.pause().pid)).toEqual([])
  })

  it('without it, the orphan belongs to the container’s own PID 1, and stays a zombie if that never waits', () => {
    const env = running(separate)
    const { app, worker } = orphanThatExits(env)
    expect(worker.parentPid).toBe(app.pid)
    expect(worker.zombie).toBe(true)
  })
})

describe('a container that crashes: the same sandbox', () => {
  it('is created again in the same sandbox, with attempt 1, and the pod keeps its IP', () => {
    const env = running(web)
    const before = env.sandbox().id
    env.session.crash(env.name, 'nginx')
    env.session.run(env.name)
    const creates = env.calls().filter((c) => c.method === 'CreateContainer').map((c) => c.request as { podSandboxId: string; config: { metadata: { name: string; attempt: number } } })
    expect(creates.at(-1)).toMatchObject({ podSandboxId: before, config: { metadata: { name: 'nginx', attempt: 1 } } })
    expect(env.calls().filter((c) => c.method === 'RunPodSandbox')).toHaveLength(1)
    expect(env.session.view(env.name).status.podIP).toBe('10.244.1.2')
  })

  it('records no SandboxChanged, and kubectl counts one restart', () => {
    const env = running(web)
    env.session.crash(env.name, 'nginx')
    env.session.run(env.name)
    expect(env.events().some((e) => e.includes('SandboxChanged'))).toBe(false)
    expect(env.session.getPods(env.name)).toMatch(/^web\s+2\/2\s+Running\s+1 \(\d+s ago\)\s/m)
  })

  it('crashing again within 10 s backs off: BackOff, and the container waits in CrashLoopBackOff', () => {
    const env = running(web)
    env.session.crash(env.name, 'nginx')
    env.session.sync(env.name)
    env.session.crash(env.name, 'nginx')
    env.session.sync(env.name)
    const uid = env.session.view(env.name).pod.metadata!.uid
    expect(env.events()).toContain(`Warning BackOff: spec.containers{nginx}: Back-off restarting failed container nginx in pod web_default(${uid})`)
    expect(env.session.getPods(env.name)).toMatch(/^web\s+1\/2\s+CrashLoopBackOff\s/m)
  })
})

describe('a pause that dies: a new sandbox', () => {
  const withInit = pod('web', { initContainers: [{ name: 'migrate', image: 'busybox:1.36' }], containers: web.spec!.containers })

  it('records SandboxChanged: "Pod sandbox changed, it will be killed and re-created."', () => {
    const env = running(web)
    env.session.crash(env.name, 'pause')
    env.session.run(env.name)
    expect(env.events()).toContain('Normal SandboxChanged: Pod sandbox changed, it will be killed and re-created.')
  })

  it('stops every container, then the old sandbox, and only then runs a new one with attempt 1', () => {
    const env = running(web)
    const old = env.sandbox().id
    env.session.trace.clear()
    env.session.crash(env.name, 'pause')
    env.session.run(env.name)
    const methods = env.calls().map((c) => c.method)
    expect(methods.slice(0, 4)).toEqual(['StopContainer', 'StopContainer', 'StopPodSandbox', 'RunPodSandbox'])
    expect(env.calls()[2]!.request).toEqual({ podSandboxId: old })
    expect(env.calls()[3]!.request).toMatchObject({ config: { metadata: { name: 'web', attempt: 1 } } })
  })

  it('gives the pod a new IP and puts every container, attempt 1, into the new sandbox', () => {
    const env = running(web)
    env.session.crash(env.name, 'pause')
    env.session.run(env.name)
    const fresh = env.sandbox().id
    const creates = env.calls().filter((c) => c.method === 'CreateContainer').slice(-2).map((c) => c.request as { podSandboxId: string; config: { metadata: { name: string; attempt: number } } })
    expect(creates.map((c) => [c.config.metadata.name, c.config.metadata.attempt, c.podSandboxId])).toEqual([
      ['nginx', 1, fresh],
      ['log-shipper', 1, fresh],
    ])
    expect(env.session.view(env.name).status.podIP).toBe('10.244.1.3')
  })

  it('runs the init containers again, first', () => {
    const env = running(withInit)
    env.session.trace.clear()
    env.session.crash(env.name, 'pause')
    env.session.run(env.name)
    const created = env.calls().filter((c) => c.method === 'CreateContainer').map((c) => c.label)
    expect(created).toEqual(['CreateContainer migrate (attempt 1)', 'CreateContainer nginx (attempt 1)', 'CreateContainer log-shipper (attempt 1)'])
  })

  it('with a shared PID namespace, the containers die with pause, their PID 1', () => {
    const env = running(pod('shared', { ...web.spec!, shareProcessNamespace: true }))
    const [nginx, shipper] = [env.container('nginx'), env.container('log-shipper')]
    env.kernel.exit(env.pause().pid, 137)
    expect([nginx.state, shipper.state]).toEqual(['exited', 'exited'])
  })
})

// ---- helpers for podSandboxChanged: what the kubelet reads from the runtime ----

function status(...parts: Array<PodSandboxStatus | RuntimeContainerStatus>): RuntimePodStatus {
  const sandboxStatuses = parts.filter((p): p is PodSandboxStatus => 'network' in p)
  const containerStatuses = parts.filter((p): p is RuntimeContainerStatus => 'restartCount' in p)
  return { uid: 'uid-web', name: 'web', namespace: 'default', sandboxStatuses, containerStatuses, ips: [] }
}

function sandbox(id: string, attempt: number, state: PodSandboxStatus['state'], ip = '10.244.1.2'): PodSandboxStatus {
  return {
    id,
    metadata: { name: 'web', namespace: 'default', uid: 'uid-web', attempt },
    state,
    createdAt: String(attempt),
    network: { ip: state === 'SANDBOX_READY' ? ip : '', additionalIps: [] },
    linux: { namespaces: { options: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
    labels: {},
    annotations: {},
    runtimeHandler: '',
  }
}

function exited(name: string, exitCode: number): RuntimeContainerStatus {
  return {
    id: `id-${name}`,
    name,
    state: 'exited',
    restartCount: 0,
    exitCode,
    reason: exitCode === 0 ? 'Completed' : 'Error',
    createdAt: 1,
    startedAt: 1,
    finishedAt: 2,
    imageRef: 'sha256:0',
    podSandboxId: 's1',
  }
}
