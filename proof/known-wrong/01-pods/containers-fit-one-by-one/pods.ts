// Mistake: checks each container against the node on its own, instead of the pod as one unit.
// Caught by: does not fit when each container would fit alone but the pod does not: Insufficient cpu
import type { Pod } from 'kubernetes-types/core/v1'
import { containerRequests, RESOURCE_NAMES } from '../../../../machinery/api/resources.ts'
import type { NodeResources } from '../../../../machinery/api/scheduling.ts'
export { effectiveRequests, namespaceOptionsFor, validatePod } from '../../../../solutions/01-pods/pods.ts'

export function insufficientResources(pod: Pod, node: NodeResources): string[] {
  const short = new Set<string>()
  for (const container of pod.spec?.containers ?? []) {
    const wanted = containerRequests(container)
    for (const resource of RESOURCE_NAMES) {
      if (wanted[resource] > node.allocatable[resource] - node.requested[resource]) short.add(resource)
    }
  }
  return RESOURCE_NAMES.filter((r) => short.has(r)).map((r) => `Insufficient ${r}`)
}
