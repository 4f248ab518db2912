// Mistake: counts every native sidecar beside every regular init container, even those that finish before the sidecar starts.
// Caught by: does not count a sidecar beside the init containers that run before it starts
import type { Pod } from 'kubernetes-types/core/v1'
import { addResources, containerRequests, maxResources, NO_RESOURCES, podOverhead, type Resources } from '../../../../machinery/api/resources.ts'
export { insufficientResources, namespaceOptionsFor, validatePod } from '../../../../solutions/01-pods/pods.ts'

export function effectiveRequests(pod: Pod): Resources {
  const inits = pod.spec?.initContainers ?? []
  const sidecars = inits.filter((c) => c.restartPolicy === 'Always').reduce((s, c) => addResources(s, containerRequests(c)), NO_RESOURCES)
  const apps = (pod.spec?.containers ?? []).reduce((s, c) => addResources(s, containerRequests(c)), NO_RESOURCES)
  const initPeak = inits
    .filter((c) => c.restartPolicy !== 'Always')
    .reduce((m, c) => maxResources(m, addResources(containerRequests(c), sidecars)), sidecars)
  return addResources(maxResources(addResources(apps, sidecars), initPeak), podOverhead(pod))
}
