/**
 * The Vite plugin that gives the in-page runner's worker its module table
 * (`import { MODULES } from 'virtual:podkata-modules'`, see module-table.ts). It goes in
 * `vite.worker.plugins`: Vite builds workers with their own plugin list.
 */
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { moduleTableSource, tableFiles } from './module-table.ts'

const ID = 'virtual:podkata-modules'
const RESOLVED = `\0${ID}`
const ROOT = fileURLToPath(new URL('..', import.meta.url))

export function podkataModules(): Plugin {
  return {
    name: 'podkata:modules',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null
      // In `vitepress dev`, an edited machinery file rebuilds the table.
      for (const file of tableFiles(ROOT)) this.addWatchFile(`${ROOT}${file}`)
      return moduleTableSource(ROOT)
    },
  }
}
