/**
 * Scenario files, read and checked: a short story on one simulated node, told as the commands
 * an admin would type and what they print (sim/scenario.ts plays them).
 * `npm run sim -- examples/scenarios/airgap-import.yaml` runs one.
 *
 *   kind: Scenario
 *   title: The air-gapped node, fixed by importing the pause image
 *   node:                          # how the node starts (every key optional)
 *     runtime: containerd-1.7      # whose defaults and wording (see --help of npm run sim)
 *     cutOff: dns-nxdomain         # online, no-route, dns-nxdomain, dns-dropped, tcp-dropped, no-arp
 *     sandboxImage: registry.k8s.io/pause:3.8
 *     pinning: false               # the runtime pins nothing (as containerd before 1.6.22)
 *     preload: [registry.k8s.io/pause:3.10, nginx:1.27]   # already in k8s.io
 *     mirrors: { registry.k8s.io: [http://10.0.0.5:5000] } # certs.d/<host>/hosts.toml
 *     mirrorsUp: false             # the mirrors refuse connections
 *     reachable: { https://harbor.internal: all }          # private registries that answer
 *   steps:                         # each step is a map with one key
 *     - note: text                 # a comment in the transcript
 *     - apply: ../pods/web.yaml    # kubectl apply -f (relative to this file)
 *     - apply: { apiVersion: v1, kind: Pod, … }                 # or the Pod itself, inline
 *     - wait: 2m                   # node time passes, the kubelet works: 30s, 2m, 1h30m
 *     - describe: web              # kubectl describe pod: its Events
 *     - get: pods                  # kubectl get pods -o wide
 *     - images: pinned             # crictl images --pinned (or: all, for crictl images)
 *     - import: registry.k8s.io/pause:3.8                     # ctr -n k8s.io images import
 *     - import: { image: …, namespace: default, file: pause.tar }
 *     - sandboxImage: registry.k8s.io/pause:3.10              # edit the config, restart
 *     - mirror: { registry: registry.k8s.io, endpoint: http://10.0.0.5:5000, up: false }
 *     - serve: http://10.0.0.5:5000  # a registry starts answering there (holding every image)
 *     - gc: images                 # the kubelet's image GC deletes unused images
 *     - delete: web                # the pod is deleted
 *     - crash: { pod: web, container: pause }
 *     - crictl: { call: stopp, pod: web }   # behind the kubelet's back: stopp, rmp (the newest
 *     - crictl: { call: rm, pod: web, container: nginx }    # sandbox), stop, rm (a container)
 *
 * A bad file gets one line naming the file, the step and the problem.
 */
import { basename, dirname, resolve } from 'node:path'
import { ManifestError, podFromValue, readDocument, readManifest } from '../machinery/api/manifest.ts'
import { CONNECTIVITIES, type Connectivity } from '../machinery/images/registry.ts'
import { parseReference, ReferenceError } from '../machinery/images/image-ref.ts'
import { isRuntimeName, RUNTIME_NAMES } from '../machinery/runtime/runtime-profiles.ts'
import type { Pod } from 'kubernetes-types/core/v1'
import { CRICTL_CALLS, SimError, type CrictlCall, type SessionOptions } from '../assembly/index.ts'

export class ScenarioError extends SimError {
  override name = 'ScenarioError'
}

export interface Scenario {
  /** The file it came from, as given. */
  source: string
  title?: string
  node: SessionOptions
  steps: Step[]
}

export type Step =
  | { kind: 'note'; text: string }
  | { kind: 'apply'; path: string; shown: string }
  | { kind: 'applyInline'; pod: Pod }
  | { kind: 'wait'; ms: number; shown: string }
  | { kind: 'describe'; pod: string }
  | { kind: 'get' }
  | { kind: 'images'; pinned: boolean }
  | { kind: 'import'; image: string; namespace: string; file: string }
  | { kind: 'sandboxImage'; image: string }
  | { kind: 'mirror'; registry: string; endpoint: string; up: boolean }
  | { kind: 'serve'; endpoint: string }
  | { kind: 'gc' }
  | { kind: 'delete'; pod: string }
  | { kind: 'crash'; pod: string; container: string }
  | { kind: 'crictl'; call: CrictlCall; pod: string; container?: string }

export const STEP_KINDS = ['note', 'apply', 'wait', 'describe', 'get', 'images', 'import', 'sandboxImage', 'mirror', 'serve', 'gc', 'delete', 'crash', 'crictl'] as const
export const NODE_KEYS = ['runtime', 'cutOff', 'sandboxImage', 'pinning', 'preload', 'mirrors', 'mirrorsUp', 'reachable'] as const
const TOP_KEYS = ['kind', 'title', 'node', 'steps']
/** The simulator's limits, so that a scenario plays in seconds. */
const MAX_STEPS = 200
const MAX_NODE_TIME_MS = 2 * 3_600_000

/** Whether a file is a scenario (`kind: Scenario`) rather than a Pod. Unreadable or odd files are not. */
export function isScenarioFile(path: string): boolean {
  try {
    const value = readDocument(readManifest(path), path)
    return typeof value === 'object' && value !== null && (value as Record<string, unknown>).kind === 'Scenario'
  } catch {
    return false
  }
}

/** Reads and checks a scenario file; throws ScenarioError with one line. */
export function loadScenario(path: string): Scenario {
  let text: string
  try {
    text = readManifest(path)
  } catch (error) {
    if (error instanceof ManifestError) throw new ScenarioError(error.message)
    throw error
  }
  return parseScenario(text, path)
}

export function parseScenario(text: string, source: string): Scenario {
  const fail = (where: string, what: string): never => {
    throw new ScenarioError(`${source}: ${where ? `${where}: ` : ''}${what}`)
  }
  // The same reader as for Pods: its limits, one document, no YAML warnings printed.
  let value: unknown
  try {
    value = readDocument(text, source)
  } catch (error) {
    if (error instanceof ManifestError) throw new ScenarioError(error.message)
    throw error
  }
  if (!isObject(value)) return fail('', 'expected a mapping with kind: Scenario')
  if (value.kind !== 'Scenario') fail('', `expected kind: Scenario, found ${value.kind === undefined ? 'no kind' : `kind: ${String(value.kind)}`}`)
  for (const key of Object.keys(value)) if (!TOP_KEYS.includes(key)) fail('', `unknown key "${key}" (use ${TOP_KEYS.join(', ')})`)
  if (value.title !== undefined && typeof value.title !== 'string') fail('title', 'expected text')
  const node = parseNode(value.node, fail)
  if (!Array.isArray(value.steps) || value.steps.length === 0) fail('steps', 'expected a list of steps')
  if ((value.steps as unknown[]).length > MAX_STEPS) fail('steps', `Too many: ${(value.steps as unknown[]).length}: must have at most ${MAX_STEPS} items (a limit of this simulator)`)
  const steps = (value.steps as unknown[]).map((raw, i) => parseStep(raw, `steps[${i}]`, dirname(source), fail))
  const waited = steps.reduce((sum, step) => sum + (step.kind === 'wait' ? step.ms : 0), 0)
  if (waited > MAX_NODE_TIME_MS) fail('steps', `the waits add up to more than 2h of node time, the most this simulator plays`)
  return { source, ...(typeof value.title === 'string' ? { title: value.title } : {}), node, steps }
}

type Fail = (where: string, what: string) => never

function parseNode(raw: unknown, fail: Fail): SessionOptions {
  if (raw === undefined) return {}
  if (!isObject(raw)) return fail('node', 'expected a mapping')
  for (const key of Object.keys(raw)) {
    if (!(NODE_KEYS as readonly string[]).includes(key)) fail('node', `unknown setting "${key}" (use ${NODE_KEYS.join(', ')})`)
  }
  const options: SessionOptions = {}
  if (raw.runtime !== undefined) {
    const runtime = String(raw.runtime)
    if (!isRuntimeName(runtime)) fail('node.runtime', `unknown runtime "${runtime}"; use one of ${RUNTIME_NAMES.join(', ')}`)
    options.runtime = runtime as SessionOptions['runtime']
  }
  if (raw.cutOff !== undefined) {
    const cutOff = String(raw.cutOff)
    if (!(CONNECTIVITIES as readonly string[]).includes(cutOff)) fail('node.cutOff', `unknown "${cutOff}"; use one of ${CONNECTIVITIES.join(', ')}`)
    options.connectivity = cutOff as Connectivity
  }
  if (raw.sandboxImage !== undefined) options.sandboxImage = reference(raw.sandboxImage, 'node.sandboxImage', fail)
  if (raw.pinning !== undefined) {
    if (typeof raw.pinning !== 'boolean') fail('node.pinning', 'expected true or false')
    options.pinning = raw.pinning as boolean
  }
  if (raw.preload !== undefined) {
    if (!Array.isArray(raw.preload)) fail('node.preload', 'expected a list of images')
    options.preload = (raw.preload as unknown[]).map((image, i) => reference(image, `node.preload[${i}]`, fail))
  }
  if (raw.mirrors !== undefined) {
    if (!isObject(raw.mirrors)) fail('node.mirrors', 'expected registry host → list of mirror endpoints')
    options.mirrors = {}
    for (const [registry, endpoints] of Object.entries(raw.mirrors as Record<string, unknown>)) {
      const list = Array.isArray(endpoints) ? endpoints : [endpoints]
      options.mirrors[registry] = list.map((e, i) => endpoint(e, `node.mirrors.${registry}[${i}]`, fail))
    }
  }
  if (raw.mirrorsUp !== undefined) {
    if (typeof raw.mirrorsUp !== 'boolean') fail('node.mirrorsUp', 'expected true or false')
    options.mirrorsUp = raw.mirrorsUp as boolean
  }
  if (raw.reachable !== undefined) {
    if (!isObject(raw.reachable)) fail('node.reachable', 'expected endpoint → all, or a list of images')
    options.reachable = {}
    for (const [at, holds] of Object.entries(raw.reachable as Record<string, unknown>)) {
      endpoint(at, `node.reachable`, fail)
      if (holds === 'all') options.reachable[at] = 'all'
      else if (Array.isArray(holds)) options.reachable[at] = holds.map((h, i) => reference(h, `node.reachable.${at}[${i}]`, fail))
      else fail(`node.reachable.${at}`, 'expected all, or a list of images')
    }
  }
  return options
}

function parseStep(raw: unknown, where: string, base: string, fail: Fail): Step {
  if (!isObject(raw) || Object.keys(raw).length !== 1) return fail(where, `expected one step, e.g. "- wait: 30s" (steps are ${STEP_KINDS.join(', ')})`)
  const [key, value] = Object.entries(raw)[0]!
  if (!(STEP_KINDS as readonly string[]).includes(key)) return fail(where, `unknown step "${key}" (use ${STEP_KINDS.join(', ')})`)
  const at = `${where}: ${key}`
  const text = (v: unknown): string => {
    if (typeof v !== 'string' || v.trim() === '') fail(at, 'expected text')
    return (v as string).trim()
  }
  switch (key as (typeof STEP_KINDS)[number]) {
    case 'note':
      return { kind: 'note', text: text(value) }
    case 'apply': {
      if (isObject(value)) {
        try {
          return { kind: 'applyInline', pod: podFromValue(value, at) }
        } catch (error) {
          if (error instanceof ManifestError) return fail('', error.message)
          throw error
        }
      }
      const shown = text(value)
      return { kind: 'apply', path: resolve(base, shown), shown }
    }
    case 'wait': {
      const shown = String(value ?? '').trim()
      const ms = parseDuration(shown)
      if (ms === undefined) fail(at, `"${shown}" is not a duration like 30s, 2m or 1h30m (at most 24h)`)
      return { kind: 'wait', ms: ms!, shown }
    }
    case 'describe':
      return { kind: 'describe', pod: text(value) }
    case 'get':
      if (value !== 'pods') fail(at, 'only "get: pods" is known')
      return { kind: 'get' }
    case 'images':
      if (value !== 'pinned' && value !== 'all') fail(at, 'expected pinned (crictl images --pinned) or all (crictl images)')
      return { kind: 'images', pinned: value === 'pinned' }
    case 'import': {
      const spec = isObject(value) ? value : { image: value }
      for (const k of Object.keys(spec)) if (!['image', 'namespace', 'file'].includes(k)) fail(at, `unknown key "${k}" (use image, namespace, file)`)
      const image = reference(spec.image, at, fail)
      const namespace = spec.namespace === undefined ? 'k8s.io' : text(spec.namespace)
      const file = spec.file === undefined ? `${basename(image.replace(/[:@].*$/, ''))}.tar` : text(spec.file)
      return { kind: 'import', image, namespace, file }
    }
    case 'sandboxImage':
      return { kind: 'sandboxImage', image: reference(value, at, fail) }
    case 'mirror': {
      if (!isObject(value)) return fail(at, 'expected { registry, endpoint, up }')
      for (const k of Object.keys(value)) if (!['registry', 'endpoint', 'up'].includes(k)) fail(at, `unknown key "${k}" (use registry, endpoint, up)`)
      if (value.up !== undefined && typeof value.up !== 'boolean') fail(at, 'up: expected true or false')
      return { kind: 'mirror', registry: text(value.registry), endpoint: endpoint(value.endpoint, at, fail), up: value.up !== false }
    }
    case 'serve':
      return { kind: 'serve', endpoint: endpoint(value, at, fail) }
    case 'gc':
      if (value !== 'images') fail(at, 'only "gc: images" is known')
      return { kind: 'gc' }
    case 'delete':
      return { kind: 'delete', pod: text(value) }
    case 'crash': {
      if (!isObject(value)) return fail(at, 'expected { pod, container } (container: a name, or pause)')
      return { kind: 'crash', pod: text(value.pod), container: text(value.container) }
    }
    case 'crictl': {
      if (!isObject(value)) return fail(at, `expected { call, pod, container } (call: ${CRICTL_CALLS.join(', ')})`)
      for (const k of Object.keys(value)) if (!['call', 'pod', 'container'].includes(k)) fail(at, `unknown key "${k}" (use call, pod, container)`)
      const call = text(value.call)
      if (!(CRICTL_CALLS as readonly string[]).includes(call)) return fail(at, `unknown call "${call}" (use ${CRICTL_CALLS.join(', ')})`)
      const onContainer = call === 'stop' || call === 'rm'
      if (onContainer && value.container === undefined) fail(at, `crictl ${call} needs a container`)
      if (!onContainer && value.container !== undefined) fail(at, `crictl ${call} acts on the pod's sandbox; drop container`)
      return { kind: 'crictl', call: call as CrictlCall, pod: text(value.pod), ...(onContainer ? { container: text(value.container) } : {}) }
    }
  }
}

/** Go-style durations, as a kubelet flag takes them: 30s, 2m, 1h30m, 90s. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text)
  if (!match || text === '') return undefined
  const ms = ((Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60 + Number(match[3] ?? 0)) * 1000
  return ms > 0 && ms <= 86_400_000 ? ms : undefined
}

function reference(value: unknown, where: string, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(where, 'expected an image reference')
  try {
    parseReference(value.trim())
  } catch (error) {
    if (error instanceof ReferenceError) return fail(where, `"${value.trim()}" is not an image reference: ${error.message}`)
    throw error
  }
  return value.trim()
}

function endpoint(value: unknown, where: string, fail: Fail): string {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+(?:\/\S*)?$/.test(value)) return fail(where, `${JSON.stringify(value)} is not an http(s)://host[:port] endpoint`)
  return value.replace(/\/+$/, '')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
