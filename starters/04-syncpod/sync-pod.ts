/**
 * Kata 4 — the kubelet's SyncPod. Your file.
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
import { findContainerStatus, type RuntimePodStatus } from '../../machinery/kubelet/runtime-pod-status.ts'
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
    // TODO: this.deps.podSandboxChanged(pod, status) (chapter 5's answer) says whether the sandbox
    //       must change, and with which attempt; then killPod and createSandbox follow it, except:
    //       - restartPolicy Never, attempt > 0 and containers have run: kill the pod, no new sandbox;
    //       - nothing left to start (OnFailure skips app containers that exited 0) in a pod whose
    //         app containers were created: no new sandbox either.
    //       A new sandbox starts the pod over: only the first init container, or — without init
    //       containers — the app containers.
    // TODO: with a good sandbox, the init containers, walked from the LAST one back (finished ones
    //       may have been removed): a regular one that exited 0 lets the next start; one that
    //       failed starts again — or, under restartPolicy Never, kills the pod (killPod, nothing to
    //       start). A native sidecar (restartPolicy: Always) lets the next start once it runs and,
    //       with a startupProbe, once this.deps.startupManager?.get(id) === 'Success'.
    // TODO: once initialized, the app containers that do not run and that restartPolicy lets
    //       restart (a container left created or unknown always starts). Nothing running and
    //       nothing to start: killPod.
    throw new Error('TODO: computePodActions is not written yet')
  }
  // #endregion compute

  // #region sync
  /** SyncPod: bring the node in line with the Pod, one step after another. */
  syncPod(pod: Pod, status: RuntimePodStatus): SyncResult[] {
    // TODO: step 1: computePodActions. Step 2: killPod if asked (this.killPod is provided).
    // TODO: step 1 ends with SandboxChanged (Normal) when a sandbox is replaced, not the first one.
    // TODO: step 4: RunPodSandbox with generatePodSandboxConfig(pod, attempt,
    //       this.deps.namespaceOptionsFor(pod)) (chapter 1's answer). If it fails: the
    //       FailedCreatePodSandBox event and a CreatePodSandboxError result, and nothing else in
    //       this sync. Then PodSandboxStatus; if that fails: FailedPodSandBoxStatus (Warning), a
    //       failed result, and again nothing else.
    // TODO: step 6: the init containers to start; step 8: the app containers. this.start(...)
    //       (provided) starts one and returns its SyncResult.
    throw new Error('TODO: syncPod is not written yet')
  }
  // #endregion sync

  // #region image
  /**
   * Makes sure the container's image is on the node, honouring imagePullPolicy, and returns
   * the image id. ImageStatus always comes first; PullImage only when the policy says so.
   */
  ensureImageExists(pod: Pod, container: Container, sandboxConfig: PodSandboxConfig): string {
    // TODO: the image with a default tag (withDefaultTag). IfNotPresent and Never ask ImageStatus
    //       first; Always does not ask.
    // TODO: present: no pull (Pulled, already present). Absent with Never: ErrImageNeverPull.
    // TODO: in back-off since the last failed pull? BackOff event, ImagePullBackOff.
    // TODO: otherwise Pulling, PullImage, then Pulled with the time it took and the size
    //       ImageStatus reports; a failed pull is a Failed event, a back-off step, ErrImagePull.
    throw new Error('TODO: ensureImageExists is not written yet')
  }
  // #endregion image

  // #region start
  /** startContainer: pull, create, start — each step an event, each failure a reason. */
  startContainer(pod: Pod, container: Container, kind: ContainerKind, sandboxId: string, sandboxConfig: PodSandboxConfig, restartCount: number): void {
    // TODO: ensureImageExists, then CreateContainer (generateContainerConfig(cri, …,
    //       this.deps.namespaceOptionsFor(pod))), then StartContainer. An event after each step.
    //       A failure is a Failed event "Error: <the pull's reason, or the runtime's own text:
    //       grpcDesc(error)>" and a StartError whose reason says which step failed:
    //       CreateContainerError, RunContainerError.
    throw new Error('TODO: startContainer is not written yet')
  }
  // #endregion start

  /** Starts one container unless it is backing off after a crash; the sync result either way. */
  private start(pod: Pod, container: Container, kind: ContainerKind, sandboxId: string, sandboxConfig: PodSandboxConfig, status: RuntimePodStatus): SyncResult {
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
  private backOffAfterCrash(pod: Pod, container: Container, finishedAt: number): void {
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

  /** Stops every running container of the pod, then every sandbox (killPodWithSyncResult). */
  private killPod(pod: Pod, status: RuntimePodStatus): void {
    const { cri } = this.deps
    const grace = pod.spec?.terminationGracePeriodSeconds ?? 30
    for (const container of status.containerStatuses.filter((c) => c.state === 'running')) {
      const spec = allContainers(pod).find((c) => c.name === container.name)
      if (spec) containerEvent(this.deps.recorder, spec, pod)('Normal', 'Killing', `Stopping container ${container.name}`)
      cri.stopContainer({ containerId: container.id, timeout: grace })
    }
    for (const sandbox of status.sandboxStatuses) cri.stopPodSandbox({ podSandboxId: sandbox.id })
  }
}

type ContainerKind = 'initContainers' | 'containers'

/** restartPolicy: Always restarts anything; OnFailure only a non-zero exit; Never nothing. */
function shouldRestart(pod: Pod, exitCode: number): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always'
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0)
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
