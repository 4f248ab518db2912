/**
 * The docs site: how long it takes to build, and how much JavaScript a chapter page makes the
 * browser fetch (gzipped), beside a bare VitePress default-theme page built in the same run on
 * the same machine, so the figure is about what podkata adds, not about VitePress.
 *
 * Both sites are built into throw-away folders; the pages are loaded in Chromium (the browser
 * tests' one) and every script the page loads is counted at its gzipped size (not the next
 * pages' chunks VitePress prefetches in the background).
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { KATAS } from '../katas/katas.ts'
import { findChromium } from '../e2e/browser.ts'
import { serveDir } from '../e2e/serve-dir.ts'
import type { BenchModule, Figure } from './figure.ts'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const VITEPRESS = join(ROOT, 'node_modules', '.bin', 'vitepress')

/** Aims from issue 12: a chapter's scripts at most 1.3 × a bare page's; the build in 15 s. */
export const JS_RATIO_AIM = 1.3
export const BUILD_AIM_SECONDS = 15

async function timedBuild(root: string, outDir: string): Promise<number> {
  const started = performance.now()
  await run(VITEPRESS, ['build', '--outDir', outDir], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
  return (performance.now() - started) / 1000
}

/** A VitePress site with nothing but the default theme and one ordinary page. */
function bareSite(dir: string): void {
  mkdirSync(join(dir, '.vitepress'), { recursive: true })
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  writeFileSync(join(dir, '.vitepress', 'config.mjs'), "export default { title: 'bare', themeConfig: { search: { provider: 'local' } } }\n")
  writeFileSync(join(dir, 'index.md'), '# A page\n\nSome text, a [link](./other) and a block:\n\n```ts\nconst a = 1\n```\n')
  writeFileSync(join(dir, 'other.md'), '# Another page\n')
}

/** Gzipped bytes of every script a page fetches until the network is quiet. */
async function scriptBytes(baseURL: string, dist: string, paths: readonly string[]): Promise<Map<string, number>> {
  const found = await findChromium()
  const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args })
  const bytes = new Map<string, number>()
  try {
    for (const path of paths) {
      const page = await browser.newPage()
      const scripts = new Set<string>()
      // Scripts the page runs; not the chunks VitePress prefetches for the pages its links lead to.
      page.on('request', (request) => {
        const url = new URL(request.url())
        if (request.resourceType() === 'script' && url.pathname.endsWith('.js')) scripts.add(url.pathname)
      })
      await page.goto(baseURL + path, { waitUntil: 'networkidle' })
      let total = 0
      for (const script of scripts) total += gzipSync(readFileSync(join(dist, script))).length
      bytes.set(path, total)
      await page.close()
    }
  } finally {
    await browser.close()
  }
  return bytes
}

async function served<T>(dist: string, use: (baseURL: string) => Promise<T>): Promise<T> {
  const server = await serveDir(dist)
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  } finally {
    server.close()
  }
}

export const siteBench: BenchModule = {
  title: 'The docs site',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'podkata-site-bench-'))
    try {
      const siteDist = join(work, 'site')
      const bare = join(work, 'bare')
      bareSite(bare)
      const buildSeconds = await timedBuild(ROOT, siteDist)
      await timedBuild(bare, join(bare, 'dist'))
      const chapters = [...new Set(KATAS.map((kata) => kata.chapter.page))]
      const site = await served(siteDist, (url) => scriptBytes(url, siteDist, chapters))
      const bareDist = join(bare, 'dist')
      const bareBytes = (await served(bareDist, (url) => scriptBytes(url, bareDist, ['/']))).get('/')!
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
      const figures: Figure[] = [{ name: 'site build (vitepress build)', value: buildSeconds, unit: 's', atMost: BUILD_AIM_SECONDS }]
      for (const page of chapters) {
        const bytes = site.get(page)!
        figures.push({
          name: `JS of ${page} vs a bare page`,
          value: bytes / bareBytes,
          unit: '×',
          atMost: JS_RATIO_AIM,
          detail: `${kb(bytes)} vs ${kb(bareBytes)} gzipped`,
        })
      }
      return figures
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  },
}
