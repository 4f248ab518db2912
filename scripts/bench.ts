/**
 * `npm run bench`: how much the kata loop costs on this machine. Not a test: it prints figures.
 *
 * 1. `kata verify pods` against a bare `vitest run` of the same spec file, median wall time of
 *    each (the ratio is the figure to watch: the CLI should add almost nothing; aim ≤ 1.1).
 * 2. The watch loop: median time from saving the learner's file to the verdict on screen
 *    (aim: under 300 ms for a small kata).
 * 3. The workshop kit: `npm run handouts` from scratch (kit/bench.ts; aim ≤ 60 s).
 *
 * Everything runs on a throw-away copy of the workbook, so a learner's progress is untouched.
 */
import { spawnSync } from 'node:child_process'
import { benchKit } from '../kit/bench.ts'
import { TempWorkbook } from '../tests/temp-workbook.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const SAVES = Number(process.env.BENCH_SAVES ?? 12)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function timeCommand(args: string[], cwd: string): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } })
  if (result.error) throw result.error
  return performance.now() - started
}

async function watchLatencies(workbook: TempWorkbook): Promise<number[]> {
  const starter = workbook.read('starters', '01-pods', 'pods.ts')
  const solution = workbook.read('solutions', '01-pods', 'pods.ts')
  const loop = workbook.startWatchLoop()
  let output = ''
  loop.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const verdicts = () => output.split(/\d+ of \d+ specs pass\.|Kata 1 is solved!/).length - 1
  const waitForVerdicts = async (count: number) => {
    const deadline = Date.now() + 30_000
    while (verdicts() < count) {
      if (Date.now() > deadline) throw new Error('the watch loop gave no verdict within 30 s')
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
  }
  await waitForVerdicts(1)
  const latencies: number[] = []
  for (let save = 0; save < SAVES; save++) {
    const before = verdicts()
    // Let the loop settle, as a person would between two saves.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const started = performance.now()
    workbook.write('katas/01-pods/pods.ts', save % 2 === 0 ? solution : starter)
    await waitForVerdicts(before + 1)
    latencies.push(performance.now() - started)
  }
  loop.stdin.write('q\n')
  await new Promise((resolve) => loop.on('exit', resolve))
  return latencies
}

const workbook = new TempWorkbook()
try {
  const kata = workbook.path('scripts', 'kata.mjs')
  const vitest = workbook.path('node_modules', 'vitest', 'vitest.mjs')
  workbook.kata('verify', 'pods') // warm up: creates the working copy and the CLI build
  spawnSync(process.execPath, [vitest, 'run', 'katas/01-pods/pods.spec.ts'], { cwd: workbook.root, stdio: 'ignore' })

  const cli: number[] = []
  const bare: number[] = []
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, so that a busy moment on the machine hits both alike.
    cli.push(timeCommand([kata, 'verify', 'pods'], workbook.root))
    bare.push(timeCommand([vitest, 'run', 'katas/01-pods/pods.spec.ts', '--pool=forks'], workbook.root))
  }
  const latencies = await watchLatencies(workbook)

  const ms = (value: number) => `${Math.round(value)} ms`.padStart(8)
  console.log(`podkata bench — node ${process.version}, ${RUNS} runs each, ${SAVES} saves\n`)
  console.log(`kata verify pods (median)            ${ms(median(cli))}`)
  console.log(`bare vitest run of its spec (median) ${ms(median(bare))}`)
  console.log(`ratio kata / bare vitest             ${(median(cli) / median(bare)).toFixed(2).padStart(8)}   (aim ≤ 1.10)`)
  console.log(`watch loop, save → verdict (median)  ${ms(median(latencies))}   (aim < 300 ms; min ${Math.round(Math.min(...latencies))}, max ${Math.round(Math.max(...latencies))})`)
} finally {
  workbook.remove()
}

console.log(await benchKit())
