// Mistake: treats a native sidecar (restartPolicy: Always) like any init container that runs and exits.
// Caught by: counts a native sidecar for the whole life of the pod, beside every later init container
import type { Pod } from 'kubernetes-types/core/v1'
import { addResources, containerRequests, maxResources, NO_RESOURCES, podOverhead, type Resources } from '../../../../machinery/api/resources.ts'
export { insufficientResources, namespaceOptionsFor, validatePod } from '../../../../solutions/01-pods/pods.ts'

export function effectiveRequests(pod: Pod): Resources {
  const sum = (pod.spec?.containers ?? []).reduce((s, c) => addResources(s, containerRequests(c)), NO_RESOURCES)
  const initPeak = (pod.spec?.initContainers ?? []).reduce((m, c) => maxResources(m, containerRequests(c)), NO_RESOURCES)
  return addResources(maxResources(sum, initPeak), podOverhead(pod))
}
