/**
 * `verify [kata]`: run one kata's specs on the learner's code, or every kata in order.
 * `verify --mine`: the capstone — every kata, with earlier chapters' code taken from the
 * learner's own files instead of the reference, so the whole node is the learner's.
 */
import { KATAS, type Kata } from '../../katas/katas.ts'
import { ensureWorkingCopies } from '../../workbook/working-copies.ts'
import { findKata } from '../find-kata.ts'
import { Progress } from '../progress.ts'
import { renderRun } from '../report.ts'
import { passed, SpecRunner, type KataRun } from '../spec-runner.ts'
import { bold, dim, FAIL, green, PASS, red } from '../style.ts'

export async function verify(name: string | undefined, options: { mine: boolean }): Promise<number> {
  const katas = name === undefined ? KATAS : [findKata(name)]
  ensureWorkingCopies(katas)
  const progress = Progress.load()
  const runner = await SpecRunner.start(options.mine ? { kind: 'mine' } : { kind: 'learner' })
  try {
    if (katas.length === 1) {
      const run = await runAndRecord(runner, katas[0]!, progress)
      console.log(renderRun(run, progress.of(run.kata)?.hintsSeen ?? 0))
      return passed(run) ? 0 : 1
    }
    return await verifyAll(runner, katas, progress, options.mine)
  } finally {
    await runner.close()
  }
}

async function verifyAll(runner: SpecRunner, katas: readonly Kata[], progress: Progress, mine: boolean): Promise<number> {
  if (mine) console.log(bold('Capstone: every kata on your own code, earlier chapters included.') + '\n')
  const runs: KataRun[] = []
  for (const kata of katas) {
    const run = await runAndRecord(runner, kata, progress)
    runs.push(run)
    console.log(summaryLine(run))
  }
  const firstFailing = runs.find((run) => !passed(run))
  if (!firstFailing) {
    console.log('\n' + green(bold(`${PASS} All ${runs.length} katas pass on your code.`)))
    return 0
  }
  console.log('\n' + renderRun(firstFailing, progress.of(firstFailing.kata)?.hintsSeen ?? 0))
  return 1
}

async function runAndRecord(runner: SpecRunner, kata: Kata, progress: Progress): Promise<KataRun> {
  const run = await runner.run(kata)
  progress.record(kata, passed(run) ? 'solved' : 'failing')
  return run
}

function summaryLine(run: KataRun): string {
  const label = `${run.kata.number} ${run.kata.slug}`
  if (passed(run)) return `${green(PASS)} ${label} ${dim(`— ${run.kata.title}`)}`
  const detail =
    run.outcome === 'ran'
      ? `${run.specs.filter((s) => s.state === 'passed').length}/${run.specs.length} specs pass`
      : run.outcome === 'stuck'
        ? 'stopped: a spec ran too long'
        : 'does not load'
  return `${red(FAIL)} ${label} ${dim(`— ${detail}`)}`
}
