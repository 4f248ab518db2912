/**
 * The runtime's record of containers, kept apart from sandboxes the way containerd keeps
 * them. In chapter 3 containers are put here by the specs (chapter 4's CreateContainer puts
 * them here for real); RemovePodSandbox must not leave any behind.
 */
import type { Kernel } from './kernel.ts'

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN'

export interface ContainerRecord {
  id: string
  podSandboxId: string
  name: string
  attempt: number
  state: ContainerState
  /** The container's main process on the node, while it runs. */
  pid?: number
}

export class ContainerStore {
  private readonly records = new Map<string, ContainerRecord>()

  add(record: ContainerRecord): void {
    this.records.set(record.id, record)
  }

  get(id: string): ContainerRecord | undefined {
    return this.records.get(id)
  }

  inSandbox(podSandboxId: string): ContainerRecord[] {
    return [...this.records.values()].filter((c) => c.podSandboxId === podSandboxId)
  }

  all(): ContainerRecord[] {
    return [...this.records.values()]
  }

  /** Kills the container's process if it still runs: what "forcibly stopped" means. */
  stop(id: string, kernel: Kernel): void {
    const record = this.records.get(id)
    if (!record || record.state === 'CONTAINER_EXITED') return
    if (record.pid !== undefined) kernel.exit(record.pid, 137)
    record.state = 'CONTAINER_EXITED'
  }

  remove(id: string): void {
    this.records.delete(id)
  }
}
