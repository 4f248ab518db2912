/**
 * `verify [kata]`: run one kata's specs on the learner's code, or every kata in order.
 * `verify --mine`: the capstone — every kata the learner has written, with the node's parts
 * (assembly/) taken from the learner's own files wherever they exist. A kata still at its
 * starter is not run, and the reference's part stands in for it in the katas after it. Then
 * random histories play on that node, its invariants checked after every step
 * (cli/node-properties-check.ts).
 *
 * Either way, the learner's files are type-checked once the verdict is out (cli/type-check.ts).
 *
 * Only a plain `verify` records progress: the capstone runs the same specs on a different
 * node, and its verdict is not the kata's.
 */
import { KATAS, type Kata } from '../../katas/katas.ts'
import { ensureWorkingCopies, isAtStarter, workingCopyPath } from '../../workbook/working-copies.ts'
import { findKata } from '../find-kata.ts'
import { Progress } from '../progress.ts'
import { renderRun } from '../report.ts'
import { checkMyNode, type PropertiesCheck } from '../node-properties-check.ts'
import { passed, SpecRunner, type KataRun } from '../spec-runner.ts'
import { renderTypeCheck, TypeCheck } from '../type-check.ts'
import { bold, dim, FAIL, green, PASS, red, UNTRIED } from '../style.ts'

/** The katas whose file is a part of the assembled node (kata 2's pod runs on its own). */
const NODE_PART_KATAS = ['01-pods', '03-sandbox', '04-syncpod', '05-pause', '06-airgap']

export async function verify(name: string | undefined, options: { mine: boolean }): Promise<number> {
  const katas = name === undefined ? KATAS : [findKata(name)]
  ensureWorkingCopies(katas)
  const code = options.mine ? await capstone(katas) : await verifyKatas(katas)
  // After the verdict, never before it: a type error does not change it, but may explain it.
  await showTypeErrors(katas)
  return code
}

async function showTypeErrors(katas: readonly Kata[]): Promise<void> {
  const files = katas.filter((kata) => !isAtStarter(kata)).flatMap((kata) => kata.files.map((file) => workingCopyPath(kata, file)))
  if (files.length === 0) return
  const typeCheck = new TypeCheck()
  try {
    const section = renderTypeCheck(await typeCheck.check(files))
    if (section) console.log('\n' + section)
  } finally {
    await typeCheck.close()
  }
}

async function verifyKatas(katas: readonly Kata[]): Promise<number> {
  const progress = Progress.load()
  const runner = await SpecRunner.start({ kind: 'learner' })
  try {
    if (katas.length === 1) {
      const run = await runAndRecord(runner, katas[0]!, progress)
      console.log(renderRun(run, progress.of(run.kata)?.hintsSeen ?? 0))
      return passed(run) ? 0 : 1
    }
    const runs: KataRun[] = []
    for (const kata of katas) {
      const run = await runAndRecord(runner, kata, progress)
      runs.push(run)
      console.log(summaryLine(run))
    }
    return finish(runs, progress, `${PASS} All ${runs.length} katas pass on your code.`)
  } finally {
    await runner.close()
  }
}

async function capstone(katas: readonly Kata[]): Promise<number> {
  const progress = Progress.load()
  const written = katas.filter((kata) => !isAtStarter(kata))
  const own = KATAS.filter((kata) => !isAtStarter(kata)).map((kata) => kata.folder)
  console.log(bold('Capstone: every kata you have written, on a node built from your own code.') + '\n')
  const runner = written.length > 0 ? await SpecRunner.start({ kind: 'mine', own }) : undefined
  const runs: KataRun[] = []
  let properties: PropertiesCheck | undefined
  try {
    for (const kata of katas) {
      if (!runner || !written.includes(kata)) {
        console.log(`${dim(UNTRIED)} ${kata.number} ${kata.slug} ${dim('— still at its starter: not run')}`)
        continue
      }
      const run = await runner.run(kata)
      runs.push(run)
      console.log(summaryLine(run))
    }
    // The whole node, once at least one of its parts is the learner's.
    if (runner && own.some((folder) => NODE_PART_KATAS.includes(folder))) {
      properties = await checkMyNode(runner)
      console.log(properties.summary)
    }
  } finally {
    await runner?.close()
  }
  console.log('')
  const stoodIn = KATAS.filter((kata) => NODE_PART_KATAS.includes(kata.folder) && !own.includes(kata.folder))
  if (stoodIn.length > 0 && runs.length > 0) {
    console.log(dim(`The reference's part stood in for ${names(stoodIn)}, still at ${stoodIn.length === 1 ? 'its starter' : 'their starters'}.`))
  }
  if (runs.length === 0) {
    console.log(`Nothing to check yet: every kata is still at its starter. Start with ${bold('npm run kata')}.`)
    return 1
  }
  const mine = runs.filter(passed).map((run) => run.kata)
  console.log(mine.length > 0 ? `Passed on your own code: ${names(mine)}.` : 'No kata passed on your own code yet.')
  if (properties && !properties.passed && runs.every(passed)) {
    console.log('\n' + properties.detail)
    return 1
  }
  const code = finish(runs, progress, `${PASS} Every kata you have written passes on your own node${properties ? ', and it keeps its invariants' : ''}.`)
  return properties && !properties.passed ? 1 : code
}

/** Prints the first failing kata in full, or the all-clear. */
function finish(runs: readonly KataRun[], progress: Progress, allClear: string): number {
  const firstFailing = runs.find((run) => !passed(run))
  if (!firstFailing) {
    console.log('\n' + green(bold(allClear)))
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

function names(katas: readonly Kata[]): string {
  return katas.map((kata) => `${kata.number} ${kata.slug}`).join(', ')
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
