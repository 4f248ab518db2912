// Mistake: replaces a broken sandbox without recording SandboxChanged, so `kubectl describe` never says why the pod restarted.
// Caught by: records SandboxChanged before it stops anything, then runs the next attempt
import { RuntimeManager as Reference, type RuntimeManagerDeps } from '../../../../solutions/04-syncpod/sync-pod.ts'
import type { EventRecorder } from '../../../../machinery/kubelet/events.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

/** The node's recorder, minus SandboxChanged. (computePodActions specs pass no recorder at all.) */
function withoutSandboxChanged(deps: RuntimeManagerDeps): RuntimeManagerDeps {
  if (!deps.recorder) return deps
  const recorder: EventRecorder = Object.create(deps.recorder)
  recorder.record = (...args: Parameters<EventRecorder['record']>) => {
    if (args[1] !== 'SandboxChanged') deps.recorder.record(...args)
  }
  return { ...deps, recorder }
}

export class RuntimeManager extends Reference {
  constructor(deps: RuntimeManagerDeps) {
    super(withoutSandboxChanged(deps))
  }
}
