/**
 * `solution <kata> [--force]`: the reference solution, shown as a diff against the learner's
 * own file. It is revealed only once the kata passes (checked now, if progress does not say
 * so already), unless --force. Nothing is written: the learner's file stays as it is.
 */
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createTwoFilesPatch } from 'diff'
import type { Kata } from '../../katas/katas.ts'
import { ROOT, SOLUTIONS_DIR } from '../../workbook/paths.ts'
import { ensureWorkingCopies, workingCopyPath } from '../../workbook/working-copies.ts'
import { UserError } from '../errors.ts'
import { findKata } from '../find-kata.ts'
import { Progress } from '../progress.ts'
import { passed, SpecRunner } from '../spec-runner.ts'
import { bold, cyan, dim, green, red } from '../style.ts'

export async function solution(name: string | undefined, options: { force: boolean }): Promise<number> {
  const kata = findKata(name)
  ensureWorkingCopies([kata])
  const progress = Progress.load()
  if (!options.force && !progress.isSolved(kata)) {
    const runner = await SpecRunner.start()
    const run = await runner.run(kata).finally(() => runner.close())
    progress.record(kata, passed(run) ? 'solved' : 'failing')
    if (!passed(run)) {
      throw new UserError(
        `kata ${kata.number} (${kata.slug}) does not pass yet, so its solution stays hidden. ` +
          `Try a hint (npm run kata -- hint ${kata.slug}), or add --force to see it anyway.`,
      )
    }
  }
  console.log(renderSolution(kata))
  return 0
}

/** The reference as a diff of each of the learner's files. */
export function renderSolution(kata: Kata): string {
  return kata.files
    .map((file) => {
      const mine = workingCopyPath(kata, file)
      const reference = join(SOLUTIONS_DIR, kata.folder, file)
      const title = bold(`Reference for ${relative(ROOT, mine)}`) + dim(`  (full file: ${relative(ROOT, reference)})`)
      const diff = patch(mine, reference)
      return `${title}\n${diff.includes('@@') ? colourPatch(diff) : green('Your file is the same as the reference, line for line.')}`
    })
    .join('\n\n')
}

function patch(mine: string, reference: string): string {
  const patchText = createTwoFilesPatch(
    relative(ROOT, mine),
    relative(ROOT, reference),
    readFileSync(mine, 'utf8'),
    readFileSync(reference, 'utf8'),
    'yours',
    'reference',
    { context: 3 },
  )
  // Drop the "Index:" and "====" lines: the two file names below say the same.
  return patchText.split('\n').filter((line) => !/^(Index:|=+$)/.test(line)).join('\n')
}

function colourPatch(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('+++') || line.startsWith('---')
        ? bold(line)
        : line.startsWith('+')
          ? green(line)
          : line.startsWith('-')
            ? red(line)
            : line.startsWith('@@')
              ? cyan(line)
              : line,
    )
    .join('\n')
}
