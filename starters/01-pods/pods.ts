/**
 * Kata 1 — Pods.
 *
 * You are writing four small pieces of what the API server, the kubelet and the scheduler
 * know about a Pod. Each function gets a parsed `v1` Pod (the same object `kubectl apply`
 * sends) and each has a TODO. Run `npm run kata` and make the specs in pods.spec.ts pass,
 * one at a time. Stuck? Press `h` in the watch loop, or run `npm run kata -- hint pods`.
 *
 * The helpers imported below are provided; you do not need to write any of them.
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
/**
 * The API server's checks, in its order: metadata.name, then every app container, then every
 * init container, then spec.restartPolicy. Return every problem, not just the first.
 */
export function validatePod(pod: Pod): FieldError[] {
  // TODO: metadata.name must be a DNS-1123 subdomain (isDNS1123Subdomain lists the problems).
  // TODO: spec.containers must not be empty: required('spec.containers').
  // TODO: each container needs a name that is a DNS-1123 label, and an image.
  // TODO: no two containers may share a name, across containers and initContainers.
  // TODO: restartPolicy, when set, is one of 'Always', 'OnFailure', 'Never'.
  throw new Error('TODO: validatePod is not written yet')
}
// #endregion validate

// #region namespaces
/**
 * The CRI NamespaceOption the kubelet sends to the runtime for this pod: for the network,
 * PID and IPC namespaces, POD (shared by the pod's containers), CONTAINER (one per container)
 * or NODE (the node's own).
 */
export function namespaceOptionsFor(pod: Pod): NamespaceOption {
  // TODO: look at spec.hostNetwork, spec.hostIPC, spec.hostPID and spec.shareProcessNamespace.
  throw new Error('TODO: namespaceOptionsFor is not written yet')
}
// #endregion namespaces

// #region requests
/**
 * What the scheduler reserves for the whole pod: CPU in millicores, memory in bytes.
 * containerRequests(container) gives one container's requests.
 */
export function effectiveRequests(pod: Pod): Resources {
  // TODO: app containers run together; init containers run one at a time, before them.
  // podLevelRequests(pod) gives what spec.resources asks for the pod as a whole, if anything.
  throw new Error('TODO: effectiveRequests is not written yet')
}
// #endregion requests

// #region fits
/**
 * Why the pod does not fit on the node, as the scheduler words it ("Insufficient cpu"),
 * or [] when it fits.
 */
export function insufficientResources(pod: Pod, node: NodeResources): string[] {
  // TODO: compare the pod's effective requests with what the node has left.
  throw new Error('TODO: insufficientResources is not written yet')
}
// #endregion fits
