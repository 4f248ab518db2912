// Mistake: ignores the image back-off and pulls again on every sync.
// Caught by: does not pull again during the back-off: BackOff, then "Error: ImagePullBackOff"
import { Backoff } from '../../../../machinery/kubelet/backoff.ts'
import { RuntimeManager as Reference, type RuntimeManagerDeps } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

/** A back-off that never says "wait". */
class NeverWaiting extends Backoff {
  override isInBackOffSinceUpdate(): boolean {
    return false
  }
}

export class RuntimeManager extends Reference {
  constructor(deps: RuntimeManagerDeps) {
    super({ ...deps, imageBackOff: new NeverWaiting(deps.now) })
  }
}
