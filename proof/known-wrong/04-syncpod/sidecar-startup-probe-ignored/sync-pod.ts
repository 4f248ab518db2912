// Mistake: counts a native sidecar as started as soon as it runs, ignoring its startupProbe.
// Caught by: a sidecar with a startupProbe lets the next init container start only once the probe has passed
import { RuntimeManager as Reference } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

export class RuntimeManager extends Reference {
  protected override sidecarStarted(): boolean {
    return true
  }
}
