/**
 * No page gives the answer away: the code that only the reference solutions have is in no
 * built page, no script the pages load, and not in the local search index. The site is the
 * one global-setup.ts built; the files are read straight from .vitepress/dist.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { htmlText, ROOT, solutionOnlyText, squeezed, words } from './solution-text.ts'

const DIST = join(ROOT, '.vitepress', 'dist')
const reference = solutionOnlyText()

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** A script's string literals, unescaped, so the HTML a page chunk carries reads as text. */
function scriptText(js: string): string {
  return htmlText(
    js.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, escape: string) => {
      if (escape.startsWith('u') && escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16))
      if (escape.startsWith('x') && escape.length === 3) return String.fromCharCode(parseInt(escape.slice(1), 16))
      return escape === 'n' || escape === 't' ? ' ' : escape
    }),
  )
}

const everything = filesUnder(DIST)
const html = everything.filter((file) => file.endsWith('.html'))
const searchIndex = everything.filter((file) => /localSearchIndex.*\.js$/.test(file))

/**
 * The scripts a reader gets without asking for the editor: those the pages name, every page's
 * own chunk (loaded when the reader moves to it), and what they import statically, all the way
 * down. The in-page katas (issue 13) fetch the references by dynamic import only, when a
 * reader opens a kata's editor: to run katas 4 to 6 on earlier katas' reference parts, as the
 * CLI does, and to show a kata's reference after it passes. A static site cannot hide those
 * files from someone who goes looking; it keeps them out of every page and every script a page
 * loads before that.
 */
function eagerScripts(): string[] {
  const queue = [
    ...html.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => join(DIST, m[1]!))),
    ...everything.filter((file) => /\.md\.[\w-]+(\.lean)?\.js$/.test(file)),
  ]
  const seen = new Set<string>()
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const js = readFileSync(file, 'utf8')
    // Static imports and re-exports only: `import(` is a dynamic import, loaded on demand.
    for (const m of js.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      queue.push(join(dirname(file), m[1]!))
    }
  }
  return [...seen]
}

const built = [...html, ...eagerScripts()]

describe('the reference solutions stay off the site', () => {
  it('finds what to look for: lines and words that only solutions/ has', () => {
    // A scan for nothing would pass whatever the site held.
    expect(reference.lines.length).toBeGreaterThan(100)
    expect(reference.words.length).toBeGreaterThan(10)
    expect(searchIndex.length).toBeGreaterThan(0)
    // The closure reaches the theme and the pages' chunks, not just the HTML.
    expect(built.some((file) => /\/theme\.[\w-]+\.js$/.test(file))).toBe(true)
    expect(built.filter((file) => /\.md\.[\w-]+\.js$/.test(file)).length).toBeGreaterThan(6)
  })

  it.each(built.map((file) => relative(DIST, file)))('%s holds no line of a reference solution', (file) => {
    const raw = readFileSync(join(DIST, file), 'utf8')
    const text = squeezed(file.endsWith('.html') ? htmlText(raw) : scriptText(raw))
    const found = reference.lines.filter(({ line }) => text.includes(squeezed(line)))
    expect(found.map(({ file: from, line }) => `${from}: ${line}`)).toEqual([])
  })

  it('the search index holds no word that only a reference solution uses', () => {
    const indexed = new Set<string>()
    for (const file of searchIndex) for (const word of words(scriptText(readFileSync(file, 'utf8')))) indexed.add(word)
    const found = reference.words.filter(({ word }) => indexed.has(word))
    expect(found.map(({ file, word }) => `${file}: ${word}`)).toEqual([])
  })
})
