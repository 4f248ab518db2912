/**
 * The workshop kit's figure for `npm run bench`: how long `npm run handouts` takes here, from a
 * fresh site build to the last PDF (aim ≤ 60 s). scripts/bench.ts calls it and prints the line.
 */
import { buildKit } from './build.ts'

export const KIT_AIM_SECONDS = 60

export async function benchKit(): Promise<string> {
  const started = performance.now()
  const kit = await buildKit({ log: () => {} })
  const seconds = (performance.now() - started) / 1000
  const pages = kit.files.reduce((sum, f) => sum + f.pages, 0)
  return `workshop kit, npm run handouts       ${`${seconds.toFixed(1)} s`.padStart(8)}   (aim ≤ ${KIT_AIM_SECONDS} s; ${kit.files.length} PDFs, ${pages} pages)`
}
