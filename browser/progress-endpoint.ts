/**
 * `npm start` (the docs site's dev server) answers `/__podkata/progress` with the kata CLI's
 * own progress (.podkata/progress.txt, cli/progress.ts), so a chapter can show what
 * `npm run kata` recorded. A static build has no such address; its pages show what the
 * browser itself has seen pass (learner-storage.ts).
 */
import type { Plugin } from 'vite'
import { Progress } from '../cli/progress.ts'
import { KATAS } from '../katas/katas.ts'

export const PROGRESS_PATH = '/__podkata/progress'

export interface CliProgress {
  [slug: string]: { status: string; hintsSeen: number }
}

export function cliProgress(): CliProgress {
  const progress = Progress.load()
  return Object.fromEntries(KATAS.map((kata) => [kata.slug, { status: progress.stateOf(kata), hintsSeen: progress.of(kata)?.hintsSeen ?? 0 }]))
}

export function progressEndpoint(): Plugin {
  return {
    name: 'podkata:progress-endpoint',
    configureServer(server) {
      server.middlewares.use(PROGRESS_PATH, (_request, response) => {
        response.setHeader('content-type', 'application/json')
        response.setHeader('cache-control', 'no-store')
        response.end(JSON.stringify(cliProgress()))
      })
    },
  }
}
