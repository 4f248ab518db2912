/**
 * Reading a `v1` Pod manifest from YAML, with one-line errors a reader can act on.
 * Provided machinery: the katas and the sim receive an already parsed Pod.
 */
import { readFileSync } from 'node:fs'
import { parseAllDocuments } from 'yaml'
import type { Pod } from 'kubernetes-types/core/v1'

export class ManifestError extends Error {
  override name = 'ManifestError'
}

/** Parses YAML text into a Pod. `source` names the file in error messages. */
export function parsePod(text: string, source = 'manifest'): Pod {
  const documents = parseAllDocuments(text).filter((doc) => doc.contents !== null)
  if (documents.length === 0) throw new ManifestError(`${source}: the file is empty`)
  if (documents.length > 1) {
    throw new ManifestError(`${source}: holds ${documents.length} YAML documents; give one Pod per file`)
  }
  const document = documents[0]!
  const [problem] = document.errors
  if (problem) {
    const where = problem.linePos ? `line ${problem.linePos[0].line}, column ${problem.linePos[0].col}: ` : ''
    throw new ManifestError(`${source}: ${where}${firstLine(problem.message)}`)
  }
  const value: unknown = document.toJS()
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`${source}: expected a Pod object, found ${Array.isArray(value) ? 'a list' : typeof value}`)
  }
  const object = value as Record<string, unknown>
  if (object.kind !== 'Pod') {
    throw new ManifestError(`${source}: expected kind: Pod, found ${object.kind === undefined ? 'no kind' : `kind: ${String(object.kind)}`}`)
  }
  if (object.apiVersion !== 'v1') {
    throw new ManifestError(`${source}: expected apiVersion: v1, found ${String(object.apiVersion)}`)
  }
  return object as Pod
}

/** Reads and parses a Pod manifest file. */
export function loadPod(path: string): Pod {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new ManifestError(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`)
  }
  return parsePod(text, path)
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}
