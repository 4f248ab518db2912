/**
 * The workshop kit: `npm run handouts` from a fresh site build to the last PDF (the measurement
 * and its aim are kit/bench.ts's).
 */
import { buildKit } from '../kit/build.ts'
import { KIT_AIM_SECONDS } from '../kit/bench.ts'
import type { BenchModule } from './figure.ts'

export const kitBench: BenchModule = {
  title: 'The workshop kit',
  async run() {
    const started = performance.now()
    const kit = await buildKit({ log: () => {} })
    const seconds = (performance.now() - started) / 1000
    const pages = kit.files.reduce((sum, f) => sum + f.pages, 0)
    return [{ name: 'npm run handouts', value: seconds, unit: 's', atMost: KIT_AIM_SECONDS, detail: `${kit.files.length} PDFs, ${pages} pages` }]
  },
}
