/**
 * What the docs site's Vite needs for the in-page katas and simulator, kept here so
 * .vitepress/config.ts gains one line: the runner's worker as an ES module with its module
 * table, and @vue/repl kept out of SSR and dependency pre-bundling (as vuejs/docs does).
 */
import type { UserConfig } from 'vite'
import { podkataModules } from './vite-plugin.ts'

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
    plugins: [stubReplJsx],
    worker: { format: 'es', plugins: () => [podkataModules()] },
    optimizeDeps: { exclude: ['@vue/repl'] },
    ssr: { external: ['@vue/repl'] },
  }
}
