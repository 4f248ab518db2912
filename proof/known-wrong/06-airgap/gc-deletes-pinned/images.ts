// Mistake: the image GC ignores the runtime's pinned flag, so it deletes the pause image too.
// Caught by: with pinning, the GC leaves the pause image, and the next pod runs
import { imagesToFree as reference, type ImageRecord } from '../../../../solutions/06-airgap/images.ts'

export * from '../../../../solutions/06-airgap/images.ts'

export function imagesToFree(images: readonly ImageRecord[], inUse: ReadonlySet<string>, bytesToFree: number, now: number, minAgeMs?: number): string[] {
  return reference(
    images.map((image) => ({ ...image, pinned: false })),
    inUse,
    bytesToFree,
    now,
    minAgeMs,
  )
}
