/**
 * Vitest settings shared by every way the kata specs run: the learner's loop, the reference
 * run in `npm test`, and the proof.
 */
import type { ViteUserConfig } from 'vitest/config'
import { implementationSwap, type Implementation } from './implementation-swap.ts'
import { ROOT } from './paths.ts'

/** How long one spec may run before it counts as stuck (an endless loop, a promise never settled). */
export const SPEC_TIMEOUT_MS = 3000

export function kataProject(name: string, implementation: Implementation, include: string[]): ViteUserConfig {
  return {
    root: ROOT,
    plugins: [implementationSwap(implementation)],
    test: {
      name,
      root: ROOT,
      include,
      testTimeout: SPEC_TIMEOUT_MS,
      hookTimeout: SPEC_TIMEOUT_MS,
      // Each kata stands alone: a fresh module graph (and a fresh worker thread) per spec file.
      isolate: true,
      pool: 'threads',
    },
  }
}
