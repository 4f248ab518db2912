// Mistake: adds init containers to the sum, as if they ran beside the app containers.
// Caught by: uses the largest init container when it asks for more than the app containers together
import type { Pod } from 'kubernetes-types/core/v1'
import { addResources, containerRequests, NO_RESOURCES, podOverhead, type Resources } from '../../../../machinery/api/resources.ts'
export { insufficientResources, namespaceOptionsFor, validatePod } from '../../../../solutions/01-pods/pods.ts'

export function effectiveRequests(pod: Pod): Resources {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
  return addResources(all.reduce((sum, c) => addResources(sum, containerRequests(c)), NO_RESOURCES), podOverhead(pod))
}
