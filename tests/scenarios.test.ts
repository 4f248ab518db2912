/**
 * Scenario files through `npm run sim`: the shipped walkthroughs of chapter 6, played by the
 * real command, with the exact strings a real node prints; and one-line answers to bad files.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../workbook/paths.ts'
import { runSimCommand } from './run-command.ts'

const sim = (...args: string[]) => runSimCommand(args)

const DNS = 'dial tcp: lookup registry.k8s.io on 192.168.49.1:53: no such host'

/** containerd 1.x's chain for a sandbox image, behind the kubelet's and grpc-go's words. */
function chain1x(image: string, tail = DNS): string {
  const [repository, tag] = image.split(':') as [string, string]
  const path = repository.replace(/^registry\.k8s\.io\//, '')
  return (
    `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "${image}": failed to pull image "${image}": ` +
    `failed to pull and unpack image "${image}": failed to resolve reference "${image}": ` +
    `failed to do request: Head "https://registry.k8s.io/v2/${path}/manifests/${tag}": ${tail}`
  )
}

/** One Events row of `kubectl describe`, matched column by column. */
function eventRow(type: string, reason: string, age: string, message: string): RegExp {
  return new RegExp(`^ {2}${type} +${reason} +${age} +kubelet +${escape(message)}$`, 'm')
}

describe('the shipped scenarios', () => {
  it('every file in examples/scenarios plays to the end, with nothing on stderr', () => {
    const files = readdirSync(join(ROOT, 'examples/scenarios')).filter((f) => f.endsWith('.yaml'))
    expect(files.length).toBeGreaterThanOrEqual(6)
    for (const file of files) {
      const { code, stdout, stderr } = sim(`examples/scenarios/${file}`)
      expect({ file, code, stderr }).toEqual({ file, code: 0, stderr: '' })
      expect(stdout).toMatch(/^# node-1: /m)
    }
  })

  it('the incident: the exact FailedCreatePodSandBox, counted, the pod ContainerCreating — and kubeadm’s pause on the node', () => {
    const { stdout } = sim('examples/scenarios/airgap-incident.yaml')
    expect(stdout).toMatch(/^# node-1: containerd 1\.7, sandbox image registry\.k8s\.io\/pause:3\.8; the internal DNS knows no public names$/m)
    // 10–15 s between retries (the pod worker's jittered back-off): ten failures in two minutes, not twelve.
    expect(stdout).toMatch(eventRow('Warning', 'FailedCreatePodSandBox', '3s \\(x10 over 119s\\)', chain1x('registry.k8s.io/pause:3.8')))
    expect(stdout).toMatch(/^web +0\/2 +ContainerCreating +0 +2m +<none> +node-1 /m)
    expect(stdout).not.toMatch(/Pulling|ErrImagePull|ImagePullBackOff/)
    expect(stdout).toContain('IMAGE                         TAG                 IMAGE ID            SIZE                PINNED')
    // Image ids are content digests: the real pause:3.10's id, as on every node.
    expect(stdout).toMatch(/^registry\.k8s\.io\/pause +3\.10 +873ed75102791 +320kB +false$/m)
  })

  it('fix 1: ctr without -n k8s.io changes nothing; with it, the pod runs and the pause image is pinned', () => {
    const { stdout } = sim('examples/scenarios/airgap-import.yaml')
    const [wrong, right] = stdout.split('$ sudo ctr -n k8s.io images import pause.tar')
    expect(wrong).toMatch(/^\$ sudo ctr images import pause\.tar\nunpacking registry\.k8s\.io\/pause:3\.8 \(sha256:[0-9a-f]{64}\)\.\.\.done$/m)
    expect(wrong).toMatch(/^web +0\/2 +ContainerCreating /m)
    expect(right).toMatch(/^unpacking registry\.k8s\.io\/pause:3\.8 \(sha256:[0-9a-f]{64}\)\.\.\.done$/m)
    expect(right).toMatch(/^web +2\/2 +Running +0 +\S+ +10\.244\.1\.2 +node-1 /m)
    expect(right).toMatch(eventRow('Normal', 'Pulled', '\\S+', 'spec.containers{nginx}: Container image "nginx:1.27" already present on machine and can be accessed by the pod'))
    expect(right).toMatch(/^registry\.k8s\.io\/pause +3\.8 +4873874c08efc +311kB +true$/m)
  })

  it('fix 2: the hosts.toml, then the mirror’s own error — ?ns= and all — until it answers; then the pod runs', () => {
    const { stdout } = sim('examples/scenarios/airgap-mirror.yaml')
    expect(stdout).toContain(
      ['$ cat /etc/containerd/certs.d/registry.k8s.io/hosts.toml', 'server = "https://registry.k8s.io"', '', '[host."http://10.0.0.5:5000"]', '  capabilities = ["pull", "resolve"]'].join('\n'),
    )
    const refused =
      'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "registry.k8s.io/pause:3.8": failed to pull image "registry.k8s.io/pause:3.8": ' +
      'failed to pull and unpack image "registry.k8s.io/pause:3.8": failed to resolve reference "registry.k8s.io/pause:3.8": ' +
      'failed to do request: Head "http://10.0.0.5:5000/v2/pause/manifests/3.8?ns=registry.k8s.io": dial tcp 10.0.0.5:5000: connect: connection refused'
    expect(stdout).toMatch(eventRow('Warning', 'FailedCreatePodSandBox', '\\S+ \\(x\\d+ over \\S+\\)', refused))
    expect(stdout).toMatch(/^web +2\/2 +Running /m)
  })

  it('fix 3: sandbox_image in config.toml and a restart; it runs, but containerd 1.7 leaves the image unpinned', () => {
    const { stdout } = sim('examples/scenarios/airgap-sandbox-image.yaml')
    expect(stdout).toContain(
      ['$ sudoedit /etc/containerd/config.toml', '  [plugins."io.containerd.grpc.v1.cri"]', '    sandbox_image = "registry.k8s.io/pause:3.10"', '$ sudo systemctl restart containerd'].join('\n'),
    )
    expect(stdout).toMatch(/^web +2\/2 +Running /m)
    expect(stdout).toMatch(/^registry\.k8s\.io\/pause +3\.10 +[0-9a-f]{13} +320kB +false$/m)
  })

  it('the GC trap: the kubelet removes the unpinned pause image, and the next pod cannot start', () => {
    const { stdout } = sim('examples/scenarios/airgap-gc-trap.yaml')
    expect(stdout).toContain('… image_gc_manager.go:…] "Attempting to delete unused images"')
    expect(stdout).toMatch(/^… image_gc_manager\.go:…\] "Removing image to free bytes" imageID="sha256:6270bb605e12e581514ada5fd5b3216f727db55dc87d5889c790e4c760683fee" size=301773 runtimeHandler=""$/m)
    expect(stdout).toMatch(/^hello +0\/1 +ContainerCreating +0 +60s +<none> /m)
    expect(stdout).toMatch(/^web +2\/2 +Running /m)
    expect(stdout).toMatch(eventRow('Warning', 'FailedCreatePodSandBox', '\\S+ \\(x\\d+ over \\S+\\)', chain1x('registry.k8s.io/pause:3.6')))
  })

  it('pinned: the same GC removes nothing, and the next pod runs', () => {
    const { stdout } = sim('examples/scenarios/airgap-gc-pinned.yaml')
    expect(stdout).toMatch(/^registry\.k8s\.io\/pause +3\.6 +6270bb605e12e +302kB +true$/m)
    expect(stdout).not.toContain('Removing image to free bytes')
    expect(stdout).toMatch(/^hello +1\/1 +Running /m)
  })

  it('containerd 2.2: nine separate events, then "(combined from similar events): " with the newest sandbox id', () => {
    const { stdout } = sim('examples/scenarios/airgap-containerd-2.yaml')
    const rows = stdout.split('\n').filter((line) => line.includes('FailedCreatePodSandBox'))
    expect(rows).toHaveLength(10)
    expect(rows[9]).toMatch(/ \(x\d+ over /)
    const tail =
      'failed to get sandbox image "registry.k8s.io/pause:3.10.1": failed to pull image "registry.k8s.io/pause:3.10.1": ' +
      'failed to pull and unpack image "registry.k8s.io/pause:3.10.1": failed to resolve image: failed to do request: ' +
      'Head "https://registry.k8s.io/v2/pause/manifests/3.10.1": dial tcp: lookup registry.k8s.io on 192.168.49.1:53: dial udp 192.168.49.1:53: connect: network is unreachable'
    const single = new RegExp(`kubelet +Failed to create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox "[0-9a-f]{64}": ${escape(tail)}$`)
    for (const row of rows.slice(0, 9)) expect(row).toMatch(single)
    expect(rows[9]).toMatch(
      new RegExp(`\\(x\\d+ over \\S+\\) +kubelet +\\(combined from similar events\\): Failed to create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox "[0-9a-f]{64}": ${escape(tail)}$`),
    )
  })
})

describe('scenarios with problems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podkata-scenario-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
  const head = 'kind: Scenario\nnode:\n  runtime: containerd-1.7\n'
  const web = join(ROOT, 'examples/pods/web.yaml')

  const cases: Array<[string, string, RegExp]> = [
    ['unknown-step.yaml', `${head}steps:\n  - apply: ${web}\n  - frobnicate: web\n`, /: steps\[1\]: unknown step "frobnicate" \(use note, apply, wait, /],
    ['missing-pod.yaml', `${head}steps:\n  - apply: no-such-pod.yaml\n`, /: steps\[0\]: apply: \S*no-such-pod\.yaml: cannot read the file \(ENOENT\)$/],
    ['bad-duration.yaml', `${head}steps:\n  - wait: 2 minutes\n`, /: steps\[0\]: wait: "2 minutes" is not a duration like 30s, 2m or 1h30m/],
    ['unknown-setting.yaml', 'kind: Scenario\nnode:\n  cpus: 4\nsteps:\n  - wait: 1m\n', /: node: unknown setting "cpus" \(use runtime, cutOff, /],
    ['unknown-runtime.yaml', 'kind: Scenario\nnode:\n  runtime: docker\nsteps:\n  - wait: 1m\n', /: node\.runtime: unknown runtime "docker"; use one of containerd-1\.6, /],
    ['no-steps.yaml', `${head}steps: []\n`, /: steps: expected a list of steps$/],
    ['two-keys.yaml', `${head}steps:\n  - wait: 1m\n    get: pods\n`, /: steps\[0\]: expected one step, e\.g\. "- wait: 30s"/],
    ['unknown-pod.yaml', `${head}steps:\n  - describe: nope\n`, /: steps\[0\]: describe: pods "nope" not found$/],
    ['bad-image.yaml', `${head}steps:\n  - import: Pause:3.8\n`, /: steps\[0\]: import: "Pause:3\.8" is not an image reference: invalid reference format/],
    ['crio-mirror.yaml', 'kind: Scenario\nnode:\n  runtime: cri-o\nsteps:\n  - mirror: { registry: registry.k8s.io, endpoint: "http://10.0.0.5:5000" }\n', /: steps\[0\]: mirror: CRI-O reads its mirrors from \/etc\/containers\/registries\.conf/],
  ]

  it.each(cases)('%s → one line, exit 1', (name, text, message) => {
    const { code, stdout, stderr } = sim(file(name, text))
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr.trim()).toMatch(/^sim: \S+\.yaml: /)
    expect(stderr.trim()).toMatch(message)
  })

  it('a mirror on containerd before 2.2 comes with the config_path line it needs; from 2.2 on, certs.d is read by default', () => {
    const mirror = (runtime: string) =>
      sim(file(`mirror-${runtime}.yaml`, `kind: Scenario\nnode:\n  runtime: ${runtime}\nsteps:\n  - mirror: { registry: registry.k8s.io, endpoint: "http://10.0.0.5:5000" }\n`)).stdout
    for (const runtime of ['containerd-1.7', 'containerd-2.0']) expect(mirror(runtime)).toMatch(/reads certs\.d only with config_path = "\/etc\/containerd\/certs\.d"/)
    for (const runtime of ['containerd-2.2', 'containerd-2.3']) expect(mirror(runtime)).not.toContain('config_path')
  })

  it('a node option next to a scenario is refused: the scenario sets up its own node', () => {
    const { code, stderr } = sim('examples/scenarios/airgap-import.yaml', '--runtime', 'containerd-2.2')
    expect(code).toBe(2)
    expect(stderr.trim()).toBe("sim: a scenario sets up its own node and steps; drop --runtime (or change the scenario's node:)")
  })
})

describe('chapter 6 shows what the sim really prints', () => {
  const chapter = readFileSync(join(ROOT, 'docs/chapters/06-air-gapped.md'), 'utf8')

  /** Fenced blocks after a marker comment, with the block's indentation taken off. */
  function blocks(marker: RegExp): Array<{ arg: string; lines: string[] }> {
    const found: Array<{ arg: string; lines: string[] }> = []
    const fence = new RegExp(`<!-- ${marker.source} -->\\n( *)\`\`\`text\\n([\\s\\S]*?)\\n\\2\`\`\``, 'g')
    for (const match of chapter.matchAll(fence)) {
      const indent = match[2]!.length
      found.push({ arg: match[1] ?? '', lines: match[3]!.split('\n').map((line) => line.slice(indent)) })
    }
    return found
  }

  it('every block marked <!-- sim: … --> is the scenario’s output, with … for what was left out', () => {
    const found = blocks(/sim: (\S+)/)
    expect(found.length).toBeGreaterThanOrEqual(10)
    const outputs = new Map<string, string[]>()
    for (const { arg, lines } of found) {
      if (!outputs.has(arg)) outputs.set(arg, sim(arg).stdout.split('\n'))
      const output = outputs.get(arg)!
      expect(fits(lines, output), `${arg}: the chapter shows lines the sim does not print this way:\n${lines.join('\n')}`).toBe(true)
    }
  })

  /**
   * Whether the chapter's lines are the output's, in order: a line `…` stands for lines left
   * out, a line ending in `…` for the start of a longer line; otherwise lines follow each other.
   */
  function fits(lines: readonly string[], output: readonly string[], from = 0, at = -1, gap = true): boolean {
    if (from === lines.length) return true
    const line = lines[from]!
    if (line === '…') return fits(lines, output, from + 1, at, true)
    const matches = (candidate: string) => (line.endsWith('…') ? candidate.startsWith(line.slice(0, -1)) : candidate === line)
    if (!gap) return matches(output[at + 1] ?? '\u0000') && fits(lines, output, from + 1, at + 1, false)
    for (let i = at + 1; i < output.length; i++) {
      if (matches(output[i]!) && fits(lines, output, from + 1, i, false)) return true
    }
    return false
  }

  it('every block marked <!-- sim-events --> shows the FailedCreatePodSandBox message the sim gives for that command', () => {
    const [block] = blocks(/sim-events()/)
    expect(block).toBeDefined()
    const lines = block!.lines.filter((line) => line !== '')
    for (let i = 0; i < lines.length; i += 2) {
      const args = lines[i]!.replace(/^\$ npm run sim -- /, '').split(' ')
      const { stdout } = sim(...args, '--for', '0', '--json')
      const events = (JSON.parse(stdout) as { events: { reason: string; message: string }[] }).events
      expect(`…  ${events.find((e) => e.reason === 'FailedCreatePodSandBox')?.message}`, lines[i]).toBe(lines[i + 1])
    }
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
