/**
 * What of the reference solutions must never reach the built site: the lines and the words
 * that only solutions/ has. "Only" is measured against every other file the repository keeps
 * (starters, specs, machinery, chapters…), so a line the starter shares with the solution, or a
 * word the prose also uses, is not counted as a give-away.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Files that carry the reference by design: the solutions and the known-wrong copies of them. */
const REFERENCE = /^(solutions|proof)\//

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
  return out.split('\0').filter((file) => /\.(ts|vue|md|ya?ml|json|toml|txt)$/.test(file) && !file.startsWith('node_modules/'))
}

/** The words a search index keeps, the way MiniSearch splits text by default. */
export function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[\n\r\p{Z}\p{P}\p{S}]+/u).filter((word) => word.length > 0))
}

const trimmedLines = (text: string) => text.split('\n').map((line) => line.trim())

export interface SolutionText {
  /** Code lines (trimmed) that appear in solutions/ and in no other file. */
  lines: { file: string; line: string }[]
  /** Words that appear in solutions/ and in no other file. */
  words: { file: string; word: string }[]
}

export function solutionOnlyText(): SolutionText {
  const files = trackedFiles()
  const solutions = files.filter((file) => file.startsWith('solutions/'))
  const elsewhere: string[] = []
  const elsewhereWords = new Set<string>()
  for (const file of files) {
    if (REFERENCE.test(file)) continue
    const text = readFileSync(join(ROOT, file), 'utf8')
    elsewhere.push(squeezed(text))
    for (const word of words(text)) elsewhereWords.add(word)
  }
  // Anywhere in another file counts: a starter's `// TODO: return resolver.resolve(normalized)`
  // may quote a line of the solution on purpose.
  const elsewhereText = elsewhere.join('\n')
  const result: SolutionText = { lines: [], words: [] }
  for (const file of solutions) {
    const text = readFileSync(join(ROOT, file), 'utf8')
    // Short lines (`}`, `return out`) say nothing; a line of 24 characters or more is the code itself.
    for (const line of new Set(trimmedLines(text))) {
      if (line.length >= 24 && !elsewhereText.includes(squeezed(line))) result.lines.push({ file, line })
    }
    for (const word of words(text)) {
      if (word.length >= 4 && !elsewhereWords.has(word)) result.words.push({ file, word })
    }
  }
  return result
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' }

/** The text of a built HTML page, with tags removed and entities decoded, one space for each run. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16))
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
      return ENTITIES[name.toLowerCase()] ?? entity
    })
    .replace(/\s+/g, ' ')
}

/** One space for every run of white space, so a line matches however the page wrapped it. */
export const squeezed = (text: string) => text.replace(/\s+/g, ' ')
