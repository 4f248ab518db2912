/**
 * machinery/node/sha256.ts stands in for node:crypto so that the node runs in a browser too;
 * every id, uid, digest and fake registry IP derives from it, so it must agree with node:crypto.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../machinery/node/sha256.ts'

const nodeSha = (s: string) => createHash('sha256').update(s).digest('hex')

describe('sha256Hex', () => {
  it('matches node:crypto on the empty string and the FIPS example', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('matches node:crypto around the block boundaries and on non-ASCII text', () => {
    for (const length of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 200]) expect(sha256Hex('k'.repeat(length))).toBe(nodeSha('k'.repeat(length)))
    expect(sha256Hex('파드/pause:3.8/é')).toBe(nodeSha('파드/pause:3.8/é'))
  })
})
