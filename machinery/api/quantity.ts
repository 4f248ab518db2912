/**
 * Kubernetes resource quantities ("250m", "0.5", "128Mi", "1G", "1e3"), as the API server
 * reads them in `resources.requests` and `resources.limits`.
 *
 * Provided machinery: learners never write this. The grammar and the error text follow
 * k8s.io/apimachinery/pkg/api/resource/quantity.go.
 */

/** The message the API server gives for a quantity it cannot parse. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
}

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
}

export class QuantityError extends Error {
  override name = 'QuantityError'
}

/** Parses a quantity into its value in base units (cores for CPU, bytes for memory). */
export function parseQuantity(text: string | number): number {
  if (typeof text === 'number') return text
  const match = QUANTITY.exec(text.trim())
  if (!match) throw new QuantityError(QUANTITY_FORMAT_ERROR)
  const [, digits = '', suffix = ''] = match
  const number = Number(digits)
  if (Number.isNaN(number)) throw new QuantityError(QUANTITY_FORMAT_ERROR)
  const scale = suffixScale(suffix)
  if (scale === undefined) throw new QuantityError('unable to parse quantity\'s suffix')
  return number * scale
}

function suffixScale(suffix: string): number | undefined {
  const binary = BINARY_SUFFIXES[suffix]
  if (binary !== undefined) return binary
  const decimal = DECIMAL_SUFFIXES[suffix]
  if (decimal !== undefined) return decimal
  // Scientific notation: "1e3", "5E-2".
  const exponent = /^[eE]([-+]?[0-9]+)$/.exec(suffix)
  return exponent ? 10 ** Number(exponent[1]) : undefined
}

/**
 * CPU in millicores, rounded up as Quantity.MilliValue() does: "0.1" → 100, "1m" → 1,
 * "0.0001" → 1 (a request can never round down to nothing).
 */
export function toMillicores(text: string | number): number {
  return Math.ceil(roundOff(parseQuantity(text) * 1000))
}

/** Memory (or any other plain count) in whole units, rounded up as Quantity.Value() does. */
export function toUnits(text: string | number): number {
  return Math.ceil(roundOff(parseQuantity(text)))
}

// Binary floating point turns 0.3 * 1000 into 300.00000000000006; a quantity never has
// more than nano precision, so round that noise away before rounding up.
function roundOff(value: number): number {
  return Math.round(value * 1e9) / 1e9
}
