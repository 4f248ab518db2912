/**
 * What the docs site's Vite needs for the in-page katas and simulator, kept here so
 * .vitepress/config.ts gains one line: the runner's worker as an ES module with its module
 * table, and @vue/repl kept out of SSR and dependency pre-bundling (as vuejs/docs does).
 */
import { readFileSync } from 'node:fs'
import type { Plugin, UserConfig } from 'vite'
import { progressEndpoint } from './progress-endpoint.ts'
import { podkataModules } from './vite-plugin.ts'

/**
 * `import text from '…/solutions/<kata>/<file>.ts?reference'`: the reference's text, for the
 * page that shows it after a pass. Its own chunk, fetched only then, and base64 in it, so that
 * no line of a solution reads in the built site (e2e/no-solution.test.ts) or its search index.
 */
const referenceText: Plugin = {
  name: 'podkata:reference-text',
  enforce: 'pre',
  load(id) {
    const [path, query] = id.split('?')
    if (query !== 'reference' || !path || !/[\\/]solutions[\\/][^\\/]+[\\/][^\\/]+\.ts$/.test(path)) return null
    const encoded = Buffer.from(readFileSync(path, 'utf8')).toString('base64')
    return `export default new TextDecoder().decode(Uint8Array.from(atob(${JSON.stringify(encoded)}), (c) => c.charCodeAt(0)))`
  },
}

/**
 * @vue/repl's lazily imported Babel chunk (4 MB) is only for .jsx/.tsx files, which no kata
 * has; stubbing it keeps the build seconds shorter (research: tech-notes.md §2).
 */
const stubReplJsx = {
  name: 'podkata:stub-vue-repl-jsx',
  enforce: 'pre' as const,
  resolveId(id: string, importer: string | undefined) {
    if (importer?.includes('@vue/repl') && /jsx-[\w-]+\.js$/.test(id)) return '\0vue-repl-jsx-stub'
    return null
  },
  load(id: string) {
    return id === '\0vue-repl-jsx-stub' ? 'export function transformJSX() { throw new Error("no JSX in the katas") }' : null
  },
}

export function inPageVite(): UserConfig {
  return {
    // The dev server serves the worker through the page's plugins; a build, through worker.plugins.
    plugins: [stubReplJsx, referenceText, progressEndpoint(), podkataModules()],
    worker: { format: 'es', plugins: () => [podkataModules()] },
    optimizeDeps: { exclude: ['@vue/repl'] },
    ssr: { external: ['@vue/repl'] },
  }
}
