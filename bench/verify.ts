/**
 * `npm run kata -- verify <kata>` against a bare `vitest run` of the same spec file on the same
 * working copies, for each kata: the CLI should cost almost nothing on top of vitest. The two
 * run interleaved, so that a busy moment on the machine hits both alike.
 */
import { KATAS } from '../katas/katas.ts'
import { TempWorkbook } from '../tests/temp-workbook.ts'
import { median, type BenchModule, type Figure } from './figure.ts'
import { timeCommand, type Timed } from './run-timed.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const RATIO_AIM = 1.05

export const verifyBench: BenchModule = {
  title: `kata verify against a bare vitest run of the same spec (${RUNS} runs each, medians)`,
  async run() {
    const workbook = new TempWorkbook()
    try {
      const kata = workbook.path('scripts', 'kata.mjs')
      const vitest = workbook.path('node_modules', 'vitest', 'vitest.mjs')
      workbook.kata('list') // creates the working copies and builds the CLI
      const figures: Figure[] = []
      for (const { slug, folder, spec, number } of KATAS) {
        const cli: Timed[] = []
        const bare: Timed[] = []
        timeCommand([vitest, 'run', `katas/${folder}/${spec}`], workbook.root) // warms vite's cache
        for (let run = 0; run < RUNS; run++) {
          cli.push(timeCommand([kata, 'verify', slug], workbook.root))
          bare.push(timeCommand([vitest, 'run', `katas/${folder}/${spec}`], workbook.root))
        }
        const wall = (runs: Timed[]) => median(runs.map((r) => r.wall))
        const cpu = (runs: Timed[]) => median(runs.map((r) => r.cpu))
        figures.push({
          name: `kata ${number} (${slug}): verify / bare vitest run`,
          value: wall(cli) / wall(bare),
          unit: '×',
          atMost: RATIO_AIM,
          detail: `${Math.round(wall(cli))} ms / ${Math.round(wall(bare))} ms; CPU ${Math.round(cpu(cli))} / ${Math.round(cpu(bare))} ms`,
        })
      }
      return figures
    } finally {
      workbook.remove()
    }
  },
}
