/**
 * `npm run handouts`: the workshop kit as PDFs, in A4 and US Letter, in handouts/ (ignored by git).
 *
 *   handouts/<paper>/<chapter>.pdf         one learner handout per chapter (at most 2 sheets, both sides)
 *   handouts/<paper>/booklet.pdf           all of them, behind a cover and a table of contents
 *   handouts/<paper>/facilitator-guide.pdf the site's "Running a workshop" page
 *   handouts/kit.json                      what was made: files, page counts, the edition
 *
 * It builds the site once with the handout pages (docs/handouts/, made from the chapters) into
 * handouts/.site, serves it on 127.0.0.1, and prints each page with Debian's Chromium.
 * `--reuse-build` prints from the last build (quicker, after a CSS-free change such as a retry).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../e2e/browser.ts'
import { ROOT } from '../workbook/paths.ts'
import { edition, editionLine, type Edition } from './edition.ts'
import { chapterNames, readChapter } from './handout-source.ts'
import { openForPrint, pageCount, PAPERS, printPdf, type Paper } from './print-page.ts'
import { serveStatic } from './serve.ts'

export const OUT_DIR = join(ROOT, 'handouts')
export const SITE_DIR = join(OUT_DIR, '.site')
export const MANIFEST = join(OUT_DIR, 'kit.json')
/** Two sheets printed on both sides. */
export const MAX_HANDOUT_PAGES = 4
/** The booklet's cover and its table of contents, one page each, before chapter 1. */
const FRONT_PAGES = 2

export interface KitFile {
  kind: 'handout' | 'booklet' | 'facilitator'
  /** Relative to the workbook root, e.g. handouts/a4/01-pods.pdf */
  file: string
  paper: Paper
  title: string
  pages: number
  /** Handouts: the chapter's file name (01-pods); the booklet: the page each chapter starts on. */
  chapter?: string
  starts?: number[]
}

export interface KitManifest {
  edition: Edition
  seconds: number
  files: KitFile[]
}

class UsageError extends Error {}

function parseArgs(argv: string[]): { reuseBuild: boolean } {
  let reuseBuild = false
  for (const arg of argv) {
    if (arg === '--reuse-build') reuseBuild = true
    else throw new UsageError(`unknown option ${arg} (npm run handouts [-- --reuse-build])`)
  }
  return { reuseBuild }
}

function buildSite(): void {
  const vitepress = join(ROOT, 'node_modules', 'vitepress', 'bin', 'vitepress.js')
  const result = spawnSync(process.execPath, [vitepress, 'build', '--outDir', relative(ROOT, SITE_DIR)], {
    cwd: ROOT,
    env: { ...process.env, PODKATA_HANDOUTS: '1' },
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr)
    throw new UsageError('the site did not build (its output is above)')
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1)

export async function buildKit(options: { reuseBuild?: boolean; log?: (line: string) => void } = {}): Promise<KitManifest> {
  const log = options.log ?? ((line: string) => console.log(line))
  const started = performance.now()
  const current = edition()
  log(`podkata workshop kit — ${editionLine(current)}`)

  if (!(options.reuseBuild && existsSync(join(SITE_DIR, 'handouts', 'booklet.html')))) {
    const siteStarted = performance.now()
    log('building the site with the handout pages …')
    buildSite()
    log(`  built in ${seconds(siteStarted)} s`)
  }

  const chapters = chapterNames().map(({ name, kata }) => ({ name, source: readChapter(name, kata) }))
  const browser = await launchBrowser().catch((error: unknown) => {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    throw new UsageError(`Chromium did not start (on Debian: apt-get install chromium): ${first}`)
  })
  const site = await serveStatic(SITE_DIR)
  const files: KitFile[] = []
  try {
    const page: Page = await browser.newPage()
    const printStarted = performance.now()
    for (const { folder } of PAPERS) {
      rmSync(join(OUT_DIR, folder), { recursive: true, force: true })
      mkdirSync(join(OUT_DIR, folder), { recursive: true })
    }
    /** Prints the open page on each paper in turn (loading it once), and reports each PDF. */
    const emit = async (entry: (paper: Paper, folder: string) => Omit<KitFile, 'pages' | 'paper'>, papers = PAPERS) => {
      const made: KitFile[] = []
      for (const { paper, folder } of papers) {
        const file = entry(paper, folder)
        const pdf = await printPdf(page, { paper, title: file.title, edition: current })
        writeFileSync(join(ROOT, file.file), pdf)
        const kitFile: KitFile = { ...file, paper, pages: pageCount(pdf) }
        files.push(kitFile)
        made.push(kitFile)
        const over = kitFile.kind === 'handout' && kitFile.pages > MAX_HANDOUT_PAGES ? `   over ${MAX_HANDOUT_PAGES} pages!` : ''
        log(`${paper.padEnd(7)} ${kitFile.file.padEnd(44)} ${String(kitFile.pages).padStart(3)} pages${over}`)
      }
      return made
    }

    const counts = new Map<Paper, number[]>(PAPERS.map(({ paper }) => [paper, []]))
    for (const { name, source } of chapters) {
      await openForPrint(page, `${site.url}/handouts/${name}`)
      const made = await emit((_, folder) => ({
        kind: 'handout',
        file: `handouts/${folder}/${name}.pdf`,
        title: `Chapter ${source.kata.number} · ${source.title} — learner handout`,
        chapter: name,
      }))
      for (const file of made) counts.get(file.paper)!.push(file.pages)
    }
    // The booklet's contents need each paper's page numbers; one load serves both if they agree.
    const startsFor = (paper: Paper) => {
      const pages = counts.get(paper)!
      return pages.map((_, i) => FRONT_PAGES + 1 + pages.slice(0, i).reduce((a, b) => a + b, 0))
    }
    const groups = new Map<string, (typeof PAPERS)[number][]>()
    for (const paper of PAPERS) groups.set(startsFor(paper.paper).join(','), [...(groups.get(startsFor(paper.paper).join(',')) ?? []), paper])
    for (const [starts, papers] of groups) {
      await openForPrint(page, `${site.url}/handouts/booklet?starts=${starts}`, '.handout-toc-page')
      await emit(
        (paper, folder) => ({ kind: 'booklet', file: `handouts/${folder}/booklet.pdf`, title: 'podkata — learner booklet', starts: startsFor(paper) }),
        papers,
      )
    }
    await openForPrint(page, `${site.url}/guide/facilitating`)
    await emit((_, folder) => ({ kind: 'facilitator', file: `handouts/${folder}/facilitator-guide.pdf`, title: 'podkata — facilitator guide' }))
    log(`  printed in ${seconds(printStarted)} s`)
  } finally {
    await browser.close()
    await site.close()
  }
  const manifest: KitManifest = { edition: current, seconds: Number(seconds(started)), files }
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n')
  log(`${files.length} PDFs in ${relative(ROOT, OUT_DIR)}/ in ${manifest.seconds} s (aim ≤ 60 s)`)
  return manifest
}

async function main(): Promise<void> {
  try {
    const manifest = await buildKit(parseArgs(process.argv.slice(2)))
    const long = manifest.files.filter((f) => f.kind === 'handout' && f.pages > MAX_HANDOUT_PAGES)
    if (long.length) {
      console.error(`handouts: ${long.map((f) => f.file).join(', ')} print on more than ${MAX_HANDOUT_PAGES} pages`)
      process.exitCode = 1
    }
  } catch (error) {
    console.error(`handouts: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = error instanceof UsageError ? 2 : 1
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main()
