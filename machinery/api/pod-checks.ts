/**
 * The API server's validation of the parts of a Pod that kata 1 does not ask the learner to
 * check (its validatePod covers names, images and restartPolicy): volume names, ports,
 * resource amounts, image pull policies, volume mounts, init containers' restartPolicy, the namespace, and the
 * values the schema enumerates. Messages follow k/k pkg/apis/core/validation/validation.go.
 * Provided machinery: the node runs these beside the kata's validatePod.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { duplicate, invalid, notFound, notSupported, required, type FieldError } from './field-errors.ts'
import { isDNS1123Label } from './names.ts'
import { parseQuantity, QuantityError } from './quantity.ts'
import { enumErrors } from './pod-decoding.ts'

export function apiChecks(pod: Pod): FieldError[] {
  const errors: FieldError[] = []
  const namespace = pod.metadata?.namespace
  if (namespace !== undefined && namespace !== '') {
    errors.push(...isDNS1123Label(namespace).map((problem) => invalid('metadata.namespace', namespace, problem)))
  }
  errors.push(...volumeChecks(pod))
  const volumes = new Set((pod.spec?.volumes ?? []).map((v) => v.name))
  ;(pod.spec?.containers ?? []).forEach((c, i) => errors.push(...containerChecks(c, `spec.containers[${i}]`, volumes)))
  ;(pod.spec?.initContainers ?? []).forEach((c, i) => {
    const path = `spec.initContainers[${i}]`
    errors.push(...containerChecks(c, path, volumes))
    // Only a native sidecar may set it, and Always is all it may say.
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') errors.push(notSupported(`${path}.restartPolicy`, c.restartPolicy, ['Always']))
  })
  errors.push(...enumErrors(pod))
  return errors
}

/** ValidateVolumes: every volume needs a name that is a DNS label, once per pod. */
function volumeChecks(pod: Pod): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  ;(pod.spec?.volumes ?? []).forEach((volume, i) => {
    const at = `spec.volumes[${i}].name`
    if (!volume.name) errors.push(required(at))
    else {
      errors.push(...isDNS1123Label(volume.name).map((problem) => invalid(at, volume.name, problem)))
      if (seen.has(volume.name)) errors.push(duplicate(at, volume.name))
    }
    seen.add(volume.name)
  })
  return errors
}

/**
 * Where a field's errors come in the API server's list: ValidatePod checks the metadata, then
 * ValidatePodSpec the volumes (and resource claims) before the containers, then the init
 * containers, then the rest of the spec. Kata 1's errors and these are merged in this order.
 */
export function validationRank(field: string): number {
  if (field.startsWith('metadata')) return 0
  if (field.startsWith('spec.volumes') || field.startsWith('spec.resourceClaims')) return 1
  if (field.startsWith('spec.containers')) return 2
  if (field.startsWith('spec.initContainers')) return 3
  return 4
}

function containerChecks(container: Container, path: string, volumes: Set<string>): FieldError[] {
  const errors: FieldError[] = []
  ;(container.ports ?? []).forEach((port, i) => {
    const at = `${path}.ports[${i}]`
    if (!port.containerPort) errors.push(required(`${at}.containerPort`))
    else if (!isPortNumber(port.containerPort)) errors.push(invalid(`${at}.containerPort`, port.containerPort, PORT_RANGE))
    if (port.hostPort && !isPortNumber(port.hostPort)) errors.push(invalid(`${at}.hostPort`, port.hostPort, PORT_RANGE))
  })
  ;(container.volumeMounts ?? []).forEach((mount, i) => {
    const at = `${path}.volumeMounts[${i}]`
    if (!mount.name) errors.push(required(`${at}.name`))
    else if (!volumes.has(mount.name)) errors.push(notFound(`${at}.name`, mount.name))
    if (!mount.mountPath) errors.push(required(`${at}.mountPath`))
  })
  errors.push(...resourceChecks(container, `${path}.resources`))
  return errors
}

const PORT_RANGE = 'must be between 1 and 65535, inclusive'

function isPortNumber(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535
}

/** Every amount at least 0, and no request above its limit. */
function resourceChecks(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = []
  const amounts = (kind: 'limits' | 'requests') => {
    const parsed = new Map<string, number>()
    for (const [name, quantity] of Object.entries(container.resources?.[kind] ?? {})) {
      const at = `${path}.${kind}[${name}]`
      let value: number
      try {
        value = parseQuantity(quantity)
      } catch (error) {
        if (!(error instanceof QuantityError)) throw error
        errors.push(invalid(at, String(quantity), error.message))
        continue
      }
      if (value < 0) errors.push(invalid(at, String(quantity), 'must be greater than or equal to 0'))
      parsed.set(name, value)
    }
    return parsed
  }
  const limits = amounts('limits')
  const requests = amounts('requests')
  for (const [name, request] of requests) {
    const limit = limits.get(name)
    if (limit !== undefined && request > limit) {
      const shown = String(container.resources!.requests![name])
      errors.push(invalid(`${path}.requests`, shown, `must be less than or equal to ${name} limit of ${String(container.resources!.limits![name])}`))
    }
  }
  return errors
}
