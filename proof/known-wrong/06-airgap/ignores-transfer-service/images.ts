// Mistake: words every pull the containerd 1.x way, even where 2.1+ pulls through the transfer service.
// Caught by: containerd 2.2 pulls through the transfer service: failed to resolve image, without the name
import { GoError, wrap, type Manifest } from '../../../../machinery/images/registry.ts'
import type { RuntimeProfile } from '../../../../machinery/runtime/runtime-profiles.ts'
import type { Resolver } from '../../../../solutions/06-airgap/images.ts'

export * from '../../../../solutions/06-airgap/images.ts'

export function pullImage(normalized: string, resolver: Resolver, _profile: RuntimeProfile): Manifest {
  try {
    return resolver.resolve(normalized)
  } catch (error) {
    if (!(error instanceof GoError)) throw error
    throw wrap(`failed to pull and unpack image "${normalized}"`, wrap(`failed to resolve reference "${normalized}"`, error))
  }
}
