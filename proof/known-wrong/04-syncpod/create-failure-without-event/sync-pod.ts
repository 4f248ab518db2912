// Mistake: turns a failed CreateContainer into CreateContainerError but records no "Failed" event, so describe shows nothing.
// Caught by: a CreateContainer failure: Failed "Error: <the runtime's text>" on the container, CreateContainerError, the others still start
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { PodSandboxConfig } from '../../../../machinery/runtime/cri.ts'
import type { GrpcError } from '../../../../machinery/runtime/grpc.ts'
import { generateContainerConfig } from '../../../../machinery/kubelet/pod-configs.ts'
import { RuntimeManager as Reference, StartError } from '../../../../solutions/04-syncpod/sync-pod.ts'

export * from '../../../../solutions/04-syncpod/sync-pod.ts'

type Kind = Parameters<Reference['startContainer']>[2]

export class RuntimeManager extends Reference {
  override startContainer(pod: Pod, container: Container, kind: Kind, sandboxId: string, sandboxConfig: PodSandboxConfig, restartCount: number): void {
    const { cri, recorder } = this.deps
    const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      recorder.record(type, reason, message, { fieldPath: `spec.${kind}{${container.name}}` })
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
      throw new StartError('CreateContainerError', (error as GrpcError).desc) // no event
    }
    event('Normal', 'Created', 'Container created')
    try {
      cri.startContainer({ containerId })
    } catch (error) {
      event('Warning', 'Failed', `Error: ${(error as GrpcError).desc}`)
      throw new StartError('RunContainerError', (error as GrpcError).desc)
    }
    event('Normal', 'Started', 'Container started')
  }
}
