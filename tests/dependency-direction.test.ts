/**
 * Which way the workbook's code depends (issue 9): what learners write and the reference answers
 * sit on top of the provided machinery, never under it. The node is put together in assembly/,
 * and that is the one provided module that imports a reference answer.
 *
 * Read from the sources' import statements (static, side-effect and dynamic imports), each
 * resolved against the file that makes it. File paths named in strings (the CLI's `solution`
 * command showing the reference file, the in-page loader mapping a spec to it) are not imports
 * and are not checked here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')

/** The provided parts of the workbook: none of them may import a reference answer, except assembly/. */
const PROVIDED = ['machinery', 'render', 'locale', 'sim', 'cli', 'workbook', 'browser', 'assembly', 'lab', 'kit', 'scripts', '.vitepress']
const SKIP = new Set(['node_modules', 'dist', 'cache', 'screenshots', 'fixtures'])

function sources(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) found.push(...sources(path))
    } else if (/\.(ts|mts|mjs|vue)$/.test(entry.name) && !/\.(test|spec)\.ts$/.test(entry.name)) {
      found.push(path)
    }
  }
  return found
}

/** Every relative module a file imports, as a path from the workbook's root. */
export function importsOf(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]!)
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s.split('?')[0]!)).split(sep).join('/'))
}

const top = (path: string) => path.split('/')[0]!
const graph = new Map<string, string[]>(
  [...PROVIDED, 'starters'].flatMap((dir) => sources(dir)).map((file) => [file.split(sep).join('/'), importsOf(file, readFileSync(join(ROOT, file), 'utf8'))]),
)
const importing = (from: (file: string) => boolean, into: (target: string) => boolean) =>
  [...graph].flatMap(([file, targets]) => (from(file) ? targets.filter(into).map((target) => `${file} → ${target}`) : []))

describe('the direction of dependencies', () => {
  it('reads imports of every kind, relative to the importing file', () => {
    const text = [
      "import { a } from '../../solutions/01-pods/pods.ts'",
      "import type {\n  B,\n} from './b.ts'",
      "export { c } from '../../katas/04-syncpod/sync-pod.ts'",
      "import './side-effect.css'",
      "const d = () => import('../../solutions/05-pause/pause.ts?reference')",
      "import { e } from 'vitest'",
    ].join('\n')
    expect(importsOf('cli/commands/x.ts', text)).toEqual([
      'solutions/01-pods/pods.ts',
      'cli/commands/b.ts',
      'katas/04-syncpod/sync-pod.ts',
      'cli/commands/side-effect.css',
      'solutions/05-pause/pause.ts',
    ])
    // And on the workbook itself: the assembly's imports of the reference are seen.
    expect(graph.get('assembly/reference-parts.ts')).toContain('solutions/04-syncpod/sync-pod.ts')
  })

  it('machinery/ imports nothing from the answers, the learner’s files or the starters', () => {
    expect(importing((file) => top(file) === 'machinery', (target) => ['solutions', 'katas', 'starters', 'proof'].includes(top(target)))).toEqual([])
  })

  it('assembly/ is the only provided code that imports a reference answer', () => {
    expect(importing((file) => top(file) !== 'assembly', (target) => top(target) === 'solutions')).toEqual([])
  })

  it('a starter builds only on the provided machinery, never on an answer or another kata', () => {
    const answers = importing((file) => top(file) === 'starters', (target) => ['solutions', 'katas', 'proof'].includes(top(target)))
    expect(answers).toEqual([])
  })

  it('the provided code reaches into katas/ only for the catalogue and its translations, or through the assembly', () => {
    const catalogue = /^katas\/katas(\.ko)?\.ts$/
    const reached = importing(
      (file) => top(file) !== 'assembly',
      (target) => top(target) === 'katas' && !catalogue.test(target),
    )
    expect(reached).toEqual([])
  })
})
