/**
 * The grammar of an image reference, `[host[:port]/]path[:tag][@digest]`, and nothing more:
 * it splits a reference into its name, tag and digest and refuses what is not a reference.
 * Provided machinery. What a name *means* — which registry it is on, and the fully qualified
 * form containerd stores (`docker.io/library/nginx:latest`) — is kata 6's normalizeReference.
 *
 *   nginx                                 → name nginx
 *   registry.k8s.io/pause:3.10            → name registry.k8s.io/pause, tag 3.10
 *   localhost:5000/pause:3.9              → name localhost:5000/pause, tag 3.9
 *   pause@sha256:…                        → name pause, digest sha256:…
 */

export class ReferenceError extends Error {
  override name = 'ReferenceError'
}

export interface ReferenceParts {
  /** The name as written: an optional registry host, then the repository path. */
  name: string
  tag?: string
  digest?: string
}

const TAG = /^[\w][\w.-]{0,127}$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
/** A registry host: dotted labels (any case), an optional port. `[::1]:5000` is left out. */
const HOST_COMPONENT = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?$/
const DIGEST = /^sha256:[a-f0-9]{64}$/

/** Splits a reference into name, tag and digest; throws ReferenceError if it is not one. */
export function parseReference(reference: string): ReferenceParts {
  if (reference === '' || reference !== reference.trim()) throw new ReferenceError('invalid reference format')
  let name = reference
  let digest: string | undefined
  const at = name.indexOf('@')
  if (at !== -1) {
    digest = name.slice(at + 1)
    name = name.slice(0, at)
    if (!DIGEST.test(digest)) throw new ReferenceError('invalid reference format')
  }
  let tag: string | undefined
  const lastColon = name.lastIndexOf(':')
  if (lastColon > name.lastIndexOf('/')) {
    tag = name.slice(lastColon + 1)
    name = name.slice(0, lastColon)
    if (!TAG.test(tag)) throw new ReferenceError('invalid reference format')
  }
  const components = name.split('/')
  // Only the first of several components may be a host, and only a host may hold capitals.
  const [first, ...rest] = components
  const firstOk = rest.length > 0 ? HOST_COMPONENT.test(first!) || PATH_COMPONENT.test(first!) : PATH_COMPONENT.test(first!)
  const restOk = rest.every((part) => PATH_COMPONENT.test(part))
  if (!firstOk || !restOk) {
    const lowered = rest.length > 0 ? [first, ...rest.map((p) => p.toLowerCase())] : [first!.toLowerCase()]
    const onlyCase = lowered.every((part, i) => (i === 0 && rest.length > 0 ? HOST_COMPONENT.test(part!) || PATH_COMPONENT.test(part!) : PATH_COMPONENT.test(part!)))
    throw new ReferenceError(onlyCase ? 'invalid reference format: repository name must be lowercase' : 'invalid reference format')
  }
  return { name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) }
}

/** What the kubelet sends: the reference as written, with `:latest` added when it has no tag or digest. */
export function withDefaultTag(reference: string): string {
  const ref = parseReference(reference)
  return ref.tag || ref.digest ? reference : `${reference}:latest`
}
