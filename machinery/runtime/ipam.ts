/**
 * Pod IP addresses for one node, handed out the way the CNI `host-local` IPAM plugin does it
 * (containernetworking/plugins, plugins/ipam/host-local): the range runs from .1 to the last
 * address before broadcast, the gateway (.1) is skipped, and allocation is round-robin — it
 * continues after the last address given out, so an address that was just released is not
 * handed to the very next pod. A fresh /24 therefore gives .2, then .3, …
 *
 * Provided machinery: in chapter 3 the learner's runtime asks it for an IP in RunPodSandbox and
 * gives the IP back in StopPodSandbox, as containerd does through CNI ADD and CNI DEL.
 */

export class IpamError extends Error {
  override name = 'IpamError'
}

export class HostLocalIpam {
  private readonly network: number
  private readonly size: number
  /** Address → the sandbox it belongs to. */
  private readonly reserved = new Map<number, string>()
  private lastReserved: number | undefined

  constructor(readonly cidr = '10.244.1.0/24') {
    const [address = '', bits = ''] = cidr.split('/')
    const prefix = Number(bits)
    if (!Number.isInteger(prefix) || prefix < 8 || prefix > 30) throw new IpamError(`invalid CIDR address: ${cidr}`)
    this.size = 2 ** (32 - prefix)
    this.network = (toNumber(address) & ~(this.size - 1)) >>> 0
  }

  /** The range as host-local prints it: `10.244.1.1-10.244.1.254` (the gateway is inside, but skipped). */
  get range(): string {
    return `${toAddress(this.first)}-${toAddress(this.last)}`
  }

  get gateway(): string {
    return toAddress(this.network + 1)
  }

  private get first(): number {
    return this.network + 1
  }

  private get last(): number {
    return this.network + this.size - 2
  }

  /** Gives the sandbox an address (the same one again if it already has one). */
  allocate(owner: string): string {
    const existing = [...this.reserved].find(([, who]) => who === owner)
    if (existing) return toAddress(existing[0])
    const count = this.last - this.first + 1
    const start = this.lastReserved === undefined ? this.first : this.lastReserved + 1
    for (let step = 0; step < count; step++) {
      const candidate = this.first + ((start - this.first + step) % count)
      if (this.reserved.has(candidate) || toAddress(candidate) === this.gateway) continue
      this.reserved.set(candidate, owner)
      this.lastReserved = candidate
      return toAddress(candidate)
    }
    throw new IpamError(`no IP addresses available in range set: ${this.range}`)
  }

  /** Gives back every address the sandbox holds. Releasing twice is fine, as CNI DEL must be. */
  release(owner: string): void {
    for (const [address, who] of this.reserved) if (who === owner) this.reserved.delete(address)
  }

  /** Who holds the address now, if anyone. */
  ownerOf(address: string): string | undefined {
    return this.reserved.get(toNumber(address))
  }

  get inUse(): string[] {
    return [...this.reserved.keys()].sort((a, b) => a - b).map(toAddress)
  }
}

function toNumber(address: string): number {
  const parts = address.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new IpamError(`invalid IP address: ${address}`)
  }
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0
}

function toAddress(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.')
}
