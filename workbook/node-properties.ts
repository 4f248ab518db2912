/**
 * Property-based tests of a whole simulated node (fast-check): random histories — pods
 * applied, time passing while the kubelet syncs, containers and pause crashing, sandboxes and
 * containers stopped or removed behind the kubelet's back with crictl, images imported, the
 * sandbox image changed, mirrors set up, image GC, pods deleted — on random nodes, with
 * workbook/node-invariants.ts checked after every step.
 *
 * A history is a scenario file (sim/scenario-file.ts), played by the same code as
 * `npm run sim -- <scenario>`: a failing one is shrunk by fast-check and printed as a file that
 * replays the failure. tests/node-properties.test.ts runs it on the reference parts; `kata
 * verify --mine` can run it on a learner's own (checkNodeProperties with their parts).
 */
import fc from 'fast-check'
import { stringify } from 'yaml'
import type { NodeParts } from '../machinery/parts.ts'
import { CONNECTIVITIES } from '../machinery/images/registry.ts'
import { RUNTIME_NAMES } from '../machinery/runtime/runtime-profiles.ts'
import { CRICTL_CALLS } from '../assembly/index.ts'
import { parseScenario, ScenarioError } from '../sim/scenario-file.ts'
import { runScenario } from '../sim/scenario.ts'
import { InvariantError, NodeInvariants } from './node-invariants.ts'

const POD_NAMES = ['web', 'db', 'job']
const IMAGES = ['nginx:1.27', 'busybox:1.36', 'redis:7.4', 'registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.8', 'harbor.internal/team/app:2']
const ENDPOINTS = ['http://10.0.0.5:5000', 'https://harbor.internal']

const containerArb = (name: string) =>
  fc.record({ name: fc.constant(name), image: fc.constantFrom(...IMAGES) }, { requiredKeys: ['name', 'image'] })

const podArb = fc
  .record({
    name: fc.constantFrom(...POD_NAMES),
    apps: fc.integer({ min: 1, max: 2 }),
    init: fc.constantFrom('none', 'job', 'sidecar'),
    hostNetwork: fc.boolean(),
    shareProcessNamespace: fc.boolean(),
    restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never'),
    images: fc.array(fc.constantFrom(...IMAGES), { minLength: 3, maxLength: 3 }),
  })
  .map(({ name, apps, init, hostNetwork, shareProcessNamespace, restartPolicy, images }) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      restartPolicy,
      ...(hostNetwork ? { hostNetwork } : {}),
      ...(shareProcessNamespace ? { shareProcessNamespace } : {}),
      containers: ['app', 'sidecar'].slice(0, apps).map((c, i) => ({ name: c, image: images[i]! })),
      ...(init === 'none' ? {} : { initContainers: [{ name: init, image: images[2]!, ...(init === 'sidecar' ? { restartPolicy: 'Always' } : {}) }] }),
    },
  }))

const containerNameArb = fc.constantFrom('app', 'sidecar', 'job', 'pause')

/** One step of a history, as a scenario file writes it. */
const stepArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 4, arbitrary: podArb.map((pod) => ({ apply: pod })) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 180 }).map((s) => ({ wait: `${s}s` })) },
  { weight: 2, arbitrary: fc.record({ pod: fc.constantFrom(...POD_NAMES), container: containerNameArb }).map((crash) => ({ crash })) },
  {
    weight: 3,
    arbitrary: fc
      .record({ call: fc.constantFrom(...CRICTL_CALLS), pod: fc.constantFrom(...POD_NAMES), container: containerNameArb.filter((c) => c !== 'pause') })
      .map(({ call, pod, container }) => ({ crictl: call === 'stop' || call === 'rm' ? { call, pod, container } : { call, pod } })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...POD_NAMES).map((pod) => ({ delete: pod })) },
  { weight: 1, arbitrary: fc.constantFrom(...IMAGES).map((image) => ({ import: image })) },
  { weight: 1, arbitrary: fc.constantFrom(...IMAGES.filter((i) => i.includes('pause'))).map((image) => ({ sandboxImage: image })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ registry: fc.constantFrom('registry.k8s.io', 'docker.io'), endpoint: fc.constantFrom(...ENDPOINTS), up: fc.boolean() })
      .map((mirror) => ({ mirror })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...ENDPOINTS).map((serve) => ({ serve })) },
  { weight: 1, arbitrary: fc.constant({ gc: 'images' }) },
)

const nodeArb = fc.record(
  {
    runtime: fc.constantFrom(...RUNTIME_NAMES),
    cutOff: fc.constantFrom(...CONNECTIVITIES, 'online', 'online'),
    pinning: fc.boolean(),
    preload: fc.uniqueArray(fc.constantFrom(...IMAGES), { maxLength: 3 }),
  },
  { requiredKeys: ['runtime', 'cutOff'] },
)

export interface History {
  node: Record<string, unknown>
  steps: Record<string, unknown>[]
}

export const historyArb = (maxSteps: number): fc.Arbitrary<History> =>
  fc.record({ node: nodeArb, steps: fc.array(stepArb, { minLength: 1, maxLength: maxSteps }) })

/** The history as a scenario file's text: what is played, and what a failure prints. */
export function historyScenario(history: History, title = 'A random history (workbook/node-properties.ts)'): string {
  return stringify({ kind: 'Scenario', title, node: history.node, steps: history.steps }, { lineWidth: 0, flowCollectionPadding: false })
}

/**
 * Plays one history, checking the invariants after every step; throws the first broken one.
 * Returns the steps the node refused (a crash of a pod that is not there, …).
 */
export function playHistory(history: History, parts: Partial<NodeParts> = {}): number[] {
  const scenario = parseScenario(historyScenario(history), 'history.yaml')
  const invariants = new NodeInvariants()
  return runScenario(scenario, parts, {
    keepGoing: true,
    afterStep: (session, _step, index) => {
      try {
        invariants.check(session)
      } catch (error) {
        if (error instanceof InvariantError) throw new InvariantError(`after steps[${index}]: ${error.message}`)
        throw error
      }
    },
  }).refused
}

export interface PropertiesResult {
  ok: boolean
  /** Histories played (up to and including a failing one). */
  histories: number
  /** Histories asked for. */
  planned: number
  maxSteps: number
  seed: number
  /** For a failure: what broke, and the shrunk history as a scenario file. */
  problem?: string
  scenario?: string
}

export interface PropertiesOptions {
  parts?: Partial<NodeParts>
  histories?: number
  maxSteps?: number
  seed?: number
  /**
   * Stop after this long (the search and the shrinking together), keeping what was found: the
   * capstone runs inside a spec with a time limit. The result counts the histories played.
   */
  timeLimitMs?: number
}

/**
 * Plays `histories` random histories of up to `maxSteps` steps; on a failure, fast-check
 * shrinks the history to a small one that still fails, and it comes back as a scenario file.
 */
export function checkNodeProperties(options: PropertiesOptions = {}): PropertiesResult {
  const histories = options.histories ?? 100
  const maxSteps = options.maxSteps ?? 25
  const seed = options.seed ?? 20261202
  const details = fc.check(
    fc.property(historyArb(maxSteps), (history) => {
      playHistory(history, options.parts)
    }),
    { numRuns: histories, seed, endOnFailure: false, ...(options.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: options.timeLimitMs }) },
  )
  if (!details.failed) return { ok: true, histories: details.numRuns, planned: histories, maxSteps, seed }
  const [shrunk] = details.counterexample ?? []
  const error = details.errorInstance
  const history = shrunk ? withoutRefusedSteps(shrunk, options.parts) : undefined
  const problem = error instanceof InvariantError || error instanceof ScenarioError ? error.message : `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`
  return {
    ok: false,
    histories: details.numRuns,
    planned: histories,
    maxSteps,
    seed,
    problem,
    ...(history ? { scenario: historyScenario(history, `Breaks a node invariant: ${problem}`) } : {}),
  }
}

/**
 * `npm run sim` stops at a step the node refuses; the property runs go on past it. So that the
 * printed scenario replays, the steps the node refused (and so did nothing) are left out — if
 * the history still fails without them.
 */
function withoutRefusedSteps(history: History, parts: Partial<NodeParts> | undefined): History {
  let refused: number[] = []
  try {
    refused = playHistory(history, parts)
  } catch {
    // It fails, as it should; find the refusals by playing it without checks.
    refused = runScenario(parseScenario(historyScenario(history), 'history.yaml'), parts, { keepGoing: true }).refused
  }
  const kept = { ...history, steps: history.steps.filter((_, i) => !refused.includes(i)) }
  try {
    playHistory(kept, parts)
    return history
  } catch {
    return kept
  }
}

/** The result as the test and the CLI print it. */
export function describeProperties(result: PropertiesResult): string {
  if (result.ok) return `${result.histories} random histories of up to ${result.maxSteps} steps (seed ${result.seed}): every node invariant held after every step`
  const head = `random history ${result.histories} of ${result.planned}, up to ${result.maxSteps} steps each (seed ${result.seed})`
  return [`${head}: ${result.problem}`, 'The shortest history that still fails, as a scenario file (save it; npm run sim -- <file> plays it on the reference node, to compare):', '', result.scenario ?? ''].join('\n')
}
