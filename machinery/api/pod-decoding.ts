/**
 * Decoding a Pod the way the API server does before it validates anything: against the core/v1
 * schema, strictly (kubectl's default `--validate=strict`), so that a misspelt or misplaced
 * field is refused instead of silently dropped.
 *
 * The schema is Kubernetes' own OpenAPI schema, compiled into validators by ajv and shipped in
 * the kubernetes-models package; pod-fields.json (generated from the same package by
 * scripts/gen-pod-fields.ts) adds the Go names the API server's messages use. Provided
 * machinery: learners never write this.
 *
 * What the API server answers, and so what this returns:
 * - a value of the wrong JSON type stops decoding:
 *   `json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool`
 * - a quantity that does not parse stops decoding with the quantity parser's own message;
 * - otherwise every unknown field, in the order of the file:
 *   `strict decoding error: unknown field "spec.foo", unknown field "spec.containers[0].bar"`
 * - a value outside a field's enum is a validation error (`Unsupported value`), left for later.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { validate as validatePodSchema } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Pod'
import fields from './pod-fields.json' with { type: 'json' }
import { notSupported, type FieldError } from './field-errors.ts'
import { QUANTITY_FORMAT_ERROR } from './quantity.ts'

interface SchemaError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
}

type SchemaValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null }

const STRUCTS = fields.structs as Record<string, Record<string, string>>

export type DecodeResult =
  | { ok: true; pod: Pod }
  /** `fields`: the exact paths of what was refused, with list indices the message leaves out. */
  | { ok: false; message: string; fields: string[] }

/** Decodes a plain JSON value (already read from YAML) as a core/v1 Pod. */
export function decodePod(value: unknown): DecodeResult {
  const validator = validatePodSchema as SchemaValidator
  validator(value)
  const errors = validator.errors ?? []
  const order = documentOrder(value)
  const byOrder = (a: SchemaError, b: SchemaError) => (order.get(a.instancePath) ?? 0) - (order.get(b.instancePath) ?? 0)

  // Go's decoder reports its first type mismatch (null is never one: it is the zero value);
  // strict errors only come when the document decoded.
  const mismatch = errors
    .filter((e) => e.keyword === 'type' || e.keyword === 'oneOf' || (e.keyword === 'format' && FORMATS_OF_DECODING.has(String(e.params.format))))
    .filter((e) => valueAt(value, e.instancePath) !== null)
    .sort(byOrder)[0]
  if (mismatch) return { ok: false, message: decodingMessage(mismatch, value), fields: [fieldPath(mismatch.instancePath)] }

  const unknown = unknownFields(value, 'Pod', '')
  if (unknown.length > 0) return { ok: false, message: `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`, fields: unknown }

  return { ok: true, pod: withoutNulls(value, 'v1.Pod') as Pod }
}

/**
 * The values outside what the schema enumerates (`imagePullPolicy: Sometimes`): the decoder
 * takes any string, validation then refuses it with the list of supported values.
 */
export function enumErrors(pod: Pod): FieldError[] {
  const validator = validatePodSchema as SchemaValidator
  validator(pod)
  const order = documentOrder(pod)
  return (validator.errors ?? [])
    .filter((e) => e.keyword === 'enum')
    .sort((a, b) => (order.get(a.instancePath) ?? 0) - (order.get(b.instancePath) ?? 0))
    .map((e) => notSupported(fieldPath(e.instancePath), valueAt(pod, e.instancePath), (e.params.allowedValues as string[]) ?? []))
}

/** Formats the decoder itself enforces: a number must fit its Go type, a quantity must parse. */
const FORMATS_OF_DECODING = new Set(['int32', 'int64', 'quantity'])

/** Every unknown field under `value`, a `struct`, as dotted paths with [i] for list items. */
function unknownFields(value: unknown, struct: string, path: string): string[] {
  const declared = STRUCTS[struct]
  if (!declared || !isObject(value)) return []
  const found: string[] = []
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key
    const goType = Object.hasOwn(declared, key) ? declared[key]! : undefined
    if (goType === undefined) found.push(childPath)
    else found.push(...unknownIn(child, goType, childPath))
  }
  return found
}

function unknownIn(value: unknown, goType: string, path: string): string[] {
  if (goType.startsWith('[]')) {
    if (!Array.isArray(value)) return []
    return value.flatMap((item, i) => unknownIn(item, goType.slice(2), `${path}[${i}]`))
  }
  if (goType.startsWith('map[string]')) {
    if (!isObject(value)) return []
    return Object.entries(value).flatMap(([key, item]) => unknownIn(item, goType.slice('map[string]'.length), `${path}[${key}]`))
  }
  const struct = /^v1\.(\w+)$/.exec(goType)?.[1]
  return struct ? unknownFields(value, struct, path) : []
}

/**
 * Go's UnmarshalTypeError, as the API server passes it on; or, for the types that decode
 * themselves (Quantity, IntOrString), their own error.
 */
function decodingMessage(error: SchemaError, root: unknown): string {
  const segments = error.instancePath.split('/').slice(1)
  const value = valueAt(root, error.instancePath)
  // Walk the Go types down the path: the struct that holds the field, and the field's type.
  let goType = 'v1.Pod'
  let struct = 'Pod'
  const names: string[] = []
  for (const segment of segments) {
    if (goType.startsWith('[]')) goType = goType.slice(2)
    else if (goType.startsWith('map[string]')) goType = goType.slice('map[string]'.length)
    else {
      struct = goType.replace(/^v1\./, '')
      goType = STRUCTS[struct]?.[segment] ?? 'string'
      names.push(segment)
    }
  }
  // resource.Quantity's UnmarshalJSON parses whatever it is given, and says why it cannot.
  if (goType === 'resource.Quantity') return QUANTITY_FORMAT_ERROR
  // intstr.IntOrString takes a string, or else decodes the value as an int32.
  if (goType === 'intstr.IntOrString') return `json: cannot unmarshal ${jsonKind(value, 'int32')} into Go value of type int32`
  return `json: cannot unmarshal ${jsonKind(value, goType)} into Go struct field ${struct}.${names.join('.')} of type ${goType}`
}

/** How Go's decoder names the JSON value it could not store ("string", "number 1.5", …). */
function jsonKind(value: unknown, goType: string): string {
  if (typeof value === 'number') return /^u?int|^float/.test(goType) ? `number ${value}` : 'number'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'string') return 'string'
  if (Array.isArray(value)) return 'array'
  return 'object'
}

/** `/spec/containers/0/name` → `spec.containers[0].name`, the API server's field path. */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), '')
}

function valueAt(root: unknown, instancePath: string): unknown {
  let value = root
  for (const segment of instancePath.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~')
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined
  }
  return value
}

/** Each JSON pointer in the value, numbered in the order it appears in the file. */
function documentOrder(root: unknown): Map<string, number> {
  const order = new Map<string, number>()
  const visit = (value: unknown, pointer: string) => {
    order.set(pointer, order.size)
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${pointer}/${i}`))
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) visit(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)
  }
  visit(root, '')
  return order
}

/**
 * null is Go's zero value: a field set to null is a field not set, and a null list item is
 * an empty one ("" in a []string, {} in a []v1.Container).
 */
function withoutNulls(value: unknown, goType: string): unknown {
  if (goType.startsWith('[]') && Array.isArray(value)) {
    const item = goType.slice(2)
    return value.map((v) => (v === null ? zeroValue(item) : withoutNulls(v, item)))
  }
  if (!isObject(value)) return value
  const mapOf = goType.startsWith('map[string]') ? goType.slice('map[string]'.length) : undefined
  const declared = STRUCTS[goType.replace(/^v1\./, '')] ?? {}
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v, mapOf ?? declared[k] ?? '')]),
  )
}

function zeroValue(goType: string): unknown {
  if (goType === 'string') return ''
  if (goType === 'bool') return false
  if (/^u?int|^float/.test(goType)) return 0
  if (goType.startsWith('[]')) return []
  return {}
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
