// Mistake: treats a sidecar like any init container: waits for it to complete before the next one starts.
// Caught by: starts the next init container as soon as a sidecar has started, without waiting for it to exit
import type { Pod } from 'kubernetes-types/core/v1'
export { startPod, stopOrder } from '../../../../solutions/02-composite/composite.ts'

export function startOrder(pod: Pod): string[] {
  const steps: string[] = []
  for (const init of pod.spec?.initContainers ?? []) {
    steps.push(`${init.name} started`)
    // Every init container, sidecar or not, must finish before the next one starts.
    steps.push(`${init.name} completed`)
  }
  for (const app of pod.spec?.containers ?? []) steps.push(`${app.name} started`)
  return steps
}
