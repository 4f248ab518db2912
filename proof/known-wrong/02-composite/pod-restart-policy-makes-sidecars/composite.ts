// Mistake: takes the pod's restartPolicy: Always to mean that every init container is a sidecar.
// Caught by: makes an init container a sidecar only by its own restartPolicy, not the pod's
import type { Container, Pod } from 'kubernetes-types/core/v1'
export { startPod, stopOrder } from '../../../../solutions/02-composite/composite.ts'

export function startOrder(pod: Pod): string[] {
  const steps: string[] = []
  for (const init of pod.spec?.initContainers ?? []) {
    steps.push(`${init.name} started`)
    // A sidecar keeps running: the next init container starts as soon as it has started.
    // A regular init container must run to completion (exit 0) first.
    if (!isSidecar(init, pod)) steps.push(`${init.name} completed`)
  }
  for (const app of pod.spec?.containers ?? []) steps.push(`${app.name} started`)
  return steps
}

function isSidecar(container: Container, pod: Pod): boolean {
  return (container.restartPolicy ?? pod.spec?.restartPolicy) === 'Always'
}
