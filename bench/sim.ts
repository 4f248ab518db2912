/** `npm run sim -- examples/pods/web.yaml`: from start to the last line printed. */
import { TempWorkbook } from '../tests/temp-workbook.ts'
import { median, spread, type BenchModule } from './figure.ts'
import { timeCommand } from './run-timed.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)

export const simBench: BenchModule = {
  title: 'The simulator',
  async run() {
    const workbook = new TempWorkbook()
    try {
      const sim = [workbook.path('scripts', 'sim.mjs'), 'examples/pods/web.yaml']
      timeCommand(sim, workbook.root) // builds the bundle, as the first run after a change does
      const runs = Array.from({ length: RUNS }, () => timeCommand(sim, workbook.root))
      const wall = runs.map((r) => r.wall)
      const detail = `${spread(wall)}; CPU ${Math.round(median(runs.map((r) => r.cpu)))} ms`
      return [{ name: 'npm run sim -- examples/pods/web.yaml', value: median(wall), unit: 'ms', atMost: 250, detail }]
    } finally {
      workbook.remove()
    }
  },
}
