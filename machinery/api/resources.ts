/**
 * CPU and memory amounts as plain numbers, so that pod-level arithmetic reads like arithmetic.
 * Provided machinery: learners use these helpers in the Pods kata.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { toMillicores, toUnits } from './quantity.ts'

export type ResourceName = 'cpu' | 'memory'
export const RESOURCE_NAMES: readonly ResourceName[] = ['cpu', 'memory']

/** CPU in millicores, memory in bytes. */
export interface Resources {
  cpu: number
  memory: number
}

export const NO_RESOURCES: Readonly<Resources> = Object.freeze({ cpu: 0, memory: 0 })

export function addResources(a: Resources, b: Resources): Resources {
  return { cpu: a.cpu + b.cpu, memory: a.memory + b.memory }
}

/** Per resource, the larger of the two: CPU and memory are compared separately. */
export function maxResources(a: Resources, b: Resources): Resources {
  return { cpu: Math.max(a.cpu, b.cpu), memory: Math.max(a.memory, b.memory) }
}

type Quantities = Record<string, string | number> | undefined

function fromQuantities(quantities: Quantities): Resources {
  return {
    cpu: quantities?.cpu === undefined ? 0 : toMillicores(quantities.cpu),
    memory: quantities?.memory === undefined ? 0 : toUnits(quantities.memory),
  }
}

/**
 * What one container asks for. A resource with a limit but no request gets the limit as its
 * request: the API server applies that default when the Pod is created
 * (SetDefaults_Pod in k8s.io/kubernetes pkg/apis/core/v1/defaults.go).
 */
export function containerRequests(container: Container): Resources {
  const requests = container.resources?.requests
  const limits = container.resources?.limits
  const defaulted: Record<string, string | number> = { ...limits, ...requests }
  return fromQuantities(defaulted)
}

/**
 * The pod-level requests of `spec.resources` (PodLevelResources: alpha in 1.32, beta and on by
 * default since 1.34), only for the resources the pod names; a pod-level limit without a request
 * counts as the request, as for containers. When set, the scheduler takes these instead of the
 * containers' total for that resource (k8s.io/component-helpers resource.PodRequests,
 * applyPodLevelResources). kubernetes-types 1.30 has no such field, hence the cast.
 */
export function podLevelRequests(pod: Pod): Partial<Resources> {
  const resources = (pod.spec as { resources?: Container['resources'] } | undefined)?.resources
  const quantities: Record<string, string | number> = { ...resources?.limits, ...resources?.requests }
  const found = fromQuantities(quantities)
  return {
    ...(quantities.cpu !== undefined ? { cpu: found.cpu } : {}),
    ...(quantities.memory !== undefined ? { memory: found.memory } : {}),
  }
}

/** The pod's `spec.overhead`: what the RuntimeClass says the sandbox itself costs. */
export function podOverhead(pod: Pod): Resources {
  return fromQuantities(pod.spec?.overhead)
}

/** "cpu: 250m, memory: 64Mi" — the way a reader would write the amounts in a manifest. */
export function formatResources(resources: Resources): string {
  return `cpu: ${resources.cpu}m, memory: ${formatBytes(resources.memory)}`
}

function formatBytes(bytes: number): string {
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`
  }
  return String(bytes)
}
