/**
 * One set of specs, several implementations. A spec imports the learner's file the way a
 * learner would write it (`import { validatePod } from './pods.ts'`); this Vite plugin decides
 * which file that import really loads:
 *
 * - `learner`:     the working copy in katas/ (what `npm run kata` runs),
 * - `mine`:        the same, and the reference parts a kata builds on (assembly/reference-parts.ts
 *                  imports them from solutions/) are replaced by the learner's own, for the katas
 *                  in `own` (the capstone: the node from your code, where you have written it),
 * - `starter`:     the pristine starter in starters/ (the proof that no spec passes for free),
 * - `reference`:   the solution in solutions/ (the proof that every spec can pass),
 * - `known-wrong`: a deliberately mistaken version in proof/known-wrong/<kata>/<variant>/
 *                  (the proof that the specs catch realistic mistakes).
 *
 * Only imports made *from a spec file* are swapped, so a solution that imports a helper from
 * its own folder keeps working.
 */
import { existsSync } from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import type { Plugin } from 'vite'
import { KATAS_DIR, KNOWN_WRONG_DIR, SOLUTIONS_DIR, STARTERS_DIR } from './paths.ts'

export type Implementation =
  | { kind: 'learner' }
  | { kind: 'mine'; own: readonly string[] }
  | { kind: 'starter' }
  | { kind: 'reference' }
  | { kind: 'known-wrong'; kataFolder: string; variant: string }

const SPEC_FILE = /\.spec\.ts$/

export function implementationSwap(implementation: Implementation): Plugin {
  return {
    name: 'podkata:implementation-swap',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (implementation.kind === 'learner' || !importer || !source.startsWith('.')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      if (!resolved) return null
      const target =
        implementation.kind === 'mine'
          ? learnerTwinOfReference(resolved.id, implementation.own)
          : SPEC_FILE.test(importer) && fileInKata(KATAS_DIR, resolved.id)
            ? swapTarget(implementation, resolved.id)
            : undefined
      return target && existsSync(target) ? target : null
    },
  }
}

/** `<dir>/<kata folder>/<file>.ts` that is not a spec: a file a learner edits. */
function fileInKata(dir: string, path: string): boolean {
  const inside = relative(dir, path)
  return !inside.startsWith('..') && inside.split(sep).length === 2 && path.endsWith('.ts') && !SPEC_FILE.test(path)
}

function swapTarget(implementation: Implementation, learnerFile: string): string | undefined {
  const kataFolder = basename(dirname(learnerFile))
  const file = basename(learnerFile)
  switch (implementation.kind) {
    case 'starter':
      return join(STARTERS_DIR, kataFolder, file)
    case 'reference':
      return join(SOLUTIONS_DIR, kataFolder, file)
    case 'known-wrong':
      return implementation.kataFolder === kataFolder
        ? join(KNOWN_WRONG_DIR, kataFolder, implementation.variant, file)
        : undefined
    default:
      return undefined
  }
}

/** solutions/<kata>/<file>.ts → katas/<kata>/<file>.ts for a kata in `own`, for the capstone run. */
function learnerTwinOfReference(path: string, own: readonly string[]): string | undefined {
  if (!fileInKata(SOLUTIONS_DIR, path)) return undefined
  return own.includes(basename(dirname(path))) ? join(KATAS_DIR, relative(SOLUTIONS_DIR, path)) : undefined
}
