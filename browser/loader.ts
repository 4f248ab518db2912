/**
 * The in-page runner's module loader: `require(path)` over the module table (module-table.ts)
 * and the learner's files, with the same swap rules as the CLI's Vite plugin
 * (workbook/implementation-swap.ts). A new loader for every run gives a fresh module graph,
 * as vitest's isolation does.
 */
import type { RunMode } from './messages.ts'

export type ModuleFunction = (require: (id: string) => unknown, module: { exports: unknown }, exports: unknown) => void

export interface LoaderOptions {
  modules: Record<string, ModuleFunction>
  /** Packages and Node built-ins by bare name: `vitest`, `yaml`, `node:fs`, … */
  builtins: Record<string, unknown>
  /** The learner's files by repository path (`katas/01-pods/pods.ts`). */
  learner: Record<string, string>
  mode: RunMode
  /** TypeScript → CommonJS for a learner's file, keeping its line numbers. */
  compile: (path: string, text: string) => string
}

/** A learner's file failed to compile: where, in the learner's own lines. */
export class LearnerCompileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message)
  }
}

const SPEC = /\.spec\.ts$/
/** `<dir>/<kata folder>/<file>.ts`, not a spec: a file a learner edits, or its twin. */
const KATA_FILE = /^(katas|solutions|starters)\/([^/]+)\/([^/]+\.ts)$/

export function joinPath(from: string, relative: string): string {
  const parts = from.split('/').slice(0, -1)
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.') parts.push(part)
  }
  return parts.join('/')
}

/** Which file an import means, after the swap for this run's mode. */
export function resolveImport(id: string, importer: string, options: Pick<LoaderOptions, 'modules' | 'learner' | 'mode'>): string {
  const joined = joinPath(importer, id)
  const exists = (path: string) => path in options.modules || path in options.learner
  const path = [joined, `${joined}.ts`, `${joined}/index.ts`].find(exists) ?? (/^katas\/[^/]+\/[^/]+\.ts$/.test(joined) ? joined : undefined)
  if (!path) throw new Error(`Cannot find module '${id}' imported from ${importer}`)
  const match = KATA_FILE.exec(path)
  if (!match || SPEC.test(path)) return path
  const [, dir, kata, file] = match
  if (SPEC.test(importer) && dir === 'katas') {
    if (options.mode === 'reference') return `solutions/${kata}/${file}`
    if (options.mode === 'starter') return `starters/${kata}/${file}`
    return path
  }
  // `mine`: the assembled node's reference parts become the learner's, where the learner has
  // them; a learner's file that builds on the reference itself (class … extends the
  // reference's) still gets the reference.
  const twin = `katas/${kata}/${file}`
  if (options.mode === 'mine' && dir === 'solutions' && twin in options.learner && importer !== twin) return twin
  return path
}

/**
 * Sucrase's CommonJS output defines `export *` names as getters and then assigns a local
 * export of the same name, which throws; in ESM the local export wins. So learner modules get
 * exports where an assignment redefines the property.
 */
function esmLikeExports(): Record<string, unknown> {
  return new Proxy({} as Record<string, unknown>, {
    set(target, key, value) {
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
      return true
    },
    defineProperty(target, key, descriptor) {
      return Reflect.defineProperty(target, key, { ...descriptor, configurable: true })
    },
  })
}

/** How many lines `new Function` puts before the body: stacks are in the body's own lines after subtracting it. */
export const FUNCTION_HEADER_LINES = (() => {
  try {
    new Function('throw new Error()\n//# sourceURL=podkata-probe')()
  } catch (error) {
    const line = /podkata-probe:(\d+)/.exec(String((error as Error).stack))?.[1]
    if (line) return Number(line) - 1
  }
  return 2
})()

export function createLoader(options: LoaderOptions): (path: string) => unknown {
  const cache = new Map<string, { exports: unknown }>()
  const load = (path: string): unknown => {
    const cached = cache.get(path)
    if (cached) return cached.exports
    const module: { exports: unknown } = { exports: {} }
    let body: ModuleFunction
    if (path in options.learner) {
      module.exports = esmLikeExports()
      const code = options.compile(path, options.learner[path]!)
      body = new Function('require', 'module', 'exports', `${code}\n//# sourceURL=${path}`) as ModuleFunction
    } else if (path in options.modules) {
      body = options.modules[path]!
    } else {
      throw new Error(`Cannot find module './${path.split('/').pop()}': your file ${path} is not in the page's store`)
    }
    cache.set(path, module)
    const require = (id: string) => {
      if (id in options.builtins) return options.builtins[id]
      if (!id.startsWith('.')) throw new Error(`Cannot find package '${id}' in the page (imported from ${path})`)
      return load(resolveImport(id, path, options))
    }
    body(require, module, module.exports)
    return module.exports
  }
  return load
}
