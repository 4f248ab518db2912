// Mistake: stops the sidecars after the app containers, but in the order they are declared.
// Caught by: stops the sidecars after the app containers, one at a time, the last declared first
import type { Container, Pod } from 'kubernetes-types/core/v1'
export { startOrder, startPod } from '../../../../solutions/02-composite/composite.ts'

export function stopOrder(pod: Pod): string[][] {
  // Regular init containers completed long ago; only app containers and sidecars are running.
  const apps = (pod.spec?.containers ?? []).map((c) => c.name)
  const sidecars = (pod.spec?.initContainers ?? []).filter(isSidecar).map((c) => c.name)
  // The app containers together, then each sidecar alone, in the order of the spec.
  return [apps, ...sidecars.map((name) => [name])]
}

function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always'
}
