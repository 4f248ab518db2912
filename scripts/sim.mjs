// `npm run sim`: the simulator's command (sim/main.ts), run from a bundle built when its
// sources change, instead of loading its TypeScript through tsx on every start. Its packages
// (yaml) go into the bundle too: loading yaml's eighty CommonJS files took longer than the run.
import { runBundled } from './bundle.mjs'

await runBundled('sim', 'sim/main.ts', 'the simulator', {
  packages: 'bundle',
  // yaml is CommonJS and requires Node's built-ins; an ES module bundle needs a `require` for that.
  banner: { js: "import { createRequire as podkataRequire } from 'node:module'; const require = podkataRequire(import.meta.url);" },
})
