/**
 * Finding an id from a unique prefix, as containerd does for every sandbox and container call
 * (its truncindex, a copy of Docker's): `crictl stopp 5d7f179c2d4fd` works because 13
 * characters are enough to tell the sandboxes apart. Errors carry truncindex's own words.
 */

export class PrefixError extends Error {
  override name = 'PrefixError'
  constructor(
    message: string,
    /** `not-found` is the only one containerd turns into gRPC NotFound. */
    readonly kind: 'not-found' | 'ambiguous' | 'empty',
  ) {
    super(message)
  }
}

/** The one id that starts with `prefix`, or a PrefixError. An exact id always wins. */
export function resolveId(ids: Iterable<string>, prefix: string): string {
  if (prefix === '') throw new PrefixError("prefix can't be empty", 'empty')
  const all = [...ids]
  if (all.includes(prefix)) return prefix
  const matches = all.filter((id) => id.startsWith(prefix))
  if (matches.length === 0) throw new PrefixError('not found', 'not-found')
  if (matches.length > 1) throw new PrefixError(`Multiple IDs found with provided prefix: ${prefix}`, 'ambiguous')
  return matches[0]!
}
