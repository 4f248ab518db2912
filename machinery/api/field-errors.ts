/**
 * API-server validation errors, shaped and printed like k8s.io/apimachinery's field.Error:
 * `<field path>: <type>[: <value>][: <detail>]`, e.g. `spec.containers[0].image: Required value`.
 * Provided machinery: the Pods kata decides *which* errors a Pod has; this file only builds and
 * prints them.
 */

export type FieldErrorType = 'Required value' | 'Duplicate value' | 'Invalid value' | 'Unsupported value'

export interface FieldError {
  /** The JSON path of the offending field, e.g. `spec.initContainers[0].name`. */
  field: string
  type: FieldErrorType
  /** The offending value (absent for Required value). */
  value?: unknown
  /** Why the value is wrong, in the API server's words. */
  detail?: string
}

export function required(field: string, detail?: string): FieldError {
  return detail === undefined ? { field, type: 'Required value' } : { field, type: 'Required value', detail }
}

export function duplicate(field: string, value: unknown): FieldError {
  return { field, type: 'Duplicate value', value }
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { field, type: 'Invalid value', value, detail }
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`
  return { field, type: 'Unsupported value', value, detail }
}

/** One error as the API server prints it. */
export function formatFieldError(error: FieldError): string {
  const parts = [error.field, error.type]
  if (error.type !== 'Required value') parts.push(formatValue(error.value))
  if (error.detail) parts.push(error.detail)
  return parts.join(': ')
}

/**
 * The whole rejection, as `kubectl apply` prints it: one error on the same line, several as a
 * bulleted list under a header that ends in "invalid: " (trailing space included).
 */
export function formatInvalid(kind: string, name: string, errors: readonly FieldError[]): string {
  const messages = errors.map(formatFieldError)
  const header = `The ${kind} "${name}" is invalid: `
  if (messages.length === 1) return header + messages[0]
  return [header, ...messages.map((m) => `* ${m}`)].join('\n')
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || value === undefined) return 'null'
  return String(value)
}
