/**
 * `npm run screenshots`: every page at 390 and 1280 px, light and dark, as full-page PNGs in
 * e2e/screenshots/, for a person to look at. It runs the same browser checks `npm test` runs on
 * every page (e2e/every-page.test.ts), with PODKATA_SCREENSHOTS=1 so that their pictures are of
 * whole pages; `npm test` saves only each page's first screen, as whole pages cost a sixth of
 * its browser time. Arguments go to `vitest run`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { PAGES, SCREENSHOTS, screenshotName } from '../e2e/page-checks.ts'
import { ROOT } from '../e2e/solution-text.ts'

rmSync(SCREENSHOTS, { recursive: true, force: true })
const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'site', 'e2e/every-page.test.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PODKATA_SCREENSHOTS: '1' },
})
const expected = PAGES.flatMap((path) => [390, 1280].flatMap((width) => (['light', 'dark'] as const).map((theme) => screenshotName(path, width, theme))))
const missing = expected.filter((name) => !existsSync(join(SCREENSHOTS, name)))
const where = relative(process.cwd(), SCREENSHOTS) || '.'
if (missing.length > 0) console.error(`screenshots: ${missing.length} of ${expected.length} were not written (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); see the test output above.`)
else console.log(`screenshots: ${expected.length} full-page PNGs in ${where}/ (${PAGES.length} pages × 390 and 1280 px × light and dark)`)
process.exit(run.status !== 0 ? (run.status ?? 1) : missing.length > 0 ? 1 : 0)
