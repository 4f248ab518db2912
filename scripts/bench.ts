/**
 * `npm run bench`: what the workbook's commands cost on this machine, each figure printed
 * beside its aim. Not a test: timings live here, never in assertions. Each group of figures
 * is a module in bench/; add one by adding it to MODULES.
 *
 * BENCH_RUNS (default 9) sets how many times each command runs, BENCH_SAVES (default 14) how
 * many saves the watch loops get. Everything runs on throw-away copies of the workbook.
 */
import { loadavg } from 'node:os'
import type { BenchModule, Figure } from '../bench/figure.ts'
import { inPageBench } from '../bench/in-page.ts'
import { kitBench } from '../bench/kit.ts'
import { simBench } from '../bench/sim.ts'
import { siteBench } from '../bench/site.ts'
import { verifyBench } from '../bench/verify.ts'
import { watchLoopBench } from '../bench/watch-loop.ts'

const MODULES: BenchModule[] = [watchLoopBench, verifyBench, simBench, kitBench, inPageBench, siteBench]

const format = (figure: Figure) =>
  figure.unit === '×' ? figure.value.toFixed(2) + ' ×' : figure.unit === 'KiB' ? `${Math.round(figure.value)} KiB` : figure.unit === 's' ? `${figure.value.toFixed(1)} s` : `${Math.round(figure.value)} ${figure.unit}`

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ')
console.log(`podkata bench — node ${process.version}, load average ${load()}\n`)
let missed = 0
for (const module of MODULES) {
  console.log(module.title)
  for (const figure of await module.run()) {
    const met = figure.atMost === undefined || figure.value <= figure.atMost
    if (!met) missed++
    const aim = figure.atMost === undefined ? '' : `aim ≤ ${format({ ...figure, value: figure.atMost })}`
    const mark = figure.atMost === undefined ? ' ' : met ? '✓' : '✗'
    console.log(`  ${mark} ${figure.name.padEnd(46)} ${format(figure).padStart(9)}   ${aim.padEnd(14)} ${figure.detail ?? ''}`)
  }
  console.log('')
}
console.log(`${missed === 0 ? 'Every figure is within its aim' : `${missed} figure(s) miss their aim`}; load average now ${load()} (2 cores: above 2, figures are noisy).`)
