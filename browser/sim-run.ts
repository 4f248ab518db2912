/**
 * The simulator in the page's worker: a Pod manifest from the editor and the sim's switches,
 * run by the same modules as `npm run sim` (sim/run-sim.ts on the assembled node), and shown
 * as the chapters show it. Bad input gets the CLI's one-line message and, where the message
 * is about a place in the manifest, its line.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type * as RunSim from '../sim/run-sim.ts'
import type * as Assembly from '../assembly/index.ts'
import type * as Manifest from '../machinery/api/manifest.ts'
import type * as ImageRef from '../machinery/images/image-ref.ts'
import type * as Profiles from '../machinery/runtime/runtime-profiles.ts'
import type * as Scenario from '../sim/scenario.ts'
import type * as ScenarioFile from '../sim/scenario-file.ts'
import type { NodeSession } from '../assembly/node-session.ts'
import type { TraceEntry } from '../machinery/node/trace.ts'
import { eventLine, firstCallParting, firstEventParting, type Parting } from '../sim/trace-difference.ts'
import type { SimResult, SimSwitches, SimView, TraceParting } from './messages.ts'
import { lineOfField, linesOf } from './manifest-lines.ts'
import { listOf } from './sim-command.ts'

type Load = (path: string) => unknown

class BadInput extends Error {}

/** The same checks and words as sim/command.ts's options(). */
function simOptions(load: Load, switches: SimSwitches): RunSim.SimOptions {
  const { isRuntimeName, RUNTIME_NAMES } = load('machinery/runtime/runtime-profiles.ts') as typeof Profiles
  const { parseReference, ReferenceError } = load('machinery/images/image-ref.ts') as typeof ImageRef
  const runtime = switches.runtime ?? 'containerd-1.7'
  if (!isRuntimeName(runtime)) throw new BadInput(`unknown runtime "${runtime}"; use one of ${RUNTIME_NAMES.join(', ')}`)
  const mirrors: Record<string, string[]> = {}
  // Several mirrors separated by commas, as the CLI takes --mirror once for each (two for one host are tried in order).
  for (const mirror of listOf(switches.mirror)) {
    const match = /^([^=\s]+)=(https?:\/\/[^\s]+)$/.exec(mirror)
    if (!match) throw new BadInput(`--mirror "${mirror}" is not <registry-host>=<http(s)://endpoint>`)
    ;(mirrors[match[1]!] ??= []).push(match[2]!)
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

/** A view, and the whole trace it was drawn from (the view leaves out Scheduled and abridges repeats). */
interface Played {
  view: SimView
  trace: readonly TraceEntry[]
}

function view(load: Load, pod: Pod, options: RunSim.SimOptions): Played {
  const { runSim } = load('sim/run-sim.ts') as typeof RunSim
  const result = runSim(pod, options)
  return { view: viewOf(load, result), trace: result.session.trace.entries }
}

/**
 * The learner's node, step by step as runSim takes them, so that when the learner's code
 * throws, the calls it made until then are still drawn, with what it threw (the CLI's
 * `--compare` prints only that line).
 */
function learnerView(load: Load, pod: Pod, options: RunSim.SimOptions): Played {
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
    return { view: thrownView(load, session, error), trace: session.trace.entries }
  }
  return { view: viewOf(load, { session, podName, runtimeTitle: session.profile.title, sandboxImage: session.runtime.images.sandboxImage }), trace: session.trace.entries }
}

/** The trace drawn as runSim's view draws it: no Scheduled event (the scheduler's, not the node's), repeats counted. */
function shownTrace(load: Load, session: NodeSession): TraceEntry[] {
  const { abridgedTrace } = load('sim/run-sim.ts') as typeof RunSim
  return abridgedTrace(session.trace.entries.filter((e) => e.kind !== 'event' || e.reason !== 'Scheduled'))
}

/** The learner's code threw: the trace until then, and what it threw in one line. */
function thrownView(load: Load, session: NodeSession, error: unknown): SimView {
  const problem = `your code threw: ${String((error as Error)?.message ?? error).split('\n')[0]}`
  return { runtime: session.profile.title, entries: shownTrace(load, session), kubectl: problem, text: problem, status: problem, problem }
}

/**
 * Where the entry `target` of a whole trace is drawn in its shown form: itself, or the
 * `… N more like it` row that stands for the rounds it was in, or else the nearest row after it.
 */
function shownIndex(trace: readonly TraceEntry[], shown: readonly TraceEntry[], target: TraceEntry): number {
  const direct = shown.indexOf(target)
  if (direct >= 0) return direct
  const at = trace.indexOf(target)
  const position = new Map(trace.map((entry, i) => [entry, i]))
  for (let i = 0; i < shown.length; i++) {
    const p = position.get(shown[i]!)
    if (p === undefined) {
      // A row made for the view (`… N more like it`): it stands for what lies before the next kept entry.
      const next = shown.slice(i + 1).map((e) => position.get(e)).find((q) => q !== undefined)
      if (next === undefined || next > at) return i
    } else if (p > at) return i
  }
  return Math.max(0, shown.length - 1)
}

/**
 * The first call and the first event where the learner's run parts from the reference's, found
 * as `npm run sim -- --compare` finds them, and the earlier of the two placed on each diagram.
 */
export function partingOf(mine: Played, reference: Played): TraceParting | undefined {
  const callsOf = (trace: readonly TraceEntry[]) => trace.filter((e) => e.kind === 'call')
  const eventsOf = (trace: readonly TraceEntry[]) => trace.filter((e) => e.kind === 'event')
  const calls = firstCallParting(callsOf(mine.trace), callsOf(reference.trace))
  const events = firstEventParting(eventsOf(mine.trace).map(eventLine), eventsOf(reference.trace).map(eventLine))
  if (!calls && !events) return undefined
  /** Where the nth call or event is in one side's whole trace; where that side stopped when it made no such one. */
  const place = (side: Played, kind: 'call' | 'event', parting: Parting) => {
    const same = side.trace.filter((e) => e.kind === kind)
    const entry = same[parting.number - 1]
    if (entry) return { entry, index: side.trace.indexOf(entry), ended: false }
    const last = same.at(-1) ?? side.trace.at(-1)
    return { entry: last, index: side.trace.length, ended: true }
  }
  const candidates = [
    ...(calls ? [{ kind: 'call' as const, parting: calls }] : []),
    ...(events ? [{ kind: 'event' as const, parting: events }] : []),
  ].map((c) => ({ ...c, mine: place(mine, c.kind, c.parting), reference: place(reference, c.kind, c.parting) }))
  // The one either side reaches first is where they part.
  const first = candidates.reduce((a, b) => (Math.min(b.mine.index, b.reference.index) < Math.min(a.mine.index, a.reference.index) ? b : a))
  const row = (side: Played, at: { entry: TraceEntry | undefined }) => (at.entry ? shownIndex(side.trace, side.view.entries, at.entry) : Math.max(0, side.view.entries.length - 1))
  return {
    ...(calls ? { calls } : {}),
    ...(events ? { events } : {}),
    marked: {
      kind: first.kind,
      number: first.parting.number,
      mine: row(mine, first.mine),
      reference: row(reference, first.reference),
      mineEnded: first.mine.ended,
      referenceEnded: first.reference.ended,
    },
  }
}

function viewOf(load: Load, result: RunSim.SimResult): SimView {
  const { simText, simJson } = load('sim/run-sim.ts') as typeof RunSim
  const { session, podName } = result
  const entries = shownTrace(load, session)
  const getPods = session.getPods(podName, true)
  const status = getPods.split('\n')[1]?.trim().split(/\s{2,}/)[2] ?? ''
  return {
    runtime: result.runtimeTitle,
    entries,
    kubectl: [`$ kubectl describe pod ${podName}`, '…', session.describeEvents(podName), '', '$ kubectl get pods -o wide', getPods].join('\n'),
    text: simText(result, { width: 100 }),
    json: JSON.stringify(simJson(result), null, 2),
    status,
  }
}

/** One run; with `reference`, a second on the reference's node, for the learner's trace beside it. */
export function runSimInPage(load: Load, manifest: string, switches: SimSwitches, reference?: Load): SimResult {
  try {
    const { parsePod } = load('machinery/api/manifest.ts') as typeof Manifest
    const pod = parsePod(manifest, 'pod.yaml')
    const options = simOptions(load, switches)
    if (!reference) return { kind: 'ran', view: view(load, pod, options).view }
    const mine = learnerView(load, pod, options)
    const theirs = view(reference, pod, options)
    const parting = partingOf(mine, theirs)
    return { kind: 'ran', view: mine.view, reference: theirs.view, ...(parting ? { parting } : {}) }
  } catch (error) {
    return badInput(error, manifest, true)
  }
}

/**
 * The CLI's refusals (it prints them as one line after `sim: `), with the lines they are about.
 * `pod`: `text` is the Pod the error's fields are in (a scenario's inline Pod is not its file).
 */
function badInput(error: unknown, text: string, pod = false): SimResult {
  const name = (error as Error)?.name
  if (error instanceof BadInput || name === 'ManifestError' || name === 'SimError' || name === 'ReferenceError' || name === 'ScenarioError') {
    const message = String((error as Error).message).split('\n')[0]!
    const fields = pod ? ((error as { fields?: readonly string[] }).fields ?? []) : []
    const lines = linesOf(text, message, fields)
    return { kind: 'bad-input', message, ...(lines.length > 0 ? { line: lines[0]! } : {}), ...(lines.length > 1 ? { lines } : {}) }
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
export function playScenarioInPage(load: Load, text: string, source: string, reference?: Load): SimResult {
  try {
    const { parseScenario } = load('sim/scenario-file.ts') as typeof ScenarioFile
    const scenario = parseScenario(text, source)
    if (!reference) return { kind: 'played', text: (load('sim/scenario.ts') as typeof Scenario).runScenario(scenario).text }
    // `--compare` on a scenario: the same story on the learner's node (their files stand in for
    // the reference parts the assembly builds on, as for a Pod), then on the reference's.
    const theirs = scenarioPlayed(reference, scenario)
    const mine = scenarioPlayed(load, scenario)
    const parting = partingOf(mine, theirs)
    return {
      kind: 'played',
      text: mine.view.text,
      compare: { mine: mine.view, reference: theirs.view, ...(parting ? { parting } : {}) },
      ...(mine.view.problem ? { problem: mine.view.problem } : {}),
    }
  } catch (error) {
    const result = badInput(error, text)
    if (result.kind !== 'bad-input') return result
    const line = scenarioLine(text, result.message) ?? result.line
    return { kind: 'bad-input', message: result.message, ...(line ? { line } : {}) }
  }
}

/**
 * One side of a scenario compared: its transcript, and its trace drawn as lanes. When the
 * learner's code throws or the node refuses a step, the trace until then is kept, with the line.
 */
function scenarioPlayed(load: Load, scenario: ScenarioFile.Scenario): Played {
  const { runScenario } = load('sim/scenario.ts') as typeof Scenario
  const { assembleNode } = load('assembly/index.ts') as typeof Assembly
  let session: NodeSession | undefined
  try {
    const run = runScenario(scenario, {}, { afterStep: (played) => (session = played) })
    return { view: { runtime: run.session.profile.title, entries: shownTrace(load, run.session), kubectl: run.text, text: run.text, status: '' }, trace: run.session.trace.entries }
  } catch (error) {
    const refused = (error as Error)?.name === 'ScenarioError'
    const problem = refused ? String((error as Error).message).split('\n')[0]! : `your code threw: ${String((error as Error)?.message ?? error).split('\n')[0]}`
    const node = session ?? assembleNode(scenario.node)
    return { view: { runtime: node.profile.title, entries: shownTrace(load, node), kubectl: problem, text: problem, status: '', problem }, trace: node.trace.entries }
  }
}
