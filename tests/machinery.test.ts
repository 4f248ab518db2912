/** The provided machinery that the katas stand on. */
import { describe, expect, it } from 'vitest'
import { HostLocalIpam } from '../machinery/ipam.ts'
import { Kernel, type NetworkNamespace } from '../machinery/kernel.ts'
import { parsePod } from '../machinery/manifest.ts'
import { isDNS1123Label } from '../machinery/names.ts'
import { QUANTITY_FORMAT_ERROR, toMillicores, toUnits } from '../machinery/quantity.ts'
import { resolveId } from '../machinery/truncindex.ts'

describe('quantities', () => {
  it('reads CPU as millicores and memory as bytes, rounding up like the API server', () => {
    expect([toMillicores('250m'), toMillicores('0.5'), toMillicores('2'), toMillicores('0.0001')]).toEqual([250, 500, 2000, 1])
    expect([toUnits('128Mi'), toUnits('1G'), toUnits('1e3'), toUnits('1.5Ki')]).toEqual([128 * 2 ** 20, 1e9, 1000, 1536])
  })

  it("rejects a malformed quantity with the API server's message", () => {
    expect(() => toUnits('12 GB')).toThrow(QUANTITY_FORMAT_ERROR)
  })
})

describe('names', () => {
  it('says "must not contain dots" for a container name that is a valid subdomain', () => {
    expect(isDNS1123Label('web.app')).toEqual(['must not contain dots'])
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters'])
  })
})

describe('reading a Pod manifest', () => {
  it('gives a one-line error with the line and column for broken YAML', () => {
    expect(() => parsePod('apiVersion: v1\nkind: Pod\nmetadata: [name: web\n', 'pod.yaml')).toThrow(/^pod\.yaml: line \d+, column \d+: .+$/)
  })

  it('refuses what is not a v1 Pod', () => {
    expect(() => parsePod('apiVersion: apps/v1\nkind: Deployment\n', 'd.yaml')).toThrow('d.yaml: expected kind: Pod, found kind: Deployment')
    expect(() => parsePod('- a\n- b\n', 'l.yaml')).toThrow('l.yaml: expected a Pod object, found a list')
    expect(() => parsePod('', 'e.yaml')).toThrow('e.yaml: the file is empty')
  })
})

describe('host-local IPAM', () => {
  it('starts at .2, goes round-robin after a release, and says when the range is exhausted', () => {
    const ipam = new HostLocalIpam('10.244.1.0/29')
    expect([ipam.allocate('a'), ipam.allocate('b')]).toEqual(['10.244.1.2', '10.244.1.3'])
    ipam.release('a')
    expect(ipam.allocate('c')).toBe('10.244.1.4')
    expect([ipam.allocate('d'), ipam.allocate('e'), ipam.allocate('f')]).toEqual(['10.244.1.5', '10.244.1.6', '10.244.1.2'])
    expect(() => ipam.allocate('g')).toThrow('no IP addresses available in range set: 10.244.1.1-10.244.1.6')
  })

  it('works for ranges above 128.0.0.0 too', () => {
    const ipam = new HostLocalIpam('192.168.1.0/24')
    expect(ipam.allocate('a')).toBe('192.168.1.2')
    expect(ipam.ownerOf('192.168.1.2')).toBe('a')
  })

  it('gives a sandbox the address it already holds when asked twice', () => {
    const ipam = new HostLocalIpam()
    expect(ipam.allocate('a')).toBe(ipam.allocate('a'))
  })
})

describe('the kernel', () => {
  it('keeps localhost and ports per network namespace', () => {
    const kernel = new Kernel()
    const podA = kernel.createNetworkNamespace()
    const podB = kernel.createNetworkNamespace()
    kernel.spawn('a', { net: podA })
    kernel.spawn('b', { net: podB })
    podA.listen(80, 'nginx', () => 'from A')
    expect(() => podA.listen(80, 'other', () => '')).toThrow('listen tcp :80: bind: address already in use')
    podB.listen(80, 'nginx', () => 'from B')
    expect(kernel.connect(podA, 'localhost', 80)).toBe('from A')
    expect(kernel.connect(podB, '127.0.0.1', 80)).toBe('from B')
    expect(() => kernel.connect(podA, 'localhost', 6379)).toThrow('dial tcp 127.0.0.1:6379: connect: connection refused')
  })

  it('lets a network namespace die with its last process unless something pins it', () => {
    const kernel = new Kernel()
    const net = kernel.createNetworkNamespace()
    net.addresses.add('10.244.1.2')
    const holder = kernel.spawn('/pause', { net })
    net.listen(80, 'nginx', () => 'hi')
    expect(kernel.connect(kernel.host.net as NetworkNamespace, '10.244.1.2', 80)).toBe('hi')
    kernel.exit(holder.pid)
    expect(net.alive).toBe(false)
    expect(() => kernel.connect(kernel.host.net as NetworkNamespace, '10.244.1.2', 80)).toThrow('connection refused')
  })
})

describe('ids by prefix', () => {
  it('finds an id by a unique prefix and names an ambiguous one', () => {
    const ids = ['5d7f179c2d4fd0aa', '5d7f179c2d4fd0bb', '2d1debb35208b000']
    expect(resolveId(ids, '2d1d')).toBe('2d1debb35208b000')
    expect(() => resolveId(ids, '5d7f')).toThrow('Multiple IDs found with provided prefix: 5d7f')
    expect(() => resolveId(ids, 'ffff')).toThrow('not found')
    expect(() => resolveId(ids, '')).toThrow("prefix can't be empty")
  })
})
