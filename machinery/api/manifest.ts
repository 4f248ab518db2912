/**
 * Reading a `v1` Pod manifest from YAML, as `kubectl apply -f` and the API server would: one
 * document, decoded strictly against the core/v1 schema (pod-decoding.ts), within limits, with
 * one-line errors a reader can act on. Provided machinery: the katas and the sim receive an
 * already parsed Pod.
 */
import { readFileSync, statSync } from 'node:fs'
import { isMap, isScalar, parseAllDocuments, visit, type Document } from 'yaml'
import type { Pod } from 'kubernetes-types/core/v1'
import { decodePod } from './pod-decoding.ts'

export class ManifestError extends Error {
  override name = 'ManifestError'
  /**
   * @param fields the fields the message is about, as exact paths (`spec.containers[0].ports[0].containerPort`),
   *   where the message's own wording names them without list indices or not at all: what a page
   *   showing the manifest points at. The message stays the API server's.
   */
  constructor(
    message: string,
    readonly fields: readonly string[] = [],
  ) {
    super(message)
  }
}

/**
 * The API server refuses a request body over 3 MiB
 * (k8s.io/apiserver: "Request entity too large: limit is 3145728").
 */
export const MAX_MANIFEST_BYTES = 3 * 1024 * 1024
/** The simulator's own limit on size: YAML of 1 MiB takes the parser seconds. */
export const MAX_SIMULATED_BYTES = 256 * 1024
/**
 * The simulator's own limit on lines: the YAML parser needs seconds for 100,000 of them, and
 * a Pod manifest is rarely longer than a few hundred.
 */
export const MAX_LINES = 10_000
/** How many aliases (`*name`) a document may expand: enough for any real manifest, not for a YAML bomb. */
export const MAX_ALIASES = 100
/** How deep a document may nest: a Pod needs about 12 levels; Go's JSON decoder stops at 10,000. */
export const MAX_DEPTH = 100
/**
 * The simulator's own limits on lists and maps, so that a run stays quick: the API server
 * has none this low (only the 3 MiB), but no Pod a person writes comes near them.
 */
export const MAX_CONTAINERS = 100
export const MAX_ITEMS = 1000

/** Parses YAML text into a Pod. `source` names the file in error messages. */
export function parsePod(text: string, source = 'manifest'): Pod {
  return podFromValue(readDocument(text, source), source)
}

/** A Pod from a value already read from YAML (e.g. a Pod written inline in a scenario). */
export function podFromValue(value: unknown, source: string): Pod {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`${source}: expected a Pod object, found ${Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`}`)
  }
  const object = value as Record<string, unknown>
  if (object.kind !== 'Pod') {
    throw new ManifestError(`${source}: expected kind: Pod, found ${object.kind === undefined ? 'no kind' : `kind: ${String(object.kind)}`}`)
  }
  if (object.apiVersion !== 'v1') {
    throw new ManifestError(`${source}: expected apiVersion: v1, found ${object.apiVersion === undefined ? 'no apiVersion' : String(object.apiVersion)}`)
  }
  const tooMany = tooManyItems(value, '')
  if (tooMany) throw new ManifestError(`${source}: ${tooMany} (a limit of this simulator)`)
  const decoded = decodePod(value)
  if (!decoded.ok) throw new ManifestError(`error when creating "${source}": Pod in version "v1" cannot be handled as a Pod: ${decoded.message}`, decoded.fields)
  return decoded.pod
}

/** Reads and parses a Pod manifest file. */
export function loadPod(path: string): Pod {
  return parsePod(readManifest(path), path)
}

/** A manifest file's text, refused early when it is not a readable file or too large to be one. */
export function readManifest(path: string): string {
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) throw new ManifestError(`${path}: is a folder, not a manifest file`)
    // Not read at all when even the API server would refuse it (a 50 MB file reads slowly).
    if (stat.size > MAX_MANIFEST_BYTES) throw new ManifestError(tooLarge(path, stat.size))
    return readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof ManifestError) throw error
    throw new ManifestError(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`)
  }
}

/**
 * The one YAML document in `text`, as plain JSON values (what the API server receives once
 * kubectl has turned the YAML into JSON). Empty documents — a leading or trailing `---`, a
 * file of comments — do not count; YAML warnings are not errors and are not printed.
 */
export function readDocument(text: string, source: string): unknown {
  const bytes = text.length > MAX_SIMULATED_BYTES / 3 ? new TextEncoder().encode(text).length : text.length
  if (bytes > MAX_MANIFEST_BYTES) throw new ManifestError(tooLarge(source, bytes))
  if (bytes > MAX_SIMULATED_BYTES) throw new ManifestError(`${source}: has ${bytes} bytes, more than the ${MAX_SIMULATED_BYTES} this simulator reads; a Pod manifest rarely has 10,000`)
  let lines = 1
  for (let i = text.indexOf('\n'); i !== -1 && lines <= MAX_LINES; i = text.indexOf('\n', i + 1)) lines++
  if (lines > MAX_LINES) throw new ManifestError(`${source}: has more than ${MAX_LINES} lines, the most this simulator reads; a Pod manifest rarely has more than a few hundred`)
  let documents: Document.Parsed[]
  try {
    // yaml's own duplicate-key check compares every key with every other (minutes for 100,000
    // labels); duplicateKey() below does it with a Set.
    documents = parseAllDocuments(text, { uniqueKeys: false }) as Document.Parsed[]
  } catch (error) {
    throw new ManifestError(`${source}: ${yamlProblem(error)}`)
  }
  if (!Array.isArray(documents)) documents = []
  for (const document of documents) {
    const [problem] = document.errors
    if (problem) {
      const where = problem.linePos ? `line ${problem.linePos[0].line}, column ${problem.linePos[0].col}: ` : ''
      const message = /Maximum call stack/.test(problem.message) ? 'nested too deeply to read' : firstLine(problem.message).replace(/ at line \d+, column \d+:?$/, '')
      throw new ManifestError(`${source}: ${where}${message}`)
    }
    const duplicate = duplicateKey(document, text)
    if (duplicate) throw new ManifestError(`${source}: ${duplicate}`)
  }
  const values = documents.map((document) => toPlain(document, source)).filter((value) => value !== null && value !== undefined)
  if (values.length === 0) throw new ManifestError(`${source}: holds no object (the file is empty, null or only comments)`)
  if (values.length > 1) throw new ManifestError(`${source}: holds ${values.length} YAML documents; give one per file`)
  return values[0]
}

/** The first key that appears twice in one mapping, as `line L, column C: …`. */
function duplicateKey(document: Document.Parsed, text: string): string | undefined {
  let found: string | undefined
  visit(document, {
    Map(_key, map) {
      if (!isMap(map)) return undefined
      const seen = new Set<unknown>()
      for (const pair of map.items) {
        if (pair.key !== null && !isScalar(pair.key)) {
          // JSON has only text keys; yaml would stringify it, with a warning on stderr.
          found = `${lineColumn(text, (pair.key as { range?: [number] }).range?.[0] ?? 0)}: a mapping key must be text, not a list or a mapping`
          return visit.BREAK
        }
        const key = isScalar(pair.key) ? pair.key.value : pair.key
        if (seen.has(key)) {
          const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0
          found = `${lineColumn(text, offset)}: Map keys must be unique; "${String(key)}" is set twice`
          return visit.BREAK
        }
        seen.add(key)
      }
      return undefined
    },
  })
  return found
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`
}

function toPlain(document: Document.Parsed, source: string): unknown {
  let value: unknown
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES })
  } catch (error) {
    throw new ManifestError(`${source}: ${yamlProblem(error)}`)
  }
  const depth = depthOf(value, 0)
  if (depth > MAX_DEPTH) throw new ManifestError(`${source}: nested more than ${MAX_DEPTH} levels deep; a Pod needs about a dozen`)
  // Through JSON, as kubectl sends it: binary becomes base64 text, infinities become null.
  // (A Buffer's toJSON runs before the replacer, so look at the holder's raw value.)
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key]
      return raw instanceof Uint8Array ? base64(raw) : v
    }),
  )
}

/** The first list or map longer than the simulator takes, worded like field.TooMany. */
function tooManyItems(value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const entries = Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v] as const)
  const limit = /^spec\.(containers|initContainers|ephemeralContainers)$/.test(path) ? MAX_CONTAINERS : MAX_ITEMS
  if (entries.length > limit) return `${path}: Too many: ${entries.length}: must have at most ${limit} items`
  for (const [childPath, child] of entries) {
    const found = tooManyItems(child, childPath)
    if (found) return found
  }
  return undefined
}

function depthOf(value: unknown, depth: number): number {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return depth
  let deepest = depth
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1))
  return deepest
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function yamlProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/Excessive alias count/.test(message)) return `its aliases expand too far (more than ${MAX_ALIASES}); is it a YAML bomb?`
  const unresolved = /Unresolved alias[^:]*: (\S+)/.exec(message)
  if (unresolved) return `the alias *${unresolved[1]} names no anchor (&${unresolved[1]} must come first)`
  if (error instanceof RangeError) return `nested too deeply to read`
  return firstLine(message)
}

function tooLarge(source: string, bytes: number): string {
  return `${source}: Request entity too large: limit is ${MAX_MANIFEST_BYTES} (the file has ${bytes} bytes)`
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}
