/**
 * The runtime's record of containers, kept apart from sandboxes the way containerd keeps
 * them. In chapter 3 containers are put here by the specs (chapter 4's CreateContainer puts
 * them here for real); RemovePodSandbox must not leave any behind.
 */
import type { ContainerConfig, ContainerState } from './cri.ts'
import type { Kernel } from '../kernel/kernel.ts'

export type { ContainerState }

export interface ContainerRecord {
  id: string
  podSandboxId: string
  name: string
  attempt: number
  state: ContainerState
  /** The container's main process on the node, while it runs. */
  pid?: number
  /** What CreateContainer was given (absent for records a spec adds by hand). */
  config?: ContainerConfig
  /** The image id it runs. */
  imageRef?: string
  /** Nanoseconds since the epoch, as decimal strings; '0' until it happens. */
  createdAt?: string
  startedAt?: string
  finishedAt?: string
  exitCode?: number
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
    record.exitCode ??= 137
  }

  remove(id: string): void {
    this.records.delete(id)
  }
}
