/**
 * Ids the way containerd makes them — 64 hex characters — but deterministic: the n-th id of a
 * kind is always the same, so traces and expected outputs never change between runs.
 */
import { sha256Hex } from './sha256.ts'

export class IdGenerator {
  private counter = 0

  constructor(private readonly seed = 'podkata') {}

  /** The next id: 64 lowercase hex characters. */
  next(): string {
    this.counter += 1
    return sha256Hex(`${this.seed}/${this.counter}`)
  }
}

/** `crictl` shows the first 13 characters of an id. */
export function shortId(id: string): string {
  return id.slice(0, 13)
}
