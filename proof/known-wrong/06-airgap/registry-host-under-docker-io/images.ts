// Mistake: only a port or localhost marks a registry host, so registry.k8s.io/pause lands under docker.io.
// Caught by: keeps a name whose first part is a registry host — a dot, a port or localhost — as it is
import { parseReference } from '../../../../machinery/images/image-ref.ts'

export * from '../../../../solutions/06-airgap/images.ts'

export function normalizeReference(reference: string): string {
  const { name, tag, digest } = parseReference(reference)
  const slash = name.indexOf('/')
  const first = slash === -1 ? '' : name.slice(0, slash)
  const isHost = first === 'localhost' || first.includes(':')
  const domain = isHost ? first : 'docker.io'
  let path = isHost ? name.slice(slash + 1) : name
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`
  return digest ? `${domain}/${path}@${digest}` : `${domain}/${path}:${tag ?? 'latest'}`
}
