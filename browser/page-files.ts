/**
 * What a scenario's `apply: ../pods/web.yaml` reads in the page: the shipped Pods of
 * examples/pods/, as a tiny read-only file system behind `node:fs` and posix `node:path`, so
 * sim/scenario-file.ts and sim/scenario.ts run unchanged. The page's working directory is
 * `/`, so `examples/scenarios/x.yaml` + `../pods/web.yaml` is `/examples/pods/web.yaml`.
 */
const shipped = import.meta.glob('../examples/pods/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

/** `/examples/pods/web.yaml` → its text. */
export const PAGE_FILES: Record<string, string> = Object.fromEntries(Object.entries(shipped).map(([key, text]) => [`/${key.replace(/^\.\.\//, '')}`, text]))

function normalize(path: string): string {
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return `/${parts.join('/')}`
}

export const pagePath = {
  sep: '/',
  resolve: (...paths: string[]): string => {
    let joined = ''
    for (const path of paths) joined = path.startsWith('/') ? path : `${joined}/${path}`
    return normalize(joined)
  },
  join: (...paths: string[]): string => normalize(paths.join('/')).slice(paths[0]?.startsWith('/') ? 0 : 1) || '.',
  dirname: (path: string): string => {
    const cut = path.replace(/\/+$/, '').lastIndexOf('/')
    return cut < 0 ? '.' : cut === 0 ? '/' : path.slice(0, cut)
  },
  basename: (path: string, ext?: string): string => {
    const base = path.replace(/\/+$/, '').split('/').pop() ?? ''
    return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base
  },
}

/** A missing file fails as Node's does, with its code, so readManifest words it the same. */
function noSuchFile(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' })
}

function textOf(path: string): string {
  const text = PAGE_FILES[pagePath.resolve(path)]
  if (text === undefined) throw noSuchFile(path)
  return text
}

export const pageFs = {
  statSync: (path: string) => {
    const text = textOf(path)
    return { isDirectory: () => false, isFile: () => true, size: new TextEncoder().encode(text).length }
  },
  readFileSync: (path: string) => textOf(path),
  existsSync: (path: string) => pagePath.resolve(path) in PAGE_FILES,
}
