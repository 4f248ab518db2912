/**
 * The kata CLI's spec worker loads this first (a vitest setup file): the learner's code, as the
 * specs run it, may write only inside the folder of the spec file that is running (and in the
 * temporary folder). write-guard.ts says what is guarded and why.
 */
import { dirname, join, relative, sep } from 'node:path'
import { ROOT } from './paths.ts'
import { installWriteGuard } from './write-guard.ts'

function runningSpecFolder(): string | undefined {
  const spec = (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath
  return spec && relative(join(ROOT, 'katas'), spec).split(sep).length === 2 ? dirname(spec) : undefined
}

installWriteGuard({ who: 'code run by the specs', kataFolder: runningSpecFolder })
