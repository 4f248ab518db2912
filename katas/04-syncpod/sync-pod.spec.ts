/**
 * Kata 4 — the kubelet's SyncPod. Your RuntimeManager is the kubelet's side of the CRI: each
 * spec puts a Pod on a simulated node (containerd 1.7 behind a gRPC socket, pod CIDR
 * 10.244.1.0/24) and lets the kubelet's pod worker call your syncPod, then checks the CRI calls
 * it made, the events it recorded and what kubectl would show.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import type { PodSandboxStatus } from '../../machinery/runtime/cri.ts'
import type { RuntimeContainerStatus, RuntimePodStatus } from '../../machinery/kubelet/runtime-pod-status.ts'
import { assembleNode, REFERENCE_PARTS, type SessionOptions } from '../../assembly/index.ts'
import { RuntimeManager } from './sync-pod.ts'

const PAUSE = 'registry.k8s.io/pause:3.8'

function pod(name: string, spec: Partial<Pod['spec']> & { containers: Container[] }): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec }
}

/** A node running your RuntimeManager as its kubelet. */
function node(options: SessionOptions = {}) {
  const session = assembleNode(options, { kubelet: { RuntimeManager } })
  return {
    session,
    add: (manifest: Pod) => session.apply(manifest),
    methods: () => session.trace.calls().map((c) => c.method),
    /** The pod's full name as the kubelet writes it in messages: web_default(<uid>). */
    fullName: (name: string) => `${name}_default(${session.view(name).pod.metadata!.uid})`,
    /** Events as kubectl ≥ 1.35 prints them: a container's event starts with its field path. */
    events: () => session.trace.events().map((e) => `${e.type} ${e.reason}: ${e.fieldPath ? `${e.fieldPath}: ` : ''}${e.message}`),
  }
}

const web = pod('web', {
  containers: [
    { name: 'nginx', image: 'nginx:1.27' },
    { name: 'log-shipper', image: 'fluent/fluent-bit:3.1' },
  ],
})

describe('syncPod: the calls, in order', () => {
  it('makes the CRI calls of the chapter diagram for a two-container pod', () => {
    const { add, session, methods } = node()
    session.sync(add(web))
    // Per container: is it here? pull it; its size; its user (generateContainerConfig); create; start.
    const perContainer = ['ImageStatus', 'PullImage', 'ImageStatus', 'ImageStatus', 'CreateContainer', 'StartContainer']
    expect(methods()).toEqual(['RunPodSandbox', 'PodSandboxStatus', ...perContainer, ...perContainer])
  })

  it('asks for the first sandbox with attempt 0 and the pod’s name, namespace and uid', () => {
    const { add, session } = node()
    session.sync(add(web))
    const [run] = session.trace.calls()
    const { metadata } = (run!.request as { config: { metadata: Record<string, unknown> } }).config
    expect(metadata).toEqual({ name: 'web', namespace: 'default', uid: expect.stringMatching(/^[0-9a-f-]{36}$/), attempt: 0 })
  })

  it('creates every container in the sandbox RunPodSandbox returned', () => {
    const { add, session } = node()
    session.sync(add(web))
    const calls = session.trace.calls()
    const sandboxId = (calls[0]!.response as { podSandboxId: string }).podSandboxId
    const creates = calls.filter((c) => c.method === 'CreateContainer').map((c) => (c.request as { podSandboxId: string }).podSandboxId)
    expect(creates).toEqual([sandboxId, sandboxId])
  })

  it('creates each container from the image id its pull returned', () => {
    const { add, session } = node()
    session.sync(add(web))
    const calls = session.trace.calls()
    const pulled = calls.filter((c) => c.method === 'PullImage').map((c) => (c.response as { imageRef: string }).imageRef)
    const created = calls
      .filter((c) => c.method === 'CreateContainer')
      .map((c) => (c.request as { config: { image: { image: string; userSpecifiedImage?: string } } }).config.image)
    expect(created).toEqual([
      { image: pulled[0], userSpecifiedImage: 'nginx:1.27' },
      { image: pulled[1], userSpecifiedImage: 'fluent/fluent-bit:3.1' },
    ])
  })

  it('starts the container CreateContainer just made, right after creating it', () => {
    const { add, session } = node()
    session.sync(add(web))
    const calls = session.trace.calls()
    calls.forEach((call, i) => {
      if (call.method !== 'StartContainer') return
      const created = calls[i - 1]!
      expect(created.method).toBe('CreateContainer')
      expect(call.request).toEqual({ containerId: (created.response as { containerId: string }).containerId })
    })
  })

  it('makes no calls at all when the pod already runs as it should', () => {
    const { add, session, methods } = node()
    const name = add(web)
    session.sync(name)
    session.trace.clear()
    expect(session.sync(name)).toEqual([])
    expect(methods()).toEqual([])
  })
})

describe('syncPod: events', () => {
  it('records Pulling, Pulled, Created and Started for each container, in the kubelet’s words, on the container', () => {
    const { add, session, events } = node()
    session.sync(add(web))
    expect(events()).toEqual([
      'Normal Scheduled: Successfully assigned default/web to node-1',
      'Normal Pulling: spec.containers{nginx}: Pulling image "nginx:1.27"',
      'Normal Pulled: spec.containers{nginx}: Successfully pulled image "nginx:1.27" in 3.138s (3.138s including waiting). Image size: 72195292 bytes.',
      'Normal Created: spec.containers{nginx}: Container created',
      'Normal Started: spec.containers{nginx}: Container started',
      'Normal Pulling: spec.containers{log-shipper}: Pulling image "fluent/fluent-bit:3.1"',
      'Normal Pulled: spec.containers{log-shipper}: Successfully pulled image "fluent/fluent-bit:3.1" in 1.701s (1.701s including waiting). Image size: 36263225 bytes.',
      'Normal Created: spec.containers{log-shipper}: Container created',
      'Normal Started: spec.containers{log-shipper}: Container started',
    ])
  })

  it('shows in kubectl describe which container each event is about', () => {
    const { add, session } = node()
    const name = add(web)
    session.sync(name)
    const described = session.describeEvents(name)
    expect(described).toMatch(/^ {2}Normal {2}Started +\S+ +kubelet +spec\.containers\{nginx\}: Container started$/m)
    expect(described).toMatch(/^ {2}Normal {2}Pulling +\S+ +kubelet +spec\.containers\{log-shipper\}: Pulling image "fluent\/fluent-bit:3\.1"$/m)
  })

  it('leaves a running pod that kubectl shows as 2/2 Running with the sandbox’s IP', () => {
    const { add, session } = node()
    const name = add(web)
    session.run(name)
    expect(session.getPods(name, true)).toMatch(/^web\s+2\/2\s+Running\s+0\s+\S+\s+10\.244\.1\.2\s+node-1/m)
  })
})

describe('imagePullPolicy', () => {
  it('IfNotPresent: an image already on the node is not pulled, and the event says so', () => {
    const { add, session, methods, events } = node({ preload: ['docker.io/library/nginx:1.27'] })
    session.sync(add(pod('one', { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] })))
    expect(methods()).toEqual(['RunPodSandbox', 'PodSandboxStatus', 'ImageStatus', 'ImageStatus', 'CreateContainer', 'StartContainer'])
    expect(events()).toContain('Normal Pulled: spec.containers{nginx}: Container image "nginx:1.27" already present on machine and can be accessed by the pod')
  })

  it('IfNotPresent: asks ImageStatus before it pulls an image that is missing', () => {
    const { add, session, methods } = node()
    session.sync(add(pod('one', { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] })))
    expect(methods().slice(2, 4)).toEqual(['ImageStatus', 'PullImage'])
  })

  it('Always: pulls straight away, without asking ImageStatus first, even when the image is on the node', () => {
    const { add, session, methods, events } = node({ preload: ['docker.io/library/nginx:1.27'] })
    session.sync(add(pod('one', { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'Always' }] })))
    expect(methods()).toEqual(['RunPodSandbox', 'PodSandboxStatus', 'PullImage', 'ImageStatus', 'ImageStatus', 'CreateContainer', 'StartContainer'])
    expect(events()).toContain('Normal Pulling: spec.containers{nginx}: Pulling image "nginx:1.27"')
  })

  it('an image without a tag is pulled as :latest, and pulled every time (the API server defaults it to Always)', () => {
    const { add, session } = node({ preload: ['docker.io/library/nginx:latest'] })
    session.sync(add(pod('one', { containers: [{ name: 'nginx', image: 'nginx' }] })))
    const pull = session.trace.calls().find((c) => c.method === 'PullImage')
    expect(pull?.request).toMatchObject({ image: { image: 'nginx:latest' } })
  })

  it('Never: a missing image is not pulled; ErrImageNeverPull, and no container is created', () => {
    const { add, session, methods, events } = node()
    const results = session.sync(add(pod('one', { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'Never' }] })))
    expect(methods()).toEqual(['RunPodSandbox', 'PodSandboxStatus', 'ImageStatus'])
    expect(events()).toEqual(
      expect.arrayContaining([
        'Warning ErrImageNeverPull: spec.containers{nginx}: Container image "nginx:1.27" is not present with pull policy of Never',
        'Warning Failed: spec.containers{nginx}: Error: ErrImageNeverPull',
      ]),
    )
    expect(results).toContainEqual(expect.objectContaining({ action: 'StartContainer', target: 'nginx', error: 'ErrImageNeverPull' }))
  })
})

describe('when the sandbox cannot be created', () => {
  const offline: SessionOptions = { connectivity: 'dns-nxdomain' }
  const chain =
    'rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.8": failed to pull image "registry.k8s.io/pause:3.8": ' +
    'failed to pull and unpack image "registry.k8s.io/pause:3.8": failed to resolve reference "registry.k8s.io/pause:3.8": failed to do request: ' +
    'Head "https://registry.k8s.io/v2/pause/manifests/3.8": dial tcp: lookup registry.k8s.io on 192.168.49.1:53: no such host'

  it('records FailedCreatePodSandBox with the runtime’s gRPC error, as grpc-go prints it', () => {
    const { add, session, events } = node(offline)
    session.sync(add(web))
    expect(events()).toEqual([
      'Normal Scheduled: Successfully assigned default/web to node-1',
      `Warning FailedCreatePodSandBox: Failed to create pod sandbox: ${chain}`,
    ])
  })

  it('stops the sync there: no pulls, no containers', () => {
    const { add, session, methods } = node(offline)
    session.sync(add(web))
    expect(methods()).toEqual(['RunPodSandbox'])
  })

  it('reports CreatePodSandboxError so that the pod worker retries', () => {
    const { add, session } = node(offline)
    const name = add(web)
    const uid = session.view(name).pod.metadata!.uid!
    expect(session.sync(name)).toEqual([
      {
        action: 'CreatePodSandbox',
        target: `web_default(${uid})`,
        error: 'CreatePodSandboxError',
        message: `Failed to create sandbox for pod "web_default(${uid})": ${chain}`,
      },
    ])
  })

  it('asks again for attempt 0 on every retry: the sandbox was never created', () => {
    const { add, session } = node(offline)
    const name = add(web)
    session.sync(name)
    session.sync(name)
    const attempts = session.trace.calls().map((c) => (c.request as { config: { metadata: { attempt: number } } }).config.metadata.attempt)
    expect(attempts).toEqual([0, 0])
  })

  it('keeps the pod ContainerCreating, with one event counted for every retry', () => {
    const { add, session } = node(offline)
    const name = add(web)
    session.run(name, 120_000)
    const tries = session.trace.calls().filter((c) => c.method === 'RunPodSandbox').length
    expect(tries).toBeGreaterThan(5)
    expect(session.getPods(name)).toMatch(/^web\s+0\/2\s+ContainerCreating\s+0\s/m)
    const failures = session.view(name).events.filter((e) => e.reason === 'FailedCreatePodSandBox')
    expect(failures).toEqual([expect.objectContaining({ type: 'Warning', count: tries, message: `Failed to create pod sandbox: ${chain}` })])
  })
})

describe('when an app image cannot be pulled', () => {
  // The pause image was imported, so the sandbox comes up; nginx has to come from the registry.
  const cutOff: SessionOptions = { connectivity: 'dns-nxdomain', preload: [PAUSE, 'docker.io/fluent/fluent-bit:3.1'] }
  // The kubelet's CRI client drops "rpc error: code = Unknown desc = " from pull errors (since 1.28).
  const pullError =
    'failed to pull and unpack image "docker.io/library/nginx:1.27": failed to resolve reference ' +
    '"docker.io/library/nginx:1.27": failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/1.27": ' +
    'dial tcp: lookup registry-1.docker.io on 192.168.49.1:53: no such host'

  it('records Failed with the pull error, then "Error: ErrImagePull"', () => {
    const { add, session, events } = node(cutOff)
    session.sync(add(web))
    expect(events().slice(1, 4)).toEqual([
      'Normal Pulling: spec.containers{nginx}: Pulling image "nginx:1.27"',
      `Warning Failed: spec.containers{nginx}: Failed to pull image "nginx:1.27": ${pullError}`,
      'Warning Failed: spec.containers{nginx}: Error: ErrImagePull',
    ])
  })

  it('still starts the other containers', () => {
    const { add, session, events } = node(cutOff)
    const results = session.sync(add(web))
    expect(events()).toContain('Normal Started: spec.containers{log-shipper}: Container started')
    expect(results).toEqual([
      { action: 'StartContainer', target: 'nginx', error: 'ErrImagePull', message: pullError },
      { action: 'StartContainer', target: 'log-shipper' },
    ])
  })

  it('does not pull again during the back-off: BackOff, then "Error: ImagePullBackOff"', () => {
    const { add, session, events, methods } = node(cutOff)
    const name = add(web)
    session.sync(name)
    session.node.clock.advance(5_000)
    session.trace.clear()
    expect(session.sync(name)).toEqual([
      { action: 'StartContainer', target: 'nginx', error: 'ImagePullBackOff', message: `Back-off pulling image "nginx:1.27": ErrImagePull: ${pullError}` },
    ])
    expect(methods()).toEqual(['ImageStatus'])
    expect(events()).toEqual([
      'Normal BackOff: spec.containers{nginx}: Back-off pulling image "nginx:1.27"',
      'Warning Failed: spec.containers{nginx}: Error: ImagePullBackOff',
    ])
  })

  it('pulls again once the back-off has passed', () => {
    const { add, session, methods } = node(cutOff)
    const name = add(web)
    session.sync(name)
    session.node.clock.advance(10_000)
    session.trace.clear()
    session.sync(name)
    expect(methods()).toEqual(['ImageStatus', 'PullImage'])
  })

  it('shows the pod as ErrImagePull, then ImagePullBackOff', () => {
    const { add, session } = node(cutOff)
    const name = add(web)
    session.sync(name)
    expect(session.getPods(name)).toMatch(/^web\s+1\/2\s+ErrImagePull\s/m)
    session.node.clock.advance(5_000)
    session.sync(name)
    expect(session.getPods(name)).toMatch(/^web\s+1\/2\s+ImagePullBackOff\s/m)
  })
})

describe('init containers', () => {
  const withInit = pod('web', {
    initContainers: [
      { name: 'migrate', image: 'busybox:1.36' },
      { name: 'warm-cache', image: 'busybox:1.36' },
    ],
    containers: [{ name: 'nginx', image: 'nginx:1.27' }],
  })

  it('run one at a time, in order, each after the previous one completed, before any app container', () => {
    const { add, session } = node()
    session.run(add(withInit))
    const order = session.trace.entries.flatMap((e) =>
      e.kind === 'call' && e.method === 'StartContainer' ? e.steps.filter((s) => s.startsWith('join')).map(() => 'start') : e.kind === 'sync' ? ['sync'] : [],
    )
    const created = session.trace.calls().filter((c) => c.method === 'CreateContainer').map((c) => c.label.split(' ')[1])
    expect(created).toEqual(['migrate', 'warm-cache', 'nginx'])
    // One start per sync: the kubelet waits for each init container to exit before the next.
    expect(order.join(' ')).toBe('sync start sync start sync start sync')
  })

  it('a new sandbox starts with the first init container only', () => {
    const { add, session } = node()
    const results = session.sync(add(withInit))
    expect(results).toEqual([{ action: 'StartContainer', target: 'migrate' }])
  })

  it('while they run, kubectl shows Init:0/2 and the pod is Pending', () => {
    const { add, session } = node({ connectivity: 'dns-nxdomain' })
    const name = add(withInit)
    session.sync(name)
    expect(session.getPods(name)).toMatch(/^web\s+0\/1\s+Init:0\/2\s+0\s/m)
    expect(session.view(name).status.phase).toBe('Pending')
  })
})

describe('when the sandbox has to be replaced', () => {
  it('records SandboxChanged before it stops anything, then runs the next attempt', () => {
    const { add, session, methods, events } = node()
    const name = add(web)
    session.run(name)
    session.crash(name, 'pause')
    session.trace.clear()
    session.sync(name)
    expect(events()[0]).toBe('Normal SandboxChanged: Pod sandbox changed, it will be killed and re-created.')
    expect(methods().slice(0, 4)).toEqual(['StopContainer', 'StopContainer', 'StopPodSandbox', 'RunPodSandbox'])
  })
})

describe('when PodSandboxStatus fails', () => {
  it('records FailedPodSandBoxStatus with the gRPC error, starts nothing in that sync, and reports a failure', () => {
    const { add, session, methods, events } = node()
    session.runtime.faults.fail('PodSandboxStatus', 'DeadlineExceeded', 'context deadline exceeded')
    const results = session.sync(add(web))
    expect(methods()).toEqual(['RunPodSandbox', 'PodSandboxStatus'])
    expect(events().slice(1)).toEqual([
      'Warning FailedPodSandBoxStatus: Unable to get pod sandbox status: rpc error: code = DeadlineExceeded desc = context deadline exceeded',
    ])
    expect(results.some((r) => r.error)).toBe(true)
  })

  it('carries on in the sandbox it made at the next sync', () => {
    const { add, session } = node()
    session.runtime.faults.fail('PodSandboxStatus', 'DeadlineExceeded', 'context deadline exceeded')
    const name = add(web)
    session.sync(name)
    session.sync(name)
    const calls = session.trace.calls()
    const sandboxId = (calls[0]!.response as { podSandboxId: string }).podSandboxId
    expect(calls.filter((c) => c.method === 'RunPodSandbox')).toHaveLength(1)
    expect(calls.filter((c) => c.method === 'CreateContainer').map((c) => (c.request as { podSandboxId: string }).podSandboxId)).toEqual([sandboxId, sandboxId])
  })
})

describe('when the runtime refuses a container', () => {
  // What containerd 1.7 answers for an image without an entrypoint, and for a command runc cannot exec.
  const noCommand = 'failed to generate container "0f5e2c7d9a11" spec: failed to generate spec: no command specified'
  const noExec =
    'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container ' +
    'process: exec: "nginx-debug": executable file not found in $PATH: unknown'

  it('a CreateContainer failure: Failed "Error: <the runtime\'s text>" on the container, CreateContainerError, the others still start', () => {
    const { add, session, events } = node()
    session.runtime.faults.fail('CreateContainer', 'Unknown', noCommand)
    const name = add(web)
    const results = session.sync(name)
    expect(events()).toContain(`Warning Failed: spec.containers{nginx}: Error: ${noCommand}`)
    expect(events()).not.toContain('Normal Created: spec.containers{nginx}: Container created')
    expect(results).toEqual([
      { action: 'StartContainer', target: 'nginx', error: 'CreateContainerError', message: noCommand },
      { action: 'StartContainer', target: 'log-shipper' },
    ])
    expect(session.getPods(name)).toMatch(/^web\s+1\/2\s+CreateContainerError\s/m)
  })

  it('a StartContainer failure: Created, then Failed "Error: <the runtime\'s text>", RunContainerError', () => {
    const { add, session, events } = node()
    session.runtime.faults.fail('StartContainer', 'Unknown', noExec)
    const name = add(web)
    const results = session.sync(name)
    expect(events().slice(3, 5)).toEqual(['Normal Created: spec.containers{nginx}: Container created', `Warning Failed: spec.containers{nginx}: Error: ${noExec}`])
    expect(results[0]).toEqual({ action: 'StartContainer', target: 'nginx', error: 'RunContainerError', message: noExec })
    expect(session.getPods(name)).toMatch(/^web\s+1\/2\s+RunContainerError\s/m)
  })
})

describe('when a container keeps crashing', () => {
  const crashing = pod('web', { containers: [{ name: 'nginx', image: 'nginx:1.27', command: ['sh', '-c', 'exit 1'] }] })

  it('restarts it at once the first time, then backs off: BackOff "Back-off restarting failed container …", CrashLoopBackOff', () => {
    const { add, session, methods, events, fullName } = node({ preload: ['docker.io/library/nginx:1.27'] })
    const name = add(crashing)
    session.sync(name) // starts nginx, which exits 1
    session.node.clock.advance(1_000)
    session.sync(name) // the first restart is immediate
    expect(methods().filter((m) => m === 'CreateContainer')).toHaveLength(2)
    session.node.clock.advance(1_000)
    session.trace.clear()
    const results = session.sync(name) // it crashed again: 10 s of back-off
    expect(methods()).toEqual([])
    expect(events()).toEqual([`Warning BackOff: spec.containers{nginx}: Back-off restarting failed container nginx in pod ${fullName(name)}`])
    expect(results).toEqual([
      { action: 'StartContainer', target: 'nginx', error: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=nginx pod=${fullName(name)}` },
    ])
    expect(session.getPods(name)).toMatch(/^web\s+0\/1\s+CrashLoopBackOff\s+1\s/m)
  })
})

describe('restartPolicy and init containers, as computePodActions decides', () => {
  it('restartPolicy Never: when the pause process dies, the pod is stopped and gets no new sandbox', () => {
    const { add, session, methods, events } = node()
    const name = add(pod('job', { restartPolicy: 'Never', containers: [{ name: 'worker', image: 'busybox:1.36' }] }))
    session.run(name)
    session.crash(name, 'pause')
    session.trace.clear()
    session.run(name)
    expect(methods()).not.toContain('RunPodSandbox')
    expect(methods()).toContain('StopPodSandbox')
    expect(events().filter((e) => e.includes('SandboxChanged'))).toEqual([])
    expect(session.runtime.listPodSandbox({ filter: { state: { state: 'SANDBOX_READY' } } }).items).toEqual([])
    expect(session.view(name).status.containerStatuses[0]?.state).toHaveProperty('terminated')
  })

  it('restartPolicy Never: a failed init container fails the pod; it is not started again, nor is anything after it', () => {
    const { add, session } = node()
    const name = add(
      pod('job', {
        restartPolicy: 'Never',
        initContainers: [{ name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }],
        containers: [{ name: 'worker', image: 'busybox:1.36' }],
      }),
    )
    session.run(name)
    const created = session.trace.calls().filter((c) => c.method === 'CreateContainer').map((c) => c.label.split(' ')[1])
    expect(created).toEqual(['migrate'])
    expect(session.view(name).status.phase).toBe('Failed')
  })

  it('a sidecar with a startupProbe holds back the next init container until its probe has passed', () => {
    const { add, session } = node()
    const name = add(
      pod('web', {
        initContainers: [
          { name: 'proxy', image: 'envoy:1.31', restartPolicy: 'Always', startupProbe: { tcpSocket: { port: 15000 }, initialDelaySeconds: 5, periodSeconds: 10 } },
          { name: 'warm-cache', image: 'busybox:1.36' },
        ],
        containers: [{ name: 'nginx', image: 'nginx:1.27' }],
      }),
    )
    session.run(name)
    const creates = session.trace.calls().filter((c) => c.method === 'CreateContainer')
    const at = (container: string) => creates.find((c) => c.label.split(' ')[1] === container)!.at
    const proxyStarted = session.trace.calls().find((c) => c.method === 'StartContainer')!.at
    expect(creates.map((c) => c.label.split(' ')[1])).toEqual(['proxy', 'warm-cache', 'nginx'])
    // The probe passes at its first run after initialDelaySeconds: 10 s after proxy started.
    expect(at('warm-cache') - proxyStarted).toBeGreaterThanOrEqual(10_000)
    expect(session.view(name).status.initContainerStatuses[0]).toMatchObject({ name: 'proxy', started: true })
  })
})

describe('computePodActions', () => {
  // computePodActions only reads the pod and its status, asks chapter 5's question and, for a
  // sidecar with a startupProbe, the prober's results: no CRI, no recorder needed.
  const manager = (deps: Record<string, unknown> = {}) =>
    new RuntimeManager({ podSandboxChanged: REFERENCE_PARTS.pause.podSandboxChanged, ...deps } as never)
  const withInit = pod('web', {
    initContainers: [
      { name: 'migrate', image: 'busybox:1.36' },
      { name: 'proxy', image: 'envoy:1.31', restartPolicy: 'Always' },
      { name: 'warm-cache', image: 'busybox:1.36' },
    ],
    containers: [
      { name: 'nginx', image: 'nginx:1.27' },
      { name: 'log-shipper', image: 'fluent/fluent-bit:3.1' },
    ],
  })

  it('a pod with no sandbox gets one, attempt 0, and all its app containers', () => {
    expect(manager().computePodActions(web, status())).toEqual({
      killPod: true,
      createSandbox: true,
      sandboxId: '',
      attempt: 0,
      initContainersToStart: [],
      containersToStart: [0, 1],
    })
  })

  it('with init containers, a new sandbox starts only the first of them', () => {
    expect(manager().computePodActions(withInit, status())).toMatchObject({ createSandbox: true, initContainersToStart: [0], containersToStart: [] })
  })

  it('the next init container waits while the previous one still runs', () => {
    const actions = manager().computePodActions(withInit, status(ready('s1'), running('migrate')))
    expect(actions).toMatchObject({ createSandbox: false, sandboxId: 's1', initContainersToStart: [], containersToStart: [] })
  })

  it('an init container that exited 0 lets the next one start', () => {
    const actions = manager().computePodActions(withInit, status(ready('s1'), exited('migrate', 0)))
    expect(actions).toMatchObject({ initContainersToStart: [1], containersToStart: [] })
  })

  it('a native sidecar that runs lets the next init container start', () => {
    const actions = manager().computePodActions(withInit, status(ready('s1'), exited('migrate', 0), running('proxy')))
    expect(actions).toMatchObject({ initContainersToStart: [2], containersToStart: [] })
  })

  it('a failed init container is started again (restartPolicy Always), and app containers keep waiting', () => {
    const actions = manager().computePodActions(withInit, status(ready('s1'), exited('migrate', 1)))
    expect(actions).toMatchObject({ initContainersToStart: [0], containersToStart: [] })
  })

  it('app containers start once every init container completed', () => {
    const actions = manager().computePodActions(withInit, status(ready('s1'), exited('migrate', 0), running('proxy'), exited('warm-cache', 0)))
    expect(actions).toMatchObject({ createSandbox: false, initContainersToStart: [], containersToStart: [0, 1] })
  })

  it('restartPolicy Never: a pod whose containers have run is killed, not given a new sandbox, when its sandbox is gone', () => {
    const job = { ...web, spec: { ...web.spec!, restartPolicy: 'Never' as const } }
    expect(manager().computePodActions(job, status(notReady('s1'), exited('nginx', 137), exited('log-shipper', 137)))).toMatchObject({
      killPod: true,
      createSandbox: false,
      containersToStart: [],
    })
  })

  it('restartPolicy Never: a failed init container kills the pod instead of starting again', () => {
    const job = { ...withInit, spec: { ...withInit.spec!, restartPolicy: 'Never' as const } }
    expect(manager().computePodActions(job, status(ready('s1'), exited('migrate', 1)))).toMatchObject({
      killPod: true,
      createSandbox: false,
      initContainersToStart: [],
      containersToStart: [],
    })
  })

  it('restartPolicy OnFailure: containers that succeeded stay done, and with none left to start there is no new sandbox', () => {
    const batch = { ...web, spec: { ...web.spec!, restartPolicy: 'OnFailure' as const } }
    expect(manager().computePodActions(batch, status(notReady('s1'), exited('nginx', 0), exited('log-shipper', 1)))).toMatchObject({
      createSandbox: true,
      attempt: 1,
      containersToStart: [1],
    })
    expect(manager().computePodActions(batch, status(notReady('s1'), exited('nginx', 0), exited('log-shipper', 0)))).toMatchObject({
      killPod: true,
      createSandbox: false,
      containersToStart: [],
    })
  })

  it('a pod whose containers have all finished for good is killed: nothing runs, nothing starts, the sandbox goes', () => {
    const job = { ...web, spec: { ...web.spec!, restartPolicy: 'Never' as const } }
    expect(manager().computePodActions(job, status(ready('s1'), exited('nginx', 0), exited('log-shipper', 1)))).toMatchObject({
      killPod: true,
      createSandbox: false,
      containersToStart: [],
    })
  })

  it('a sidecar with a startupProbe lets the next init container start only once the probe has passed', () => {
    const probed = {
      ...withInit,
      spec: { ...withInit.spec!, initContainers: withInit.spec!.initContainers!.map((c) => (c.name === 'proxy' ? { ...c, startupProbe: { tcpSocket: { port: 15000 } } } : c)) },
    }
    const state = status(ready('s1'), exited('migrate', 0), running('proxy'))
    const probe = (result?: string) => ({ startupManager: { get: (id: string) => (id === 'id-proxy' ? result : undefined) } })
    expect(manager(probe()).computePodActions(probed, state)).toMatchObject({ initContainersToStart: [], containersToStart: [] })
    expect(manager(probe('Unknown')).computePodActions(probed, state)).toMatchObject({ initContainersToStart: [], containersToStart: [] })
    expect(manager(probe('Success')).computePodActions(probed, state)).toMatchObject({ initContainersToStart: [2] })
  })

  it('only the app containers that do not run are started', () => {
    const actions = manager().computePodActions(web, status(ready('s1'), running('nginx')))
    expect(actions).toMatchObject({ createSandbox: false, killPod: false, containersToStart: [1] })
  })
})

// ---- helpers for computePodActions: a pod's status as the kubelet reads it from the runtime ----

function status(...parts: Array<PodSandboxStatus | RuntimeContainerStatus>): RuntimePodStatus {
  const sandboxStatuses = parts.filter((p): p is PodSandboxStatus => 'network' in p)
  const containerStatuses = parts.filter((p): p is RuntimeContainerStatus => 'restartCount' in p)
  return { uid: 'uid-web', name: 'web', namespace: 'default', sandboxStatuses, containerStatuses, ips: sandboxStatuses.map((s) => s.network.ip) }
}

function ready(id: string, attempt = 0): PodSandboxStatus {
  return {
    id,
    metadata: { name: 'web', namespace: 'default', uid: 'uid-web', attempt },
    state: 'SANDBOX_READY',
    createdAt: '0',
    network: { ip: '10.244.1.2', additionalIps: [] },
    linux: { namespaces: { options: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
    labels: {},
    annotations: {},
    runtimeHandler: '',
  }
}

function notReady(id: string, attempt = 0): PodSandboxStatus {
  return { ...ready(id, attempt), state: 'SANDBOX_NOTREADY' }
}

function running(name: string): RuntimeContainerStatus {
  return container(name, 'running', 0)
}

function exited(name: string, exitCode: number): RuntimeContainerStatus {
  return container(name, 'exited', exitCode)
}

function container(name: string, state: RuntimeContainerStatus['state'], exitCode: number): RuntimeContainerStatus {
  return {
    id: `id-${name}`,
    name,
    state,
    restartCount: 0,
    exitCode,
    reason: state === 'exited' ? (exitCode === 0 ? 'Completed' : 'Error') : '',
    createdAt: 1,
    startedAt: 1,
    finishedAt: state === 'exited' ? 2 : 0,
    imageRef: 'sha256:0',
    podSandboxId: 's1',
  }
}
