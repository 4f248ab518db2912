/**
 * What may differ between the real runtime and the simulator before a result counts as
 * different: only what depends on the machine or the run, not on the runtime's behaviour.
 * - the resolver's address in a lookup error (this machine's /etc/resolv.conf);
 * - sandbox and container ids (random on containerd, made from a seed in the simulator).
 * Everything else must be equal.
 */

export function normalise(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}:53\b/g, '<resolver>:53')
      .replace(/\b[0-9a-f]{64}\b/g, '<id>')
  }
  if (Array.isArray(value)) return value.map(normalise)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]))
  return value
}

export interface FieldComparison {
  field: string
  real: unknown
  sim: unknown
  same: boolean
}

/** Field by field (top-level keys of the observation), after normalising both sides. */
export function compareObservations(real: Record<string, unknown>, sim: Record<string, unknown>): FieldComparison[] {
  const fields = [...new Set([...Object.keys(real), ...Object.keys(sim)])]
  return fields.map((field) => {
    const r = normalise(real[field])
    const s = normalise(sim[field])
    return { field, real: r, sim: s, same: JSON.stringify(r) === JSON.stringify(s) }
  })
}
