/**
 * Kata 4 — the kubelet's SyncPod. The reference solution.
 *
 * The kubelet's generic runtime manager (k/k pkg/kubelet/kuberuntime) turns "this Pod should
 * run" into CRI calls: make the sandbox, then for each container pull → create → start, and
 * record an event for each step. It never touches a namespace or an image itself; everything
 * goes through `cri`, and everything it knows comes from the runtime's answers.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { CriRuntime, PodSandboxConfig } from '../../machinery/runtime/cri.ts'
import type { EventRecorder } from '../../machinery/kubelet/events.ts'
import { goDuration } from '../../machinery/node/go-format.ts'
import { withDefaultTag } from '../../machinery/images/image-ref.ts'
import type { Backoff } from '../../machinery/kubelet/backoff.ts'
import { generateContainerConfig, generatePodSandboxConfig, podFullName } from '../../machinery/kubelet/pod-configs.ts'
import { findContainerStatus, type RuntimeContainerStatus, type RuntimePodStatus } from '../../machinery/kubelet/runtime-pod-status.ts'
// What the node hands the kubelet, among them chapter 1's and chapter 5's answers.
import type { RuntimeManagerDeps } from '../../machinery/parts.ts'

export type { RuntimeManagerDeps }

/** What one sync will do, decided before doing anything (SyncPod step 1). */
export interface PodActions {
  /** Stop every container and sandbox of the pod first. */
  killPod: boolean
  createSandbox: boolean
  /** The pod's current sandbox: where containers go, or the broken one to replace. '' if none. */
  sandboxId: string
  /** The attempt number of the sandbox: 0 for the first, +1 for each re-creation. */
  attempt: number
  /** Indexes into spec.initContainers to start now. */
  initContainersToStart: number[]
  /** Indexes into spec.containers to start now. */
  containersToStart: number[]
}

/** The outcome of one step of a sync, as the kubelet's PodSyncResult keeps it. */
export interface SyncResult {
  /** `SyncPod`: the sync itself failed (PodSyncResult.SyncError, logged `failed to SyncPod: …`). */
  action: 'KillPod' | 'CreatePodSandbox' | 'StartContainer' | 'SyncPod'
  target: string
  /** The error's name, e.g. `CreatePodSandboxError`, `ErrImagePull`; absent on success. */
  error?: string
  message?: string
}

/** A container that could not be started, and why (its waiting reason). */
export class StartError extends Error {
  override name = 'StartError'
  constructor(
    /** e.g. `ErrImagePull`, `ImagePullBackOff`, `ErrImageNeverPull`, `CreateContainerError`. */
    readonly reason: string,
    message: string,
  ) {
    super(message)
  }
}

export class RuntimeManager {
  /** Per pod and image: the last failed pull, which a back-off's status message repeats. */
  protected readonly lastPullError = new Map<string, string>()

  constructor(protected readonly deps: RuntimeManagerDeps) {}

  // #region compute
  /** SyncPod step 1: compare what the runtime has with what the Pod asks for. */
  computePodActions(pod: Pod, status: RuntimePodStatus): PodActions {
    const spec = pod.spec!
    const initContainers = spec.initContainers ?? []
    const policy = spec.restartPolicy ?? 'Always'
    const { changed, attempt, sandboxId } = this.deps.podSandboxChanged(pod, status)
    const actions: PodActions = {
      killPod: changed,
      createSandbox: changed,
      sandboxId,
      attempt,
      initContainersToStart: [],
      containersToStart: [],
    }
    if (changed) {
      // restartPolicy Never: once the pod's containers have run, a lost sandbox is cleaned up
      // (KillPod), never replaced.
      if (policy === 'Never' && attempt !== 0 && status.containerStatuses.length > 0) {
        actions.createSandbox = false
        return actions
      }
      // OnFailure: app containers that succeeded are done for good.
      const toStart = spec.containers.flatMap((c, i) => (policy === 'OnFailure' && succeeded(status, c.name) ? [] : [i]))
      // Nothing left to run in a pod that got past its init containers: no new sandbox either.
      if (toStart.length === 0 && anyAppContainerCreated(pod, status)) {
        actions.createSandbox = false
        return actions
      }
      // A new sandbox starts the pod over: init containers first, one at a time.
      if (initContainers.length > 0) actions.initContainersToStart = [0]
      else actions.containersToStart = toStart
      return actions
    }
    // The sandbox is fine. Init containers run in order; app containers wait until all are done.
    const initialized = this.computeInitContainerActions(pod, status, actions)
    if (actions.killPod || !initialized) return actions
    let keep = 0
    spec.containers.forEach((container, i) => {
      const current = findContainerStatus(status, container.name)
      if (current?.state === 'running') keep += 1
      else if (shouldContainerBeRestarted(pod, current)) actions.containersToStart.push(i)
    })
    // Nothing runs and nothing will (a finished Never or OnFailure pod): the sandbox goes too.
    if (keep === 0 && actions.containersToStart.length === 0) {
      actions.killPod = true
      actions.initContainersToStart = []
    }
    return actions
  }

  /**
   * computeInitContainerActions: which init containers to start, and whether the pod is
   * initialized. Walked from the last init container back, as the kubelet does, since
   * finished ones may already have been removed; a failed one under restartPolicy Never
   * fails the whole pod (KillPod) instead of being started again.
   */
  protected computeInitContainerActions(pod: Pod, status: RuntimePodStatus, actions: PodActions): boolean {
    const inits = pod.spec?.initContainers ?? []
    if (inits.length === 0) return true
    const restartOnFailure = (pod.spec?.restartPolicy ?? 'Always') !== 'Never'
    // An app container that was created or runs: every init container has run once already.
    let initialized = pod.spec!.containers.some((c) => ['created', 'running'].includes(findContainerStatus(status, c.name)?.state ?? ''))
    let before = initialized // whether the init containers before this one are done
    const toStart: number[] = []
    for (let i = inits.length - 1; i >= 0; i--) {
      const init = inits[i]!
      const sidecar = init.restartPolicy === 'Always'
      const current = findContainerStatus(status, init.name)
      if (!current) {
        if (before && sidecar) toStart.push(i)
        continue
      }
      // Once initialized, only sidecars are kept running.
      if (before && !sidecar) continue
      if (current.state === 'created') {
        toStart.push(i) // its start failed: try again
      } else if (current.state === 'running') {
        // A regular init container is still at work. A sidecar counts as started once it runs
        // and, if it has a startupProbe, once that probe has passed.
        if (sidecar && this.sidecarStarted(init, current.id)) {
          if (i === inits.length - 1) initialized = true
          else if (!before) toStart.push(i + 1)
        }
      } else if (current.state === 'exited' && !sidecar && current.exitCode === 0) {
        if (i === inits.length - 1) initialized = true
        else toStart.push(i + 1)
      } else {
        // Exited (a sidecar always restarts; a regular one only if it failed) or unknown.
        if (!sidecar && !restartOnFailure) {
          actions.killPod = true
          actions.initContainersToStart = []
          return false
        }
        toStart.push(i)
      }
      before = true
    }
    if (!before) toStart.push(0)
    actions.initContainersToStart = toStart.reverse()
    return initialized
  }

  /** The kubelet asks its prober (the startup probe's results, by container id), not the runtime. */
  protected sidecarStarted(init: Container, containerId: string): boolean {
    return !init.startupProbe || this.deps.startupManager?.get(containerId) === 'Success'
  }
  // #endregion compute

  // #region sync
  /** SyncPod: bring the node in line with the Pod, one step after another. */
  syncPod(pod: Pod, status: RuntimePodStatus): SyncResult[] {
    const { cri, recorder } = this.deps
    const actions = this.computePodActions(pod, status)
    const results: SyncResult[] = []

    // Step 1 ends with telling the user when a sandbox is being replaced.
    if (actions.createSandbox && actions.sandboxId) {
      recorder.record('Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.')
    }
    // Step 2: a broken sandbox, or a pod that has finished or failed, takes everything of the pod with it.
    if (actions.killPod && this.killPod(pod, status)) results.push({ action: 'KillPod', target: podFullName(pod) })

    // Step 4: the sandbox, before any container.
    let sandboxId = actions.sandboxId
    const sandboxConfig = generatePodSandboxConfig(pod, actions.attempt, this.deps.namespaceOptionsFor(pod))
    if (actions.createSandbox) {
      try {
        sandboxId = cri.runPodSandbox({ config: sandboxConfig }).podSandboxId
      } catch (error) {
        const message = (error as Error).message
        recorder.record('Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${message}`)
        // Nothing else happens in this sync: no pulls, no containers. The pod worker retries.
        results.push({
          action: 'CreatePodSandbox',
          target: podFullName(pod),
          error: 'CreatePodSandboxError',
          message: `Failed to create sandbox for pod "${podFullName(pod)}": ${message}`,
        })
        return results
      }
      // The new sandbox's IP comes from its status; without it the sync cannot go on.
      try {
        cri.podSandboxStatus({ podSandboxId: sandboxId })
      } catch (error) {
        const message = (error as Error).message
        recorder.record('Warning', 'FailedPodSandBoxStatus', `Unable to get pod sandbox status: ${message}`)
        results.push({ action: 'SyncPod', target: podFullName(pod), error: 'SyncError', message })
        return results
      }
    }

    // Step 6: init containers; a failed one stops the sync here.
    const initContainers = pod.spec?.initContainers ?? []
    for (const i of actions.initContainersToStart) {
      const init = initContainers[i]!
      const result = this.start(pod, init, 'initContainers', sandboxId, sandboxConfig, status)
      results.push(result)
      if (result.error && init.restartPolicy !== 'Always') return results
    }
    // Step 8: app containers; one that fails does not keep the others from starting.
    for (const i of actions.containersToStart) {
      results.push(this.start(pod, pod.spec!.containers[i]!, 'containers', sandboxId, sandboxConfig, status))
    }
    return results
  }
  // #endregion sync

  // #region image
  /**
   * Makes sure the container's image is on the node, honouring imagePullPolicy, and returns
   * the image id. IfNotPresent and Never ask ImageStatus first; Always goes straight to
   * PullImage (since Kubernetes 1.32 the kubelet skips that ImageStatus).
   */
  ensureImageExists(pod: Pod, container: Container, sandboxConfig: PodSandboxConfig): string {
    const { cri, now, imageBackOff } = this.deps
    const event = containerEvent(this.deps.recorder, container, pod)
    const written = container.image ?? ''
    let image: string
    try {
      image = withDefaultTag(written)
    } catch (error) {
      const message = `Failed to apply default image tag "${written}": ${(error as Error).message}`
      event('Warning', 'InspectFailed', message)
      throw new StartError('InvalidImageName', message)
    }
    // The API server has defaulted the policy: Always for :latest, IfNotPresent otherwise.
    const policy = container.imagePullPolicy ?? 'IfNotPresent'
    const present = policy === 'Always' ? null : cri.imageStatus({ image: { image } }).image
    if (present) {
      event('Normal', 'Pulled', `Container image "${written}" already present on machine and can be accessed by the pod`)
      return present.id
    }
    if (policy === 'Never') {
      const message = `Container image "${written}" is not present with pull policy of Never`
      event('Warning', 'ErrImageNeverPull', message)
      throw new StartError('ErrImageNeverPull', message)
    }
    const backOffKey = `${pod.metadata?.uid}_${written}`
    if (imageBackOff.isInBackOffSinceUpdate(backOffKey)) {
      event('Normal', 'BackOff', `Back-off pulling image "${written}"`)
      // The pod's status says why it is backing off: the last pull's error.
      throw new StartError('ImagePullBackOff', `Back-off pulling image "${written}": ${this.lastPullError.get(backOffKey) ?? ''}`)
    }
    event('Normal', 'Pulling', `Pulling image "${written}"`)
    const started = now()
    let imageRef: string
    try {
      imageRef = cri.pullImage({ image: { image }, sandboxConfig }).imageRef
    } catch (error) {
      const message = (error as Error).message
      event('Warning', 'Failed', `Failed to pull image "${written}": ${message}`)
      imageBackOff.next(backOffKey)
      this.lastPullError.set(backOffKey, `ErrImagePull: ${message}`)
      throw new StartError('ErrImagePull', message)
    }
    const took = goDuration(now() - started)
    // The size comes from one more ImageStatus, as the kubelet's image puller asks it.
    const size = cri.imageStatus({ image: { image } }).image?.size ?? '0'
    event('Normal', 'Pulled', `Successfully pulled image "${written}" in ${took} (${took} including waiting). Image size: ${size} bytes.`)
    return imageRef
  }
  // #endregion image

  // #region start
  /** startContainer: pull, create, start — each step an event, each failure a reason. */
  startContainer(pod: Pod, container: Container, kind: ContainerKind, sandboxId: string, sandboxConfig: PodSandboxConfig, restartCount: number): void {
    const { cri } = this.deps
    const event = containerEvent(this.deps.recorder, container, pod, kind)
    let imageRef: string
    try {
      imageRef = this.ensureImageExists(pod, container, sandboxConfig)
    } catch (error) {
      if (error instanceof StartError) event('Warning', 'Failed', `Error: ${error.reason}`)
      throw error
    }
    const config = generateContainerConfig(cri, pod, container, restartCount, imageRef, this.deps.namespaceOptionsFor(pod))
    let containerId: string
    try {
      containerId = cri.createContainer({ podSandboxId: sandboxId, config, sandboxConfig }).containerId
    } catch (error) {
      const desc = grpcDesc(error)
      event('Warning', 'Failed', `Error: ${desc}`)
      throw new StartError('CreateContainerError', desc)
    }
    // Since Kubernetes 1.35 the message leaves the name out: the event's field path names the container.
    event('Normal', 'Created', 'Container created')
    try {
      cri.startContainer({ containerId })
    } catch (error) {
      const desc = grpcDesc(error)
      event('Warning', 'Failed', `Error: ${desc}`)
      throw new StartError('RunContainerError', desc)
    }
    event('Normal', 'Started', 'Container started')
  }
  // #endregion start

  /** Starts one container unless it is backing off after a crash; the sync result either way. */
  protected start(pod: Pod, container: Container, kind: ContainerKind, sandboxId: string, sandboxConfig: PodSandboxConfig, status: RuntimePodStatus): SyncResult {
    const result: SyncResult = { action: 'StartContainer', target: container.name }
    const previous = findContainerStatus(status, container.name)
    // A container in the new sandbox after SandboxChanged is not a crash: no back-off.
    const crashed = previous?.state === 'exited' && previous.podSandboxId === sandboxId
    try {
      if (crashed) this.backOffAfterCrash(pod, container, previous.finishedAt)
      const restartCount = previous ? previous.restartCount + 1 : 0
      this.startContainer(pod, container, kind, sandboxId, sandboxConfig, restartCount)
      return result
    } catch (error) {
      if (!(error instanceof StartError)) throw error
      return { ...result, error: error.reason, message: error.message }
    }
  }

  /** doBackOff: a container that keeps crashing waits 10 s, 20 s, 40 s … up to 5 min. */
  protected backOffAfterCrash(pod: Pod, container: Container, finishedAt: number): void {
    const { containerBackOff, recorder } = this.deps
    const key = `${podFullName(pod)}_${container.name}`
    if (containerBackOff.isInBackOffSince(key, finishedAt)) {
      recorder.record('Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${podFullName(pod)}`, {
        fieldPath: fieldPath(pod, container),
      })
      throw new StartError(
        'CrashLoopBackOff',
        `back-off ${goDuration(containerBackOff.get(key))} restarting failed container=${container.name} pod=${podFullName(pod)}`,
      )
    }
    containerBackOff.next(key, finishedAt)
  }

  /**
   * Stops every running container of the pod, then every sandbox (killPodWithSyncResult).
   * Whether anything was still running: a container, or a ready sandbox.
   */
  protected killPod(pod: Pod, status: RuntimePodStatus): boolean {
    const { cri } = this.deps
    const grace = pod.spec?.terminationGracePeriodSeconds ?? 30
    for (const container of status.containerStatuses.filter((c) => c.state === 'running')) {
      const spec = allContainers(pod).find((c) => c.name === container.name)
      if (spec) containerEvent(this.deps.recorder, spec, pod)('Normal', 'Killing', `Stopping container ${container.name}`)
      cri.stopContainer({ containerId: container.id, timeout: grace })
    }
    for (const sandbox of status.sandboxStatuses) cri.stopPodSandbox({ podSandboxId: sandbox.id })
    return status.containerStatuses.some((c) => c.state === 'running') || status.sandboxStatuses.some((s) => s.state === 'SANDBOX_READY')
  }
}

type ContainerKind = 'initContainers' | 'containers'

/**
 * ShouldContainerBeRestarted: a container never started, or left created or unknown, starts;
 * one that exited restarts as restartPolicy says — Always anything, OnFailure a non-zero
 * exit, Never nothing.
 */
function shouldContainerBeRestarted(pod: Pod, current: RuntimeContainerStatus | undefined): boolean {
  if (!current) return true
  if (current.state === 'running') return false
  if (current.state === 'created' || current.state === 'unknown') return true
  const policy = pod.spec?.restartPolicy ?? 'Always'
  return policy === 'Always' || (policy === 'OnFailure' && current.exitCode !== 0)
}

function succeeded(status: RuntimePodStatus, name: string): boolean {
  const current = findContainerStatus(status, name)
  return current?.state === 'exited' && current.exitCode === 0
}

/** hasAnyRegularContainerCreated: an app container exists, so the init containers ran once. */
function anyAppContainerCreated(pod: Pod, status: RuntimePodStatus): boolean {
  return pod.spec!.containers.some((c) => ['created', 'running', 'exited'].includes(findContainerStatus(status, c.name)?.state ?? ''))
}

function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
}

function fieldPath(pod: Pod, container: Container, kind?: ContainerKind): string {
  const list = kind ?? ((pod.spec?.initContainers ?? []).includes(container) ? 'initContainers' : 'containers')
  return `spec.${list}{${container.name}}`
}

/** An event about one container: kubectl ≥ 1.35 shows which one by its field path. */
function containerEvent(recorder: EventRecorder, container: Container, pod: Pod, kind?: ContainerKind) {
  return (type: 'Normal' | 'Warning', reason: string, message: string) =>
    recorder.record(type, reason, message, { fieldPath: fieldPath(pod, container, kind) })
}

/** The runtime's own text of a gRPC error (status.Message()): what `Error: %v` shows. */
function grpcDesc(error: unknown): string {
  const e = error as { desc?: string; message?: string }
  return e.desc ?? e.message ?? String(error)
}
