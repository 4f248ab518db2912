/**
 * Runs every kata's specs three ways in one vitest run — against the starter, the reference
 * solution and each known-wrong implementation — and prints one JSON verdict per spec.
 * proof.test.ts runs this in a child process (a test run cannot host another in-process)
 * and asserts on the verdicts.
 */
import { join } from 'node:path'
import { createVitest, type TestModule } from 'vitest/node'
import { KATAS } from '../katas/katas.ts'
import { ROOT } from '../workbook/paths.ts'
import { kataProject } from '../workbook/vitest-options.ts'
import { knownWrongFor } from './known-wrong.ts'

export interface Verdict {
  project: string
  kataFolder: string
  spec: string
  state: string
}

const specOf = (folder: string, spec: string) => [`katas/${folder}/${spec}`]

const projects = KATAS.flatMap((kata) => [
  kataProject(`starter:${kata.folder}`, { kind: 'starter' }, specOf(kata.folder, kata.spec)),
  kataProject(`reference:${kata.folder}`, { kind: 'reference' }, specOf(kata.folder, kata.spec)),
  ...knownWrongFor(kata).map((wrong) =>
    kataProject(
      `known-wrong:${kata.folder}:${wrong.variant}`,
      { kind: 'known-wrong', kataFolder: kata.folder, variant: wrong.variant },
      specOf(kata.folder, kata.spec),
    ),
  ),
])

const verdicts: Verdict[] = []
const collect = {
  onTestRunEnd(modules: readonly TestModule[]) {
    for (const module of modules) {
      const kataFolder = module.moduleId.replace(join(ROOT, 'katas') + '/', '').split('/')[0] ?? ''
      for (const test of module.children.allTests()) {
        verdicts.push({ project: module.project.name, kataFolder, spec: test.name, state: test.result().state })
      }
    }
  },
}

const vitest = await createVitest(
  'test',
  { config: false, root: ROOT, watch: false, reporters: [collect], projects },
  { logLevel: 'silent' },
)
await vitest.start()
await vitest.close()
// The starter and the known-wrong runs fail on purpose; only a crash of this script is an error.
// Exit only once the pipe has taken everything: exiting right away cuts the JSON off at 64 KiB.
process.stdout.write(JSON.stringify(verdicts), () => process.exit(0))
