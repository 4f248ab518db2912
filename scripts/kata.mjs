// `npm run kata`: compiles the kata CLI (cli/*.ts) into one file with esbuild, then runs it.
// Running the TypeScript through a loader such as tsx would also hook every module vitest
// loads, and the loop would start slower than vitest itself; a compiled bundle does not.
// The build takes a few tens of milliseconds, so it simply happens on every start.
import { build } from 'esbuild'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Inside the workbook (not a shared cache) so two copies of the workbook never share a build.
const outfile = `${root}.podkata/build/kata.mjs`

try {
  await build({
    entryPoints: [`${root}cli/main.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'silent',
  })
} catch (error) {
  const first = error.errors?.[0]
  const where = first?.location ? ` (${first.location.file}:${first.location.line})` : ''
  console.error(`podkata: the kata CLI does not compile: ${first?.text ?? error.message}${where}`)
  process.exit(70)
}
await import(pathToFileURL(outfile).href)
