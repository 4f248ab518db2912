/**
 * `npm run locale:stamp -- <page>… --lang ko`: records that the translation of each page now
 * follows its English (locale/<lang>.stamps.json). It refuses while the twin's structure differs
 * from the English, so a stamp can only be given to a page that has every section and snippet.
 * A page is named as under docs/, with or without .md: chapters/01-pods, index, lab; `all` stamps
 * every translated page.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { englishPages, LANGS, readStamps, stampOf, stampsFile, structureProblems, type Lang } from './drift.ts'

const ROOT = join(import.meta.dirname, '..')
const DOCS = join(ROOT, 'docs')

function fail(message: string): never {
  console.error(`locale:stamp: ${message}`)
  process.exit(2)
}

let parsed
try {
  parsed = parseArgs({ allowPositionals: true, options: { lang: { type: 'string' } } })
} catch (error) {
  fail(`${(error as Error).message.split('. ')[0]}. Usage: npm run locale:stamp -- <page>… --lang ko`)
}
const lang = parsed.values.lang
if (!lang || !(LANGS as readonly string[]).includes(lang)) fail(`say which translation: --lang ${LANGS.join(' or ')}`)
if (parsed.positionals.length === 0) fail('name the page(s) to stamp, e.g. chapters/01-pods, or all')

const all = englishPages(DOCS)
const stamps = readStamps(ROOT, lang as Lang)
// `all` means every translated page: the ones listed as untranslated have nothing to stamp yet.
const pages = parsed.positionals.includes('all')
  ? all.filter((page) => !(stamps.untranslated ?? []).includes(page))
  : parsed.positionals.map((name) => {
      const page = name.replace(/^\/+|^docs\//g, '').replace(/\/$/, '/index').replace(/(\.md)?$/, '.md')
      if (!existsSync(join(DOCS, page)) || !all.includes(page)) fail(`no English page docs/${page}; pages: ${all.map((p) => p.replace(/\.md$/, '')).join(', ')}`)
      return page
    })

const refused = pages.flatMap((page) => structureProblems(DOCS, page, lang as Lang))
if (refused.length > 0) fail(`not stamped, the structure differs first:\n  ${refused.join('\n  ')}`)
for (const page of pages) stamps.pages[page] = stampOf(DOCS, page)
stamps.pages = Object.fromEntries(Object.entries(stamps.pages).sort(([a], [b]) => a.localeCompare(b)))
writeFileSync(stampsFile(ROOT, lang as Lang), `${JSON.stringify(stamps, null, 2)}\n`)
console.log(`locale:stamp: ${pages.length} page(s) stamped for ${lang}: ${pages.join(', ')}`)
