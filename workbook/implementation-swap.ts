/**
 * One set of specs, several implementations. A spec imports the learner's file the way a
 * learner would write it (`import { validatePod } from './pods.ts'`); this Vite plugin decides
 * which file that import really loads:
 *
 * - `learner`:   the file in katas/ (what `npm run kata` runs),
 * - `reference`: the same path under solutions/ (the proof that every spec can pass),
 * - `known-wrong`: a deliberately mistaken version under proof/known-wrong/<kata>/<variant>.ts
 *   (the proof that the specs catch realistic mistakes).
 *
 * Only imports made *from a spec file* are swapped, so a reference solution that imports a
 * helper from its own folder keeps working.
 */
import { existsSync } from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import type { Plugin } from 'vite'
import { KATAS_DIR, KNOWN_WRONG_DIR, SOLUTIONS_DIR } from './paths.ts'

export type Implementation =
  | { kind: 'learner' }
  | { kind: 'reference' }
  | { kind: 'known-wrong'; kataFolder: string; variant: string }

const SPEC_FILE = /\.spec\.ts$/

export function implementationSwap(implementation: Implementation): Plugin {
  return {
    name: 'podkata:implementation-swap',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (implementation.kind === 'learner') return null
      if (!importer || !SPEC_FILE.test(importer) || !source.startsWith('.')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      if (!resolved || !isLearnerFile(resolved.id)) return null
      const swapped = swapTarget(implementation, resolved.id)
      return swapped && existsSync(swapped) ? swapped : null
    },
  }
}

/** A .ts file directly inside a kata folder that is not a spec: what a learner edits. */
function isLearnerFile(path: string): boolean {
  const inside = relative(KATAS_DIR, path)
  const parts = inside.split(sep)
  return parts.length === 2 && !inside.startsWith('..') && path.endsWith('.ts') && !SPEC_FILE.test(path)
}

function swapTarget(implementation: Implementation, learnerFile: string): string | undefined {
  const kataFolder = basename(dirname(learnerFile))
  const file = basename(learnerFile)
  if (implementation.kind === 'reference') return join(SOLUTIONS_DIR, kataFolder, file)
  if (implementation.kind === 'known-wrong' && implementation.kataFolder === kataFolder) {
    return join(KNOWN_WRONG_DIR, kataFolder, implementation.variant, file)
  }
  return undefined
}
