// `npm run kata`: the kata CLI (cli/*.ts), run from a bundle built when its sources change.
// Running the TypeScript through a loader such as tsx would also hook every module vitest
// loads, and the loop would start slower than vitest itself; a bundle does not.
import { runBundled } from './bundle.mjs'

await runBundled('kata', 'cli/main.ts', 'the kata CLI', { sourcemap: 'inline' })
