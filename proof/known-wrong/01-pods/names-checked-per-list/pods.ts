// Mistake: looks for duplicate names within containers and within initContainers, but not across the two.
// Caught by: rejects an init container that reuses an app container name, on the init container
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { duplicate, invalid, notSupported, required, type FieldError } from '../../../../machinery/api/field-errors.ts'
import { isDNS1123Label, isDNS1123Subdomain } from '../../../../machinery/api/names.ts'
export { effectiveRequests, insufficientResources, namespaceOptionsFor } from '../../../../solutions/01-pods/pods.ts'

export function validatePod(pod: Pod): FieldError[] {
  const errors: FieldError[] = []
  const name = pod.metadata?.name ?? ''
  if (!name) errors.push(required('metadata.name', 'name or generateName is required'))
  errors.push(...isDNS1123Subdomain(name).map((p) => invalid('metadata.name', name, p)))
  const containers = pod.spec?.containers ?? []
  if (containers.length === 0) errors.push(required('spec.containers'))
  errors.push(...checkList(containers, 'spec.containers'))
  errors.push(...checkList(pod.spec?.initContainers ?? [], 'spec.initContainers'))
  const policy = pod.spec?.restartPolicy
  if (policy && !['Always', 'OnFailure', 'Never'].includes(policy)) {
    errors.push(notSupported('spec.restartPolicy', policy, ['Always', 'OnFailure', 'Never']))
  }
  return errors
}

function checkList(list: Container[], path: string): FieldError[] {
  const seen = new Set<string>()
  return list.flatMap((c, i) => {
    const errors: FieldError[] = []
    if (!c.name) errors.push(required(`${path}[${i}].name`))
    else errors.push(...isDNS1123Label(c.name).map((p) => invalid(`${path}[${i}].name`, c.name, p)))
    if (!c.image) errors.push(required(`${path}[${i}].image`))
    if (seen.has(c.name)) errors.push(duplicate(`${path}[${i}].name`, c.name))
    seen.add(c.name)
    return errors
  })
}
