/**
 * Plays a scenario (read by sim/scenario-file.ts) on a fresh simulated node, and prints each
 * step as the command an admin would type and what it prints.
 */
import { basename } from 'node:path'
import { ManifestError, loadPod } from '../machinery/api/manifest.ts'
import { CONNECTIVITY_WORDS } from '../machinery/images/registry.ts'
import { GrpcError } from '../machinery/runtime/grpc.ts'
import type { RuntimeProfile } from '../machinery/runtime/runtime-profiles.ts'
import { assembleNode, SimError, type NodeSession, type SessionOptions } from '../assembly/index.ts'
import type { NodeParts } from '../machinery/parts.ts'
import { ScenarioError, type Scenario, type Step } from './scenario-file.ts'

export { isScenarioFile, loadScenario } from './scenario-file.ts'

export interface ScenarioRun {
  session: NodeSession
  /** The transcript, as `npm run sim` prints it. */
  text: string
}

export interface PlayOptions {
  /** Called after each step that played, e.g. to check the node's invariants. */
  afterStep?: (session: NodeSession, step: Step, index: number) => void
  /**
   * A step the node refuses (a crash of a container that is not running, …) is noted in the
   * transcript and the story goes on, instead of ending it. The property tests play random
   * histories this way.
   */
  keepGoing?: boolean
}

/** Plays a scenario on a fresh node and returns the transcript. */
export function runScenario(scenario: Scenario, parts: Partial<NodeParts> = {}, options: PlayOptions = {}): ScenarioRun & { refused: number[] } {
  const session = assembleNode(scenario.node, parts)
  const refused: number[] = []
  const profile = session.profile
  const out: string[] = []
  const block = (...lines: string[]) => out.push(lines.join('\n'))
  if (scenario.title) block(`# ${scenario.title}`)
  block(header(session, scenario.node))
  scenario.steps.forEach((step, i) => {
    const where = `${scenario.source}: steps[${i}]: ${step.kind}`
    try {
      block(play(session, profile, step))
    } catch (error) {
      if (!(error instanceof ManifestError || error instanceof SimError)) throw error
      if (!options.keepGoing) throw new ScenarioError(`${where}: ${error.message}`)
      refused.push(i)
      block(`# refused: ${error.message}`)
      return
    }
    options.afterStep?.(session, step, i)
  })
  return { session, text: out.join('\n\n'), refused }
}

function header(session: NodeSession, node: SessionOptions): string {
  const images = session.runtime.images
  const lines = [`# ${session.nodeName}: ${session.profile.title}, sandbox image ${images.sandboxImage}; ${CONNECTIVITY_WORDS[node.connectivity ?? 'online']}`]
  if (node.preload?.length) lines.push(`# already imported: ${node.preload.join(', ')}`)
  for (const [registry, endpoints] of Object.entries(node.mirrors ?? {})) {
    lines.push(`# certs.d/${registry}/hosts.toml: ${endpoints.join(', ')}${node.mirrorsUp === false ? ' (down)' : ''}`)
  }
  return lines.join('\n')
}

function play(session: NodeSession, profile: RuntimeProfile, step: Step): string {
  switch (step.kind) {
    case 'note':
      return wrapWords(step.text, 94)
        .map((line) => `# ${line}`.trimEnd())
        .join('\n')
    case 'apply': {
      const name = session.apply(loadPod(step.path))
      return [`$ kubectl apply -f ${basename(step.shown)}`, `pod/${name} created`].join('\n')
    }
    case 'applyInline': {
      const name = session.apply(step.pod)
      return [`$ kubectl apply -f - <<EOF`, '…', 'EOF', `pod/${name} created`].join('\n')
    }
    case 'crictl': {
      const command = `$ sudo crictl ${step.call} ${step.container ? `<${step.pod}/${step.container}>` : `<sandbox of ${step.pod}>`}`
      try {
        const id = session.crictl(step.pod, step.call, step.container)
        const said: Record<string, string> = { stopp: `Stopped sandbox ${id}`, rmp: `Removed sandbox ${id}`, stop: id, rm: id }
        return [command, said[step.call]!].join('\n')
      } catch (error) {
        // crictl prints the runtime's refusal and exits 1; the story goes on.
        if (error instanceof GrpcError) return [command, `E… ${error.message}`].join('\n')
        throw error
      }
    }
    case 'wait':
      session.advance(step.ms)
      return `# … ${step.shown} later`
    case 'describe':
      return [`$ kubectl describe pod ${step.pod}`, '…', session.describeEvents(step.pod)].join('\n')
    case 'get':
      return ['$ kubectl get pods -o wide', session.getAllPods(true)].join('\n')
    case 'images':
      return [`$ sudo crictl images${step.pinned ? ' --pinned' : ''}`, session.crictlImages(step.pinned)].join('\n')
    case 'import': {
      if (profile.family === 'cri-o') throw new SimError('the sim imports with containerd\'s ctr; for CRI-O, list the image under node.preload')
      const { name, digest } = session.importImage(step.image, step.namespace)
      // ctr 2.x imports through the transfer service and draws progress bars; --local prints one line, as 1.x does.
      const local = isContainerd1(profile) ? '' : ' --local'
      const ns = step.namespace === 'default' ? '' : `-n ${step.namespace} `
      const lines = [`$ sudo ctr ${ns}images import${local} ${step.file}`, `unpacking ${name} (${digest})...done`]
      if (step.namespace !== 'k8s.io') lines.push(`# (namespace ${step.namespace}: the CRI plugin only sees images in k8s.io)`)
      return lines.join('\n')
    }
    case 'sandboxImage': {
      session.setSandboxImage(step.image)
      return sandboxImageConfig(profile, step.image)
    }
    case 'mirror': {
      if (profile.family === 'cri-o') throw new SimError("CRI-O reads its mirrors from /etc/containers/registries.conf, not hosts.toml; the sim models containerd's hosts.toml only")
      session.setMirrors(step.registry, [step.endpoint], step.up)
      // Before 2.2.0 the directory is read only when the CRI config names it; the sim's node has
      // that line, and says so, so nobody copies the hosts.toml alone onto a 1.7 or 2.0 node.
      const configPath = profile.certsDirByDefault
        ? []
        : [`# (${profile.title} reads certs.d only with config_path = "/etc/containerd/certs.d" in its CRI registry config; this node has it)`]
      const lines = [
        ...configPath,
        `$ cat /etc/containerd/certs.d/${step.registry}/hosts.toml`,
        `server = "${step.registry === 'docker.io' ? 'https://registry-1.docker.io' : `https://${step.registry}`}"`,
        '',
        `[host."${step.endpoint}"]`,
        '  capabilities = ["pull", "resolve"]',
      ]
      if (!step.up) lines.push(`# (nothing answers at ${step.endpoint} yet)`)
      return lines.join('\n')
    }
    case 'serve':
      session.runtime.registries.setReachable(step.endpoint, 'all')
      return `# a registry now answers at ${step.endpoint}, holding every image the node asks for`
    case 'gc': {
      const result = session.gcImages()
      return [
        '# disk pressure: the kubelet deletes unused images (its eviction manager calls the image GC)',
        '$ journalctl -u kubelet | grep image_gc_manager',
        ...result.log.map((line) => `… image_gc_manager.go:…] ${line}`),
      ].join('\n')
    }
    case 'delete':
      session.deletePod(step.pod)
      return `# pod ${step.pod} deleted: the kubelet stopped its containers and its sandbox`
    case 'crash': {
      session.crash(step.pod, step.container)
      return step.container === 'pause' ? `# the pause process of ${step.pod} dies` : `# container ${step.container} of ${step.pod} dies`
    }
  }
}

/** The config change an admin makes for a new sandbox image, per runtime, and the restart. */
function sandboxImageConfig(profile: RuntimeProfile, image: string): string {
  if (profile.family === 'cri-o') {
    return ['$ sudoedit /etc/crio/crio.conf.d/10-pause.conf', '  [crio.image]', `  pause_image = "${image}"`, '$ sudo systemctl reload crio'].join('\n')
  }
  const section = isContainerd1(profile)
    ? ['  [plugins."io.containerd.grpc.v1.cri"]', `    sandbox_image = "${image}"`]
    : ["  [plugins.'io.containerd.cri.v1.images'.pinned_images]", `    sandbox = '${image}'`]
  return ['$ sudoedit /etc/containerd/config.toml', ...section, '$ sudo systemctl restart containerd'].join('\n')
}

/** Words into lines of at most `width` characters (a longer word gets a line of its own). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    lines.push(line)
  }
  return lines
}

function isContainerd1(profile: RuntimeProfile): boolean {
  return profile.name.startsWith('containerd-1')
}
