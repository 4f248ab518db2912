/**
 * `npm run sim` end to end: the real command on the shipped example manifests, its options,
 * and its one-line answers to bad input.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../workbook/paths.ts'
import { runSimCommand } from './run-command.ts'

const sim = (...args: string[]) => runSimCommand(args)

const CHAIN_17 =
  'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.8": ' +
  'failed to pull image "registry.k8s.io/pause:3.8": failed to pull and unpack image "registry.k8s.io/pause:3.8": ' +
  'failed to resolve reference "registry.k8s.io/pause:3.8": failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.8": ' +
  'dial tcp: lookup registry.k8s.io on 192.168.49.1:53: no such host'

describe('npm run sim on a pod that starts', () => {
  it('draws the calls as lanes, then the Events and the get pods line', () => {
    const { code, stdout, stderr } = sim('examples/pods/web.yaml', '--width', '100')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Pod default\/web on node-1: containerd 1\.7, sandbox image registry\.k8s\.io\/pause:3\.8$/m)
    expect(stdout).toMatch(/^kubelet +kuberuntime +containerd 1\.7$/m)
    const run = stdout.indexOf('RunPodSandbox web (attempt 0)')
    expect(run).toBeGreaterThan(0)
    expect(stdout.indexOf('CreateContainer nginx (attempt 0)')).toBeGreaterThan(run)
    expect(stdout).toMatch(/^ {2}Normal {2}Started +\S+ +kubelet +spec\.containers\{log-shipper\}: Container started$/m)
    expect(stdout).toMatch(/^web +2\/2 +Running +0 +\S+ +10\.244\.1\.2 +node-1 /m)
    for (const line of stdout.slice(0, stdout.indexOf('$ kubectl')).split('\n')) expect(line.length).toBeLessThanOrEqual(100)
  })

  it('--json gives the CRI method names, the events and the pod status', () => {
    const { code, stdout } = sim('examples/pods/web.yaml', '--json')
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as {
      calls: { method: string }[]
      events: { type: string; reason: string; message: string }[]
      pod: { phase: string; status: string; podIP: string }
    }
    expect(json.calls.map((c) => c.method).slice(0, 4)).toEqual(['RunPodSandbox', 'PodSandboxStatus', 'ImageStatus', 'PullImage'])
    expect(json.calls.filter((c) => c.method === 'StartContainer')).toHaveLength(2)
    expect(json.events[0]).toMatchObject({ type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web to node-1' })
    expect(json.pod).toMatchObject({ phase: 'Running', status: 'Running', podIP: '10.244.1.2' })
  })

  it('runs every shipped example manifest; the invalid one is refused in one line', () => {
    for (const file of readdirSync(`${ROOT}/examples/pods`)) {
      const { code, stdout, stderr } = sim(`examples/pods/${file}`, '--json')
      if (file === 'invalid.yaml') {
        expect(code).toBe(1)
        expect(stderr.trim().split('\n')).toHaveLength(1)
        expect(stderr).toMatch(/^sim: The Pod "\S+" is invalid: \[/)
      } else {
        expect({ file, code, stderr }).toEqual({ file, code: 0, stderr: '' })
        expect((JSON.parse(stdout) as { pod: { phase: string } }).pod.phase).toBe('Running')
      }
    }
  })
})

describe('npm run sim on unusual pods', () => {
  it('a hostNetwork pod has no IP of its own: kubectl shows the node’s, and the runtime allocates none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podkata-sim-'))
    const manifest = join(dir, 'agent.yaml')
    writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata: { name: agent }\nspec:\n  hostNetwork: true\n  containers:\n    - { name: agent, image: busybox:1.36 }\n')
    const { code, stdout } = sim(manifest, '--json')
    rmSync(dir, { recursive: true, force: true })
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as { calls: { method: string; steps: string[] }[]; pod: { podIP: string; status: string } }
    expect(json.pod).toMatchObject({ podIP: '192.168.49.2', status: 'Running' })
    expect(json.calls[0]!.steps).toContain("the node's network (hostNetwork)")
  })

  it('imagePullPolicy Never with the image missing: ErrImageNeverPull, retried, never pulled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podkata-sim-'))
    const manifest = join(dir, 'job.yaml')
    writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata: { name: job }\nspec:\n  containers:\n    - { name: main, image: busybox, imagePullPolicy: Never }\n')
    const { stdout } = sim(manifest, '--json', '--for', '30')
    rmSync(dir, { recursive: true, force: true })
    const json = JSON.parse(stdout) as { calls: { method: string }[]; events: { reason: string; message: string; count: number }[]; pod: { status: string } }
    expect(json.calls.map((c) => c.method)).not.toContain('PullImage')
    expect(json.events.find((e) => e.reason === 'ErrImageNeverPull')).toMatchObject({ message: 'Container image "busybox" is not present with pull policy of Never' })
    expect(json.pod.status).toBe('ErrImageNeverPull')
  })
})

describe('npm run sim on an air-gapped node', () => {
  it('--offline: FailedCreatePodSandBox with containerd 1.7’s chain, retried, and the pod stays ContainerCreating', () => {
    const { code, stdout } = sim('examples/pods/web.yaml', '--offline', '--for', '60')
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`^ {2}Warning {2}FailedCreatePodSandBox {2}\\S+ \\(x\\d+ over \\S+\\) {2}kubelet {12}${escape(CHAIN_17)}$`, 'm'))
    expect(stdout).not.toContain('Pulling image')
    expect(stdout).toMatch(/^web +0\/2 +ContainerCreating +0 +\S+ +<none> +node-1 /m)
  })

  it('--runtime picks the default sandbox image and the wording of each runtime', () => {
    const expected: Record<string, RegExp> = {
      'containerd-1.6': /desc = failed to get sandbox image "registry\.k8s\.io\/pause:3\.6": failed to pull image/,
      'containerd-2.0': /desc = failed to start sandbox "[0-9a-f]{64}": failed to get sandbox image "registry\.k8s\.io\/pause:3\.10": .*failed to resolve reference/,
      'containerd-2.2': /desc = failed to start sandbox "[0-9a-f]{64}": failed to get sandbox image "registry\.k8s\.io\/pause:3\.10\.1": .*failed to resolve image: failed to do request/,
      'containerd-2.3': /desc = failed to pull image "registry\.k8s\.io\/pause:3\.10\.2": failed to pull and unpack image/,
    }
    for (const [runtime, chain] of Object.entries(expected)) {
      const { stdout } = sim('examples/pods/web.yaml', '--offline', '--runtime', runtime, '--json')
      const events = (JSON.parse(stdout) as { events: { reason: string; message: string }[] }).events
      const failed = events.find((e) => e.reason === 'FailedCreatePodSandBox')
      expect(failed?.message, runtime).toMatch(chain)
    }
  })

  it('--preload of the runtime’s pause image lets the sandbox start; the app images then fail with ErrImagePull', () => {
    const { stdout } = sim('examples/pods/web.yaml', '--offline', '--preload', 'registry.k8s.io/pause:3.8', '--for', '5')
    expect(stdout).toContain('sandbox image registry.k8s.io/pause:3.8 is here')
    expect(stdout).toMatch(/^web +0\/2 +ErrImagePull +0 +\S+ +10\.244\.1\.2 /m)
  })

  it('--mirror sends the pull to the mirror; --mirror-down shows the mirror’s error with ?ns=', () => {
    const up = sim('examples/pods/web.yaml', '--offline', '--mirror', 'registry.k8s.io=http://10.0.0.5:5000', '--json')
    const upJson = JSON.parse(up.stdout) as { calls: { method: string; steps: string[] }[] }
    expect(upJson.calls[0]!.steps).toContain('fetched from 10.0.0.5:5000, unpacked')
    const down = sim('examples/pods/web.yaml', '--offline', '--mirror', 'registry.k8s.io=http://10.0.0.5:5000', '--mirror-down', '--json')
    const failed = (JSON.parse(down.stdout) as { events: { reason: string; message: string }[] }).events.find((e) => e.reason === 'FailedCreatePodSandBox')
    expect(failed?.message).toMatch(
      /failed to do request: Head "http:\/\/10\.0\.0\.5:5000\/v2\/pause\/manifests\/3\.8\?ns=registry\.k8s\.io": dial tcp 10\.0\.0\.5:5000: connect: connection refused$/,
    )
  })
})

describe('npm run sim: each runtime and each way of being cut off (chapter 6)', () => {
  const failedEvent = (...args: string[]) => {
    const { stdout } = sim('examples/pods/web.yaml', ...args, '--for', '0', '--json')
    return (JSON.parse(stdout) as { events: { reason: string; message: string }[] }).events.find((e) => e.reason === 'FailedCreatePodSandBox')?.message
  }

  it('uses each runtime’s own default sandbox image', () => {
    const expected: Record<string, string> = {
      'containerd-1.6': 'registry.k8s.io/pause:3.6',
      'containerd-1.6.20': 'registry.k8s.io/pause:3.6',
      'containerd-1.7': 'registry.k8s.io/pause:3.8',
      'containerd-2.0': 'registry.k8s.io/pause:3.10',
      'containerd-2.2': 'registry.k8s.io/pause:3.10.1',
      'containerd-2.3': 'registry.k8s.io/pause:3.10.2',
      'cri-o': 'registry.k8s.io/pause:3.10.1',
    }
    for (const [runtime, image] of Object.entries(expected)) {
      const { stdout } = sim('examples/pods/web.yaml', '--runtime', runtime, '--json', '--for', '0')
      expect((JSON.parse(stdout) as { runtime: { sandboxImage: string } }).runtime.sandboxImage, runtime).toBe(image)
    }
  })

  it('CRI-O words it its own way: creating pod sandbox, then containers/image’s ping of /v2/', () => {
    expect(failedEvent('--offline', '--runtime', 'cri-o')).toMatch(
      /^Failed to create pod sandbox: rpc error: code = Unknown desc = creating pod sandbox with name "k8s_web_default_[0-9a-f-]{36}_0": unable to pull image: initializing source docker:\/\/registry\.k8s\.io\/pause:3\.10\.1: pinging container registry registry\.k8s\.io: Get "https:\/\/registry\.k8s\.io\/v2\/": dial tcp: lookup registry\.k8s\.io on 192\.168\.49\.1:53: no such host$/,
    )
  })

  it('--cut-off gives the lab’s tail for each air-gap shape, and a dropped connection gives DeadlineExceeded', () => {
    const prefix =
      'Failed to create pod sandbox: rpc error: code = CODE desc = failed to get sandbox image "registry.k8s.io/pause:3.6": failed to pull image "registry.k8s.io/pause:3.6": ' +
      'failed to pull and unpack image "registry.k8s.io/pause:3.6": failed to resolve reference "registry.k8s.io/pause:3.6": ' +
      'failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.6": '
    const tails: Array<[string, string, RegExp]> = [
      ['no-route', 'Unknown', /^dial tcp: lookup registry\.k8s\.io on 192\.168\.49\.1:53: dial udp 192\.168\.49\.1:53: connect: network is unreachable$/],
      ['dns-nxdomain', 'Unknown', /^dial tcp: lookup registry\.k8s\.io on 192\.168\.49\.1:53: no such host$/],
      ['dns-dropped', 'Unknown', /^dial tcp: lookup registry\.k8s\.io on 192\.168\.49\.1:53: read udp 192\.168\.49\.2:\d+->192\.168\.49\.1:53: i\/o timeout$/],
      ['tcp-dropped', 'DeadlineExceeded', /^dial tcp 192\.0\.2\.50:443: i\/o timeout$/],
      ['no-arp', 'Unknown', /^dial tcp 192\.0\.2\.50:443: connect: no route to host$/],
    ]
    for (const [cutOff, code, tail] of tails) {
      const message = failedEvent('--cut-off', cutOff, '--runtime', 'containerd-1.6')
      const head = prefix.replace('CODE', code)
      expect(message?.startsWith(head), `${cutOff}: ${message}`).toBe(true)
      expect(message!.slice(head.length), cutOff).toMatch(tail)
    }
  })
})

describe('npm run sim --crash', () => {
  it('pause: SandboxChanged, every container re-created in a new sandbox with a new IP', () => {
    const { stdout } = sim('examples/pods/web.yaml', '--crash', 'pause', '--json')
    const json = JSON.parse(stdout) as { calls: { method: string; request: any }[]; events: { reason: string }[]; pod: { podIP: string } }
    expect(json.events.map((e) => e.reason)).toContain('SandboxChanged')
    const runs = json.calls.filter((c) => c.method === 'RunPodSandbox').map((c) => c.request.config.metadata.attempt)
    expect(runs).toEqual([0, 1])
    expect(json.pod.podIP).toBe('10.244.1.3')
  })

  it('a container: re-created in the same sandbox, attempt 1, same IP', () => {
    const { stdout } = sim('examples/pods/web.yaml', '--crash', 'nginx', '--json')
    const json = JSON.parse(stdout) as { calls: { method: string; request: any }[]; pod: { podIP: string; restarts: string } }
    const creates = json.calls.filter((c) => c.method === 'CreateContainer').map((c) => `${c.request.config.metadata.name}#${c.request.config.metadata.attempt}`)
    expect(creates).toEqual(['nginx#0', 'log-shipper#0', 'nginx#1'])
    expect(json.calls.filter((c) => c.method === 'RunPodSandbox')).toHaveLength(1)
    expect(json.pod.podIP).toBe('10.244.1.2')
    expect(json.pod.restarts).toMatch(/^1 \(\d+s ago\)$/)
  })
})

describe('npm run sim with bad input', () => {
  const cases: Array<[string[], number, RegExp]> = [
    [[], 2, /^sim: give a Pod manifest, e\.g\. npm run sim -- examples\/pods\/web\.yaml/],
    [['examples/pods/web.yaml', '--bogus'], 2, /^sim: unknown option '--bogus' \(see --help\)$/],
    [['missing.yaml'], 1, /^sim: missing\.yaml: cannot read the file \(ENOENT\)$/],
    [['examples/pods/web.yaml', '--runtime', 'docker'], 2, /^sim: unknown runtime "docker"; use one of containerd-1\.6, /],
    [['examples/pods/web.yaml', '--mirror', 'registry.k8s.io'], 2, /^sim: --mirror "registry\.k8s\.io" is not <registry-host>=/],
    [['examples/pods/web.yaml', '--cut-off', 'cable'], 2, /^sim: unknown --cut-off "cable"; use one of no-route, /],
    [['examples/pods/web.yaml', '--crash', 'redis'], 1, /^sim: pod "web" has no container "redis" \(it has: nginx, log-shipper, and pause\)$/],
    [['examples/pods/web.yaml', '--preload', 'Nginx'], 2, /^sim: "Nginx" is not an image reference: invalid reference format/],
    [['package.json'], 1, /^sim: package\.json: expected kind: Pod, found no kind$/],
  ]
  it.each(cases)('%j → one line, exit %i', (args, exitCode, message) => {
    const { code, stdout, stderr } = sim(...args)
    expect(code).toBe(exitCode)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr.trim()).toMatch(message)
  })

  it('--help documents every option', () => {
    const { code, stdout } = sim('--help')
    expect(code).toBe(0)
    for (const option of ['--runtime', '--offline', '--cut-off', '--preload', '--sandbox-image', '--mirror', '--mirror-down', '--crash', '--for', '--json', '--width', '--no-color']) {
      expect(stdout).toContain(option)
    }
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
