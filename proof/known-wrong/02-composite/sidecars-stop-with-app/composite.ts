// Mistake: stops the sidecars together with the app containers, so an app may lose its proxy while it shuts down.
// Caught by: stops the sidecars after the app containers, one at a time, the last declared first
import type { Container, Pod } from 'kubernetes-types/core/v1'
export { startOrder, startPod } from '../../../../solutions/02-composite/composite.ts'

export function stopOrder(pod: Pod): string[][] {
  // Regular init containers completed long ago; only app containers and sidecars are running.
  const apps = (pod.spec?.containers ?? []).map((c) => c.name)
  const sidecars = (pod.spec?.initContainers ?? []).filter(isSidecar).map((c) => c.name)
  // Everything that runs stops at once.
  return [[...apps, ...sidecars]]
}

function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always'
}
