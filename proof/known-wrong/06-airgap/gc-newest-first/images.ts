// Mistake: the image GC deletes the most recently used images first.
// Caught by: removes unused images, least recently used first, until enough bytes are freed
import { imagesToFree as reference, type ImageRecord } from '../../../../solutions/06-airgap/images.ts'

export * from '../../../../solutions/06-airgap/images.ts'

export function imagesToFree(images: readonly ImageRecord[], inUse: ReadonlySet<string>, bytesToFree: number, now: number, minAgeMs?: number): string[] {
  // Turning time around makes the reference pick the newest first.
  const flipped = images.map((image) => ({ ...image, lastUsed: now - 1 - image.lastUsed }))
  return reference(flipped, inUse, bytesToFree, now, minAgeMs)
}
