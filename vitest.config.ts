/**
 * `npm test`: the workbook's own tests, every kata spec against the reference solutions, the
 * proof that starters fail and known-wrong implementations are caught, and the docs site in a
 * real browser.
 */
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { kataProject } from './workbook/vitest-options.ts'

export default defineConfig({
  test: {
    // Vitest's default on two cores is one test file at a time; most files here spend their time
    // waiting for a command they spawned (the CLI, the sim, a browser), so two at once.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      // The tools tests share one module graph per worker (isolate: false): re-importing the
      // simulator and the CLI's modules for every file was about 7 % of the project's CPU (measured
      // here: 169 s of CPU isolated, 157 s shared). They keep no state between files: each test
      // that changes the directory or the environment puts it back.
      { test: { name: 'tools', include: ['tests/**/*.test.ts'], testTimeout: 30_000, isolate: false } },
      kataProject('reference', { kind: 'reference' }, ['katas/**/*.spec.ts']),
      // The proof's verdicts are computed once per run for both projects that use them.
      { test: { name: 'proof', include: ['proof/**/*.test.ts'], globalSetup: ['proof/verdicts-setup.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
      {
        test: {
          name: 'site',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts', 'proof/verdicts-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
