/**
 * Runs every kata's specs three ways in one vitest run — against the starter, the reference
 * solution and each known-wrong implementation — and prints one JSON verdict per spec.
 * proof.test.ts runs this in a child process (a test run cannot host another in-process)
 * and asserts on the verdicts.
 *
 * One vitest project for all of them, so that one vite server transforms each module once
 * (a project per implementation cost a server, and a cold transform of the whole machinery,
 * each). Each (implementation, kata) pair gets a copy of the kata's spec file in a scratch
 * folder; proofCopies() resolves the copy's imports as if it were the original spec, and hands
 * it the implementation's version of the learner's file. Each copy is its own test file, so
 * vitest's isolation still gives every run a fresh module graph; the worker threads are kept
 * from one file to the next (workbook/warm-worker.ts) instead of a new one per file.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import type { Plugin } from 'vite'
import { createVitest, type TestModule } from 'vitest/node'
import { KATAS } from '../katas/katas.ts'
import { fileInKata, swapTarget, type Implementation } from '../workbook/implementation-swap.ts'
import { KATAS_DIR, ROOT } from '../workbook/paths.ts'
import { warmPool, WarmWorker } from '../workbook/warm-worker.ts'
import { SPEC_TIMEOUT_MS } from '../workbook/vitest-options.ts'
import { knownWrongFor } from './known-wrong.ts'

export interface Verdict {
  project: string
  kataFolder: string
  spec: string
  state: string
}

interface ProofRun {
  /** `starter:01-pods`, `reference:01-pods`, `known-wrong:01-pods:<variant>`. */
  project: string
  kataFolder: string
  implementation: Implementation
}

const runs: ProofRun[] = KATAS.flatMap((kata) => [
  { project: `starter:${kata.folder}`, kataFolder: kata.folder, implementation: { kind: 'starter' } as const },
  { project: `reference:${kata.folder}`, kataFolder: kata.folder, implementation: { kind: 'reference' } as const },
  ...knownWrongFor(kata).map((wrong) => ({
    project: `known-wrong:${kata.folder}:${wrong.variant}`,
    kataFolder: kata.folder,
    implementation: { kind: 'known-wrong', kataFolder: kata.folder, variant: wrong.variant } as const,
  })),
])

/** The scratch folder: <scratch>/<run index>/<kata folder>/<spec file>. */
const scratch = mkdtempSync(join(tmpdir(), 'podkata-proof-'))
for (const [index, run] of runs.entries()) {
  const kata = KATAS.find((k) => k.folder === run.kataFolder)!
  mkdirSync(join(scratch, String(index), kata.folder), { recursive: true })
  copyFileSync(join(KATAS_DIR, kata.folder, kata.spec), join(scratch, String(index), kata.folder, kata.spec))
}

/** Which run a copied spec belongs to, and the original it was copied from. */
function copyOf(file: string): { run: ProofRun; original: string } | undefined {
  const inside = relative(scratch, file)
  if (inside.startsWith('..')) return undefined
  const [index, ...rest] = inside.split(sep)
  const run = runs[Number(index)]
  return run && { run, original: join(KATAS_DIR, ...rest) }
}

function proofCopies(): Plugin {
  return {
    name: 'podkata:proof-copies',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const copy = importer ? copyOf(importer) : undefined
      if (!copy || !source.startsWith('.')) return null
      const resolved = await this.resolve(source, copy.original, { ...options, skipSelf: true })
      if (!resolved || !fileInKata(KATAS_DIR, resolved.id)) return resolved
      const target = swapTarget(copy.run.implementation, resolved.id)
      return target && existsSync(target) ? target : resolved.id
    },
  }
}

const verdicts: Verdict[] = []
const collect = {
  onTestRunEnd(modules: readonly TestModule[]) {
    for (const module of modules) {
      const copy = copyOf(module.moduleId)
      if (!copy) continue
      for (const test of module.children.allTests()) {
        verdicts.push({ project: copy.run.project, kataFolder: copy.run.kataFolder, spec: test.name, state: test.result().state })
      }
    }
  },
}

// One warm thread per worker slot: each copy still gets a fresh module graph (isolation), and
// what a run leaves on the thread's globals is cleared before the next (fresh-worker-state.ts).
const workers = new Map<number, WarmWorker>()
const workerFor = (slot: number) => workers.get(slot) ?? workers.set(slot, new WarmWorker()).get(slot)!

try {
  const vitest = await createVitest(
    'test',
    {
      config: false,
      root: ROOT,
      dir: scratch,
      include: ['**/*.spec.ts'],
      watch: false,
      reporters: [collect],
      testTimeout: SPEC_TIMEOUT_MS,
      hookTimeout: SPEC_TIMEOUT_MS,
      isolate: true,
      pool: warmPool(workerFor),
      maxWorkers: availableParallelism(),
      setupFiles: [join(ROOT, 'workbook', 'fresh-worker-state.ts')],
    },
    { plugins: [proofCopies()], logLevel: 'silent' },
  )
  await vitest.start()
  await Promise.all([...workers.values()].map((worker) => worker.close()))
  await vitest.close()
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
// The starter and the known-wrong runs fail on purpose; only a crash of this script is an error.
// Exit only once the pipe has taken everything: exiting right away cuts the JSON off at 64 KiB.
process.stdout.write(JSON.stringify(verdicts), () => process.exit(0))
