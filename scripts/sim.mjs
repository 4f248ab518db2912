// `npm run sim`: the simulator's command (sim/main.ts), run from a bundle built when its
// sources change, instead of loading its TypeScript through tsx on every start. Its packages
// (yaml) go into the bundle too: loading yaml's eighty CommonJS files took longer than the run.
//
// `--serve` (the simulator on a CRI socket, lab/) loads gRPC and the lab's TypeScript: that one
// runs through tsx as before, and the lab stays out of the bundle.
import { runBundled } from './bundle.mjs'

if (process.argv.includes('--serve')) {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../sim/main.ts')
} else {
  await runBundled('sim', 'sim/main.ts', 'the simulator', {
    packages: 'bundle',
    // yaml is CommonJS and requires Node's built-ins; an ES module bundle needs a `require` for that.
    banner: { js: "import { createRequire as podkataRequire } from 'node:module'; const require = podkataRequire(import.meta.url);" },
    plugins: [{ name: 'lab-stays-out', setup: (build) => build.onResolve({ filter: /^\.\.\/lab\// }, (args) => ({ path: args.path, external: true })) }],
  })
}
