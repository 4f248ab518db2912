/**
 * Kata 1 — Pods. The reference solution.
 *
 * Four things the API server, the kubelet and the scheduler each know about a Pod:
 * whether it is valid, which namespaces its containers share, how much it asks for as a
 * whole, and whether it fits on a node as one unit.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { NamespaceOption } from '../../machinery/runtime/cri.ts'
import { duplicate, invalid, notSupported, required, type FieldError } from '../../machinery/api/field-errors.ts'
import { isDNS1123Label, isDNS1123Subdomain } from '../../machinery/api/names.ts'
import {
  addResources,
  containerRequests,
  maxResources,
  NO_RESOURCES,
  podLevelRequests,
  podOverhead,
  RESOURCE_NAMES,
  type Resources,
} from '../../machinery/api/resources.ts'
import type { NodeResources } from '../../machinery/api/scheduling.ts'

// #region validate
export function validatePod(pod: Pod): FieldError[] {
  const errors: FieldError[] = []
  const name = pod.metadata?.name
  if (!name) errors.push(required('metadata.name', 'name or generateName is required'))
  else errors.push(...isDNS1123Subdomain(name).map((problem) => invalid('metadata.name', name, problem)))

  const containers = pod.spec?.containers ?? []
  const initContainers = pod.spec?.initContainers ?? []
  // One set of names for both lists: an init container may not reuse an app container's name.
  const names = new Set<string>()
  if (containers.length === 0) errors.push(required('spec.containers'))
  containers.forEach((c, i) => errors.push(...validateContainer(c, `spec.containers[${i}]`, names)))
  initContainers.forEach((c, i) => errors.push(...validateContainer(c, `spec.initContainers[${i}]`, names)))

  const restartPolicy = pod.spec?.restartPolicy
  if (restartPolicy !== undefined && !RESTART_POLICIES.includes(restartPolicy)) {
    errors.push(notSupported('spec.restartPolicy', restartPolicy, RESTART_POLICIES))
  }
  return errors
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']

function validateContainer(container: Container, path: string, names: Set<string>): FieldError[] {
  const errors: FieldError[] = []
  const name = container.name
  if (!name) errors.push(required(`${path}.name`))
  else errors.push(...isDNS1123Label(name).map((problem) => invalid(`${path}.name`, name, problem)))
  if (!container.image) errors.push(required(`${path}.image`))
  if (name && names.has(name)) errors.push(duplicate(`${path}.name`, name))
  else if (name) names.add(name)
  return errors
}
// #endregion validate

// #region namespaces
export function namespaceOptionsFor(pod: Pod): NamespaceOption {
  const spec = pod.spec
  return {
    network: spec?.hostNetwork ? 'NODE' : 'POD',
    // Unlike network and IPC, PID is private to each container unless the pod asks to share it.
    pid: spec?.hostPID ? 'NODE' : spec?.shareProcessNamespace ? 'POD' : 'CONTAINER',
    ipc: spec?.hostIPC ? 'NODE' : 'POD',
  }
}
// #endregion namespaces

// #region requests
export function effectiveRequests(pod: Pod): Resources {
  const appContainers = (pod.spec?.containers ?? []).reduce(
    (sum, container) => addResources(sum, containerRequests(container)),
    NO_RESOURCES,
  )
  let whileRunning = appContainers
  let sidecars = NO_RESOURCES
  let initPeak = NO_RESOURCES
  for (const init of pod.spec?.initContainers ?? []) {
    const requests = containerRequests(init)
    if (init.restartPolicy === 'Always') {
      // A native sidecar starts during init and keeps running beside the app containers.
      sidecars = addResources(sidecars, requests)
      whileRunning = addResources(whileRunning, requests)
      initPeak = maxResources(initPeak, sidecars)
    } else {
      // A regular init container runs alone, next to the sidecars started before it.
      initPeak = maxResources(initPeak, addResources(requests, sidecars))
    }
  }
  // Pod-level requests (spec.resources), where the pod sets them, replace the containers' total.
  const containersTotal = maxResources(whileRunning, initPeak)
  return addResources({ ...containersTotal, ...podLevelRequests(pod) }, podOverhead(pod))
}
// #endregion requests

// #region fits
export function insufficientResources(pod: Pod, node: NodeResources): string[] {
  const wanted = effectiveRequests(pod)
  return RESOURCE_NAMES.filter((resource) => {
    const free = node.allocatable[resource] - node.requested[resource]
    return wanted[resource] > 0 && wanted[resource] > free
  }).map((resource) => `Insufficient ${resource}`)
}
// #endregion fits
