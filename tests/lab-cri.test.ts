/**
 * The lab's CRI plumbing without root or containerd: the project's proto and client against the
 * simulator served on a unix socket, the reproducible image archives, and the lab's helpers.
 * The real-containerd lab itself is `npm run lab`, run by .ci/run after npm test.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePs } from '../lab/backends.ts'
import { compareObservations, normalise } from '../lab/compare.ts'
import { ConfigShapeError, hasSysResource, labConfig } from '../lab/containerd/config.ts'
import { CriClient, CriError } from '../lab/cri-client.ts'
import { serveCri, type CriServer } from '../lab/cri-server.ts'
import { buildImage, type ImageFile } from '../lab/images/image-archive.ts'
import { sandboxConfig } from '../lab/pods.ts'
import { whatIsMissing } from '../lab/preflight.ts'
import { SCENARIOS } from '../lab/scenarios/index.ts'
import { simulatedNode, simulatorProfileFor, type SimulatedNodeHandle } from '../lab/sim-node.ts'
import { ROOT } from '../workbook/paths.ts'
import { runSimCommand } from './run-command.ts'

const dir = mkdtempSync(join(tmpdir(), 'podkata-lab-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the CRI client against the simulator served over gRPC', () => {
  let sim: SimulatedNodeHandle
  let server: CriServer
  let cri: CriClient
  beforeAll(async () => {
    sim = simulatedNode({ runtime: 'containerd-1.6.20', connectivity: 'no-route' })
    server = await serveCri(sim.runtime, join(dir, 'sim.sock'), sim.served)
    cri = new CriClient(join(dir, 'sim.sock'))
  })
  afterAll(async () => {
    cri.close()
    await server.close()
  })

  it('answers Version with the simulated runtime and CRI v1', async () => {
    expect(await cri.version()).toEqual({ version: '0.1.0', runtimeName: 'podkata-simulator', runtimeVersion: 'containerd 1.6.20 (simulated)', runtimeApiVersion: 'v1' })
  })

  it('carries the air-gapped RunPodSandbox failure as gRPC code Unknown with the runtime text', async () => {
    const error = await cri.runPodSandbox({ config: sandboxConfig({ name: 'web' }, '/var/log/pods') }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CriError)
    const { code, details, message } = error as CriError
    expect(code).toBe('Unknown')
    expect(details).toMatch(/^failed to get sandbox image "registry\.k8s\.io\/pause:3\.6": failed to pull image "registry\.k8s\.io\/pause:3\.6": .*network is unreachable$/)
    expect(message).toBe(`rpc error: code = Unknown desc = ${details}`)
  })

  it('runs a sandbox once the pause image is imported, and reports it with enums, maps and int64 as the proto has them', async () => {
    sim.importImage('registry.k8s.io/pause:3.6')
    const { podSandboxId } = await cri.runPodSandbox({ config: sandboxConfig({ name: 'web' }, '/var/log/pods') })
    const { status } = await cri.podSandboxStatus({ podSandboxId })
    expect(status).toMatchObject({ id: podSandboxId, state: 'SANDBOX_READY', metadata: { name: 'web', attempt: 0 }, network: { ip: '10.244.1.2' } })
    expect(status.labels['io.kubernetes.pod.name']).toBe('web')
    expect(status.linux.namespaces.options).toMatchObject({ network: 'POD', pid: 'CONTAINER', ipc: 'POD' })
    expect(status.createdAt).toMatch(/^\d+$/)
    const { images } = await cri.listImages()
    expect(images.map((i) => [i.repoTags, typeof i.size, i.pinned])).toEqual([[['registry.k8s.io/pause:3.6'], 'string', false]])
  })

  it('passes NotFound through, and an absent image as an empty ImageStatus', async () => {
    const error = (await cri.podSandboxStatus({ podSandboxId: 'f00' }).catch((e: unknown) => e)) as CriError
    expect([error.code, error.details]).toEqual(['NotFound', 'an error occurred when try to find sandbox: not found'])
    expect((await cri.imageStatus({ image: { image: 'docker.io/library/nginx:1.27' } })).image).toBeNull()
  })

  it('says plainly that ExecSync is not simulated', async () => {
    const error = (await cri.execSync({ containerId: 'x', cmd: ['ps'] }).catch((e: unknown) => e)) as CriError
    expect(error.code).toBe('Unimplemented')
  })
})

describe('npm run sim -- --serve', () => {
  it('serves until SIGTERM and removes its socket', async () => {
    const socket = join(dir, 'served.sock')
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sim', 'main.ts'), '--serve', socket, '--runtime', 'containerd-1.7', '--offline'], { cwd: ROOT })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    try {
      for (let i = 0; i < 400 && !out.includes('crictl'); i++) await new Promise((r) => setTimeout(r, 50))
      expect(out).toContain(`unix://${socket}`)
      const cri = new CriClient(socket)
      const error = (await cri.runPodSandbox({ config: sandboxConfig({ name: 'web' }, '/var/log/pods') }).catch((e: unknown) => e)) as CriError
      cri.close()
      expect(error.details).toMatch(/^failed to get sandbox image "registry\.k8s\.io\/pause:3\.8": .*no such host$/)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(existsSync(socket)).toBe(false)
  })

  it('refuses a Pod manifest beside --serve in one line', () => {
    const result = runSimCommand(['--serve', join(dir, 'x.sock'), 'examples/pods/web.yaml'])
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe('sim: --serve runs a runtime, not a pod; drop examples/pods/web.yaml')
  })
})

describe('image archives', () => {
  const files = (content: string): ImageFile[] => [
    { path: 'bin', directory: true },
    { path: 'pause', content: Buffer.from(content), mode: 0o755 },
    { path: 'bin/sh', symlink: 'busybox' },
  ]

  it('come out byte for byte the same from the same files, and differ when a file does', async () => {
    const a = await buildImage({ reference: 'registry.k8s.io/pause:3.6', files: files('one'), entrypoint: ['/pause'] })
    const b = await buildImage({ reference: 'registry.k8s.io/pause:3.6', files: files('one'), entrypoint: ['/pause'] })
    const c = await buildImage({ reference: 'registry.k8s.io/pause:3.6', files: files('two'), entrypoint: ['/pause'] })
    expect(b.archive.equals(a.archive)).toBe(true)
    expect(c.manifestDigest).not.toBe(a.manifestDigest)
  })

  it('hold an OCI layout named for ctr import and a Docker manifest.json, with nothing of the build machine in the layer', async () => {
    const image = await buildImage({ reference: 'registry.k8s.io/pause:3.6', files: files('one'), entrypoint: ['/pause'] })
    const outer = await entries(image.archive)
    expect([...outer.keys()]).toEqual(expect.arrayContaining(['oci-layout', 'index.json', 'manifest.json', `blobs/sha256/${image.manifestDigest.slice(7)}`]))
    const index = JSON.parse(outer.get('index.json')!.content.toString())
    expect(index.manifests[0].annotations).toEqual({ 'io.containerd.image.name': 'registry.k8s.io/pause:3.6', 'org.opencontainers.image.ref.name': '3.6' })
    expect(JSON.parse(outer.get('manifest.json')!.content.toString())[0].RepoTags).toEqual(['registry.k8s.io/pause:3.6'])
    const manifest = JSON.parse(outer.get(`blobs/sha256/${image.manifestDigest.slice(7)}`)!.content.toString())
    const layer = await entries(gunzipSync(outer.get(`blobs/sha256/${manifest.layers[0].digest.slice(7)}`)!.content))
    expect([...layer.keys()]).toEqual(['bin/', 'bin/sh', 'pause'])
    expect([...layer.values()].map((e) => [e.header.mtime?.getTime(), e.header.uid, e.header.gid])).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]])
  })
})

async function entries(archive: Buffer): Promise<Map<string, { header: tar.Header; content: Buffer }>> {
  const found = new Map<string, { header: tar.Header; content: Buffer }>()
  const extract = tar.extract()
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = []
      for await (const chunk of entry) chunks.push(chunk as Buffer)
      found.set(entry.header.name, { header: entry.header, content: Buffer.concat(chunks) })
    }
  })()
  extract.end(archive)
  await done
  return found
}

describe("the lab's helpers", () => {
  it('normalise only the resolver address and ids before comparing', () => {
    const real = { error: `lookup registry.k8s.io on 10.255.255.53:53: dial udp 10.255.255.53:53: connect: network is unreachable`, id: 'a'.repeat(64), ip: '10.244.1.2' }
    const sim = { error: `lookup registry.k8s.io on 192.168.49.1:53: dial udp 192.168.49.1:53: connect: network is unreachable`, id: 'b'.repeat(64), ip: '10.244.1.3' }
    expect(normalise(real.error)).toBe('lookup registry.k8s.io on <resolver>:53: dial udp <resolver>:53: connect: network is unreachable')
    expect(compareObservations(real, sim).map((c) => [c.field, c.same])).toEqual([
      ['error', true],
      ['id', true],
      ['ip', false],
    ])
  })

  it("read CAP_SYS_RESOURCE from CapEff, and move every containerd path or refuse a config of another shape", () => {
    expect(hasSysResource('CapEff:\t000001fffeffffff\n')).toBe(false)
    expect(hasSysResource('CapEff:\t000001ffffffffff\n')).toBe(true)
    const defaults = ['root = "/var/lib/containerd"', 'state = "/run/containerd"', '[grpc]', '  address = "/run/containerd/containerd.sock"'].join('\n')
    expect(() => labConfig(defaults, { root: '/l/root', state: '/l/state', socket: '/l/c.sock', opt: '/l/opt', cniConfDir: '/l/cni', certsDir: '/l/certs', runcRoot: '/l/runc' }, { restrictOomScoreAdj: true, cniBinDir: '/usr/lib/cni' })).toThrow(ConfigShapeError)
  })

  it('say in one line what a machine lacks before anything starts', () => {
    expect(whatIsMissing({ platform: 'darwin', uid: 501 })).toMatch(/^the lab runs a real containerd, so it needs Linux as root \(this is darwin\); on a Debian 12 machine: apt-get install -y containerd runc containernetworking-plugins busybox-static gcc libc6-dev iproute2 util-linux$/)
    expect(whatIsMissing({ platform: 'linux', uid: 1000 })).toMatch(/^the lab needs root .*: sudo npm run lab; it needs apt-get install -y containerd /)
  })

  it('read busybox ps without its header or itself, and pick the simulator profile for the containerd found', () => {
    expect(parsePs('PID   PPID  STAT  COMMAND\n    1     0 S     pause\n   15     1 Z     sleep\n   20     0 R     ps\n')).toEqual([
      { pid: 1, ppid: 0, stat: 'S', comm: 'pause' },
      { pid: 15, ppid: 1, stat: 'Z', comm: 'sleep' },
    ])
    expect([simulatorProfileFor('1.6.20~ds1'), simulatorProfileFor('1.6.24'), simulatorProfileFor('1.7.2')]).toEqual(['containerd-1.6.20', 'containerd-1.6', undefined])
  })
})

describe('the lab page', () => {
  it('includes a captured fixture for every scenario, from a run without differences', () => {
    const page = readFileSync(join(ROOT, 'docs', 'lab.md'), 'utf8')
    const captured = JSON.parse(readFileSync(join(ROOT, 'lab', 'fixtures', 'results.json'), 'utf8')) as { scenarios: { id: string; verdict: string }[] }
    expect(captured.scenarios.map((s) => s.id)).toEqual(SCENARIOS.map((s) => s.id))
    expect(captured.scenarios.filter((s) => s.verdict !== 'same' && s.verdict !== 'real only')).toEqual([])
    for (const id of [...SCENARIOS.map((s) => s.id), 'summary']) expect(page).toContain(`<!--@include: @/../lab/fixtures/${id}.md-->`)
  })
})
