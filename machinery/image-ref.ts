/**
 * Image references, normalised the way containerd's CRI plugin does it (distribution's
 * `ParseDockerRef`): a name without a registry is on Docker Hub (`docker.io`), a Docker Hub
 * name without an owner is under `library/`, and no tag means `:latest`.
 *
 *   nginx                       → docker.io/library/nginx:latest
 *   pause:3.9                   → docker.io/library/pause:3.9
 *   registry.k8s.io/pause:3.10  → registry.k8s.io/pause:3.10
 *   localhost:5000/pause:3.9    → localhost:5000/pause:3.9
 */

export class ReferenceError extends Error {
  override name = 'ReferenceError'
}

export interface ImageReference {
  /** The registry host, e.g. `registry.k8s.io`, `docker.io`, `localhost:5000`. */
  domain: string
  /** The repository inside it, e.g. `pause`, `library/nginx`. */
  path: string
  tag?: string
  digest?: string
}

const DOMAIN_DEFAULT = 'docker.io'
const TAG = /^[\w][\w.-]{0,127}$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DIGEST = /^sha256:[a-f0-9]{64}$/

export function parseReference(reference: string): ImageReference {
  if (reference === '' || reference !== reference.trim()) throw new ReferenceError('invalid reference format')
  let rest = reference
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) throw new ReferenceError('invalid reference format')
  }
  let tag: string | undefined
  const lastColon = rest.lastIndexOf(':')
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1)
    rest = rest.slice(0, lastColon)
    if (!TAG.test(tag)) throw new ReferenceError('invalid reference format')
  }
  const slash = rest.indexOf('/')
  const first = slash === -1 ? '' : rest.slice(0, slash)
  // Only a first component that looks like a host (a dot, a port, or localhost) is a registry.
  const hasDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')
  const domain = hasDomain ? first : DOMAIN_DEFAULT
  let path = hasDomain ? rest.slice(slash + 1) : rest
  if (path !== path.toLowerCase()) throw new ReferenceError('invalid reference format: repository name must be lowercase')
  if (!path.split('/').every((part) => PATH_COMPONENT.test(part))) throw new ReferenceError('invalid reference format')
  if (domain === DOMAIN_DEFAULT && !path.includes('/')) path = `library/${path}`
  return { domain, path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) }
}

/** The fully qualified form containerd stores and prints: `docker.io/library/nginx:latest`. */
export function normalizeReference(reference: string): string {
  const ref = parseReference(reference)
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest')
  return `${ref.domain}/${ref.path}${tag ? `:${tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`
}

/** What the kubelet sends: the reference as written, with `:latest` added when it has no tag or digest. */
export function withDefaultTag(reference: string): string {
  const ref = parseReference(reference)
  return ref.tag || ref.digest ? reference : `${reference}:latest`
}
