/**
 * The simulator in the page's worker: a Pod manifest from the editor and the sim's switches,
 * run by the same modules as `npm run sim` (sim/run-sim.ts on the assembled node), and shown
 * as the chapters show it. Bad input gets the CLI's one-line message and, where the message
 * is about a place in the manifest, its line.
 */
import { isMap, isSeq, parseDocument } from 'yaml'
import type { Pod } from 'kubernetes-types/core/v1'
import type * as RunSim from '../sim/run-sim.ts'
import type * as Assembly from '../assembly/index.ts'
import type * as Manifest from '../machinery/api/manifest.ts'
import type * as ImageRef from '../machinery/images/image-ref.ts'
import type * as Profiles from '../machinery/runtime/runtime-profiles.ts'
import type * as Scenario from '../sim/scenario.ts'
import type * as ScenarioFile from '../sim/scenario-file.ts'
import type { SimResult, SimSwitches, SimView } from './messages.ts'

type Load = (path: string) => unknown

class BadInput extends Error {}

/** The same checks and words as sim/command.ts's options(). */
function simOptions(load: Load, switches: SimSwitches): RunSim.SimOptions {
  const { isRuntimeName, RUNTIME_NAMES } = load('machinery/runtime/runtime-profiles.ts') as typeof Profiles
  const { parseReference, ReferenceError } = load('machinery/images/image-ref.ts') as typeof ImageRef
  const runtime = switches.runtime ?? 'containerd-1.7'
  if (!isRuntimeName(runtime)) throw new BadInput(`unknown runtime "${runtime}"; use one of ${RUNTIME_NAMES.join(', ')}`)
  const mirrors: Record<string, string[]> = {}
  if (switches.mirror?.trim()) {
    const match = /^([^=\s]+)=(https?:\/\/[^\s]+)$/.exec(switches.mirror.trim())
    if (!match) throw new BadInput(`--mirror "${switches.mirror}" is not <registry-host>=<http(s)://endpoint>`)
    mirrors[match[1]!] = [match[2]!]
  }
  const preload = (switches.preload ?? []).map((p) => p.trim()).filter(Boolean)
  const sandboxImage = switches.sandboxImage?.trim()
  for (const image of [...preload, ...(sandboxImage ? [sandboxImage] : [])]) {
    try {
      parseReference(image)
    } catch (error) {
      if (error instanceof ReferenceError) throw new BadInput(`"${image}" is not an image reference: ${error.message}`)
      throw error
    }
  }
  const forSeconds = switches.forSeconds ?? 120
  if (!Number.isFinite(forSeconds) || forSeconds < 0 || forSeconds > 86_400) throw new BadInput(`--for "${forSeconds}" is not a number of seconds (0 to 86400)`)
  return {
    runtime,
    connectivity: (switches.connectivity ?? 'online') as RunSim.SimOptions['connectivity'],
    mirrors,
    mirrorsUp: !switches.mirrorDown,
    preload,
    ...(sandboxImage ? { sandboxImage } : {}),
    ...(switches.crash?.trim() ? { crash: switches.crash.trim() } : {}),
    forMs: forSeconds * 1000,
  }
}

/** `spec.containers[0].image` → the line of that field (or of its nearest parent) in the YAML. */
export function lineOfField(text: string, fieldPath: string): number | undefined {
  const document = parseDocument(text, { uniqueKeys: false })
  const keys = fieldPath.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')
  let node: unknown = document.contents
  let offset: number | undefined
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key)
      if (!pair) break
      offset = (pair.key as { range?: [number] }).range?.[0]
      node = pair.value
    } else if (isSeq(node) && /^\d+$/.test(key)) {
      const item = node.items[Number(key)] as { range?: [number] } | undefined
      if (!item) break
      offset = item.range?.[0]
      node = item
    } else break
  }
  return offset === undefined ? undefined : text.slice(0, offset).split('\n').length
}

/** Where a one-line message is about: `line L` in YAML errors, else the first field path it names. */
function lineOf(text: string, message: string): number | undefined {
  const yamlLine = /\bline (\d+)\b/.exec(message)
  if (yamlLine) return Number(yamlLine[1])
  const field = /\b((?:metadata|spec)(?:\.[A-Za-z]+|\[\d+\])+)/.exec(message)
  return field ? lineOfField(text, field[1]!) : undefined
}

function view(load: Load, pod: Pod, options: RunSim.SimOptions): SimView {
  const { runSim } = load('sim/run-sim.ts') as typeof RunSim
  return viewOf(load, runSim(pod, options))
}

/**
 * The learner's node, step by step as runSim takes them, so that when the learner's code
 * throws, the calls it made until then are still drawn, with what it threw (the CLI's
 * `--compare` prints only that line).
 */
function learnerView(load: Load, pod: Pod, options: RunSim.SimOptions): SimView {
  const { assembleNode } = load('assembly/index.ts') as typeof Assembly
  const session = assembleNode(options)
  let podName: string | undefined
  try {
    podName = session.apply(pod)
    session.run(podName, options.forMs)
    if (options.crash) {
      session.crash(podName, options.crash)
      session.run(podName, options.forMs)
    }
  } catch (error) {
    const { abridgedTrace } = load('sim/run-sim.ts') as typeof RunSim
    const problem = `your code threw: ${String((error as Error)?.message ?? error).split('\n')[0]}`
    return {
      runtime: session.profile.title,
      entries: abridgedTrace(session.trace.entries.filter((e) => e.kind !== 'event' || e.reason !== 'Scheduled')),
      kubectl: problem,
      text: problem,
      status: problem,
      problem,
    }
  }
  return viewOf(load, { session, podName, runtimeTitle: session.profile.title, sandboxImage: session.runtime.images.sandboxImage })
}

function viewOf(load: Load, result: RunSim.SimResult): SimView {
  const { simText, abridgedTrace } = load('sim/run-sim.ts') as typeof RunSim
  const { session, podName } = result
  const entries = abridgedTrace(session.trace.entries.filter((e) => e.kind !== 'event' || e.reason !== 'Scheduled'))
  const getPods = session.getPods(podName, true)
  const status = getPods.split('\n')[1]?.trim().split(/\s{2,}/)[2] ?? ''
  return {
    runtime: result.runtimeTitle,
    entries,
    kubectl: [`$ kubectl describe pod ${podName}`, '…', session.describeEvents(podName), '', '$ kubectl get pods -o wide', getPods].join('\n'),
    text: simText(result, { width: 100 }),
    status,
  }
}

/** One run; with `reference`, a second on the reference's node, for the learner's trace beside it. */
export function runSimInPage(load: Load, manifest: string, switches: SimSwitches, reference?: Load): SimResult {
  try {
    const { parsePod } = load('machinery/api/manifest.ts') as typeof Manifest
    const pod = parsePod(manifest, 'pod.yaml')
    const options = simOptions(load, switches)
    const mine = reference ? learnerView(load, pod, options) : view(load, pod, options)
    return { kind: 'ran', view: mine, ...(reference ? { reference: view(reference, pod, options) } : {}) }
  } catch (error) {
    return badInput(error, manifest)
  }
}

/** The CLI's refusals (it prints them as one line after `sim: `), with the line they are about. */
function badInput(error: unknown, text: string): SimResult {
  const name = (error as Error)?.name
  if (error instanceof BadInput || name === 'ManifestError' || name === 'SimError' || name === 'ReferenceError' || name === 'ScenarioError') {
    const message = String((error as Error).message).split('\n')[0]!
    const line = lineOf(text, message)
    return { kind: 'bad-input', message, ...(line ? { line } : {}) }
  }
  throw error
}

/** `line 3` in a YAML error, else the step a scenario's message names (`…: steps[2]: wait: …`). */
function scenarioLine(text: string, message: string): number | undefined {
  const yamlLine = /\bline (\d+)\b/.exec(message)
  if (yamlLine) return Number(yamlLine[1])
  const field = /: ((?:steps\[\d+\]|node(?:\.[A-Za-z]+)?))(?::|$)/.exec(message)
  return field ? lineOfField(text, field[1]!) : undefined
}

/** A scenario file from the editor, read and played by sim/scenario-file.ts and sim/scenario.ts. */
export function playScenarioInPage(load: Load, text: string, source: string): SimResult {
  try {
    const { parseScenario } = load('sim/scenario-file.ts') as typeof ScenarioFile
    const { runScenario } = load('sim/scenario.ts') as typeof Scenario
    return { kind: 'played', text: runScenario(parseScenario(text, source)).text }
  } catch (error) {
    const result = badInput(error, text)
    if (result.kind !== 'bad-input') return result
    const line = scenarioLine(text, result.message) ?? result.line
    return { kind: 'bad-input', message: result.message, ...(line ? { line } : {}) }
  }
}
