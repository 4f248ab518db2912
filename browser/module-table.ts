/**
 * Build time (Node): the workbook's own modules as a table the in-page runner loads from, one
 * CommonJS function per file, keyed by its path in the repository (`machinery/api/manifest.ts`).
 *
 * Why a table and not one bundle: the runner must be able to swap a file for the learner's
 * version at load time, from a spec (`./pods.ts` → the learner's text) and, for `mine`, under
 * the assembled node (`solutions/01-pods/pods.ts` → the learner's). A bundle has already
 * resolved every import; the table resolves them in the page, the way the CLI's Vite plugin
 * (workbook/implementation-swap.ts) does. Import maps do not reach into workers, so the
 * functions are CommonJS, each given its own `require`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { transformSync } from 'esbuild'
import { transform } from 'sucrase'

/** What a page can load: the provided machinery, the node's assembly, the sim, the kata files. */
const ROOTS = ['machinery', 'assembly', 'render', 'solutions', 'starters', 'katas']
const SIM_FILES = ['sim/run-sim.ts', 'sim/scenario.ts', 'sim/scenario-file.ts']

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

/** The repository paths in the table. The learner's working copies in katas/ are not: the page has its own. */
export function tableFiles(root: string): string[] {
  const files = ROOTS.flatMap((dir) => walk(join(root, dir)).map((path) => relative(root, path).split(sep).join('/')))
  return [...files, ...SIM_FILES]
    .filter((path) => /\.(ts|json)$/.test(path) && !path.endsWith('.d.ts'))
    .filter((path) => !path.startsWith('katas/') || path.endsWith('.spec.ts') || path === 'katas/katas.ts')
    .sort()
}

/** One file as the body of `function (require, module, exports) { … }`. */
export function toCommonJs(path: string, text: string): string {
  if (path.endsWith('.json')) return `module.exports = ${text.trim()};`
  return transformSync(text, { loader: 'ts', format: 'cjs', target: 'es2022', sourcefile: path }).code
}

/**
 * A spec file keeps its own lines (sucrase only strips types, as for the learner's file) and is
 * made a function in the worker under its own name (sourceURL), so a failure's stack names
 * `katas/<kata>/<x>.spec.ts:L:C` the way the CLI's `spec` line does (browser/spec-run.ts).
 */
export function specFunctionSource(path: string, text: string): string {
  const body = transform(text, { transforms: ['typescript', 'imports'], disableESTransforms: true, filePath: path }).code
  return `new Function("require", "module", "exports", ${JSON.stringify(`${body}\n//# sourceURL=${path}`)})`
}

/** The source of the virtual module: `export const MODULES = { "<path>": function (require, module, exports) {…}, … }`. */
export function moduleTableSource(root: string): string {
  const entries = tableFiles(root).map((path) => {
    const text = readFileSync(join(root, path), 'utf8')
    if (path.endsWith('.spec.ts')) return `${JSON.stringify(path)}: ${specFunctionSource(path, text)}`
    const body = toCommonJs(path, text)
    return `${JSON.stringify(path)}: function (require, module, exports) {\n${body}\n}`
  })
  return `export const MODULES = {\n${entries.join(',\n')}\n};\n`
}
