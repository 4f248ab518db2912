// Mistake: stops at the first problem, so a user fixes one error per kubectl apply.
// Caught by: reports every problem at once, not just the first
import type { Pod } from 'kubernetes-types/core/v1'
import type { FieldError } from '../../../../machinery/api/field-errors.ts'
import { validatePod as reference } from '../../../../solutions/01-pods/pods.ts'
export { effectiveRequests, insufficientResources, namespaceOptionsFor } from '../../../../solutions/01-pods/pods.ts'

export function validatePod(pod: Pod): FieldError[] {
  return reference(pod).slice(0, 1)
}
