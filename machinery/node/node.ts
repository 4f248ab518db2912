/**
 * One simulated node: the kernel, the pod network's address pool, the runtime's container
 * records, and deterministic ids and time. Katas receive one and build on it.
 */
import { Clock } from './clock.ts'
import { ContainerStore } from '../runtime/containers.ts'
import { IdGenerator } from './ids.ts'
import { HostLocalIpam } from '../runtime/ipam.ts'
import { Kernel } from '../kernel/kernel.ts'

export interface NodeOptions {
  /** The node's pod CIDR (its `spec.podCIDR`). */
  podCIDR?: string
  /** The node's own address, what hostNetwork pods get. */
  nodeIP?: string
  /** Seed for ids: two nodes with the same seed make the same ids. */
  seed?: string
}

export class SimulatedNode {
  readonly kernel: Kernel
  /** The node's own address: what a hostNetwork pod reports as its IP. */
  readonly nodeIP: string
  readonly ipam: HostLocalIpam
  readonly ids: IdGenerator
  readonly clock = new Clock()
  readonly containers = new ContainerStore()

  constructor(options: NodeOptions = {}) {
    this.nodeIP = options.nodeIP ?? '192.168.49.2'
    this.kernel = new Kernel(this.nodeIP)
    this.ipam = new HostLocalIpam(options.podCIDR ?? '10.244.1.0/24')
    this.ids = new IdGenerator(options.seed ?? 'podkata')
  }
}
