/**
 * Which lines of the manifest in the editor a refusal is about, so the page can mark them: the
 * deepest node of the YAML that exists on each field path the error names. The message itself
 * is the CLI's, word for word; only the pointer is the page's.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml'

/** `spec.containers[0].image`, `metadata.labels[app]` → its keys and indices, in order. */
function segments(fieldPath: string): string[] {
  return [...fieldPath.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)].map((m) => m[1] ?? m[2]!)
}

/**
 * The line of a field in the YAML, or of the deepest part of its path that the YAML has (a
 * missing `image` points at its container's first line). A path without list indices, as Go's
 * decoder words it (`spec.containers.ports.containerPort`), follows the first item down which
 * the path goes deepest.
 */
export function lineOfField(text: string, fieldPath: string): number | undefined {
  const document = parseDocument(text, { uniqueKeys: false })
  const keys = segments(fieldPath)
  /** The deepest start offset reachable from `node` along keys[at..], and how deep it got. */
  const walk = (node: unknown, at: number, offset: number | undefined): { offset: number | undefined; depth: number } => {
    if (at === keys.length) return { offset, depth: at }
    const key = keys[at]!
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key)
      if (!pair) return { offset, depth: at }
      return walk(pair.value, at + 1, (pair.key as { range?: [number] }).range?.[0] ?? offset)
    }
    if (isSeq(node)) {
      if (/^\d+$/.test(key)) {
        const item = node.items[Number(key)] as { range?: [number] } | undefined
        return item ? walk(item, at + 1, item.range?.[0] ?? offset) : { offset, depth: at }
      }
      // No index given: the item the rest of the path reaches deepest in (the first, on a tie).
      let best = { offset, depth: at }
      for (const item of node.items) {
        const found = walk(item, at, (item as { range?: [number] }).range?.[0] ?? offset)
        if (found.depth > best.depth) best = found
      }
      return best
    }
    return { offset, depth: at }
  }
  const { offset } = walk(document.contents, 0, undefined)
  return offset === undefined ? undefined : text.slice(0, offset).split('\n').length
}

/** `line L` in a YAML error, else the first field path the message names. */
function lineOfMessage(text: string, message: string): number | undefined {
  const yamlLine = /\bline (\d+)\b/.exec(message)
  if (yamlLine) return Number(yamlLine[1])
  const field = /\b((?:metadata|spec)(?:\.[A-Za-z]+|\[\d+\])+)/.exec(message)
  return field ? lineOfField(text, field[1]!) : undefined
}

/**
 * Every line a refusal is about, in the message's order and each once: the fields the error
 * carries (ManifestError's and SimError's `fields`, exact paths with list indices), else what
 * the message itself names.
 */
export function linesOf(text: string, message: string, fields: readonly string[] = []): number[] {
  const lines = fields.length > 0 ? fields.map((field) => lineOfField(text, field)) : [lineOfMessage(text, message)]
  return [...new Set(lines.filter((line): line is number => line !== undefined))]
}
