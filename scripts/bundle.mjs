// Runs one of the workbook's TypeScript commands (the kata CLI, the simulator) from a bundle
// that esbuild builds once and builds again only when one of its sources has changed.
//
// Loading the TypeScript through a loader such as tsx costs a few hundred milliseconds on
// every start (and would also hook every module vitest loads); a bundle is one plain file.
// The bundle lives inside the workbook (.podkata/build), so two copies of the workbook never
// share one. Beside it, <name>.inputs.json lists the files it was built from and when: a start
// compares their modification times with that (a few dozen stat calls, well under a millisecond
// each).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const buildDir = join(root, '.podkata', 'build')

/**
 * Builds `entry` (relative to the workbook) into .podkata/build/<name>.mjs when needed, then
 * imports it. A source that does not compile is reported in one line, with `label` saying what
 * does not compile, and the process exits 70.
 */
export async function runBundled(name, entry, label, options = {}) {
  const outfile = join(buildDir, `${name}.mjs`)
  const inputsFile = join(buildDir, `${name}.inputs.json`)
  if (isStale(outfile, inputsFile, options)) {
    try {
      await rebuild(join(root, entry), outfile, inputsFile, options)
    } catch (error) {
      // A file system problem is not a compile error: say what is in the way.
      if (typeof error.code === 'string' && error.path) {
        const where = error.path.startsWith(root) ? error.path.slice(root.length) : error.path
        const fix = error.code === 'ENOTDIR' || error.code === 'EEXIST' ? ': .podkata must be a folder; move the file of that name away' : error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'EROFS' ? ': the workbook folder must be writable' : ''
        console.error(`podkata: cannot write ${where} (${error.code})${fix}`)
        process.exit(73)
      }
      const first = error.errors?.[0]
      const where = first?.location ? ` (${first.location.file}:${first.location.line})` : ''
      console.error(`podkata: ${label} does not compile: ${first?.text ?? error.message}${where}`)
      process.exit(70)
    }
  }
  await import(pathToFileURL(outfile).href)
}

function isStale(outfile, inputsFile, options) {
  let recorded
  try {
    recorded = JSON.parse(readFileSync(inputsFile, 'utf8'))
    statSync(outfile)
  } catch {
    return true // never built
  }
  if (recorded.options !== JSON.stringify(options, optionKey)) return true
  // This script and the package's dependencies shape the bundle too.
  const files = [...recorded.inputs, fileURLToPath(import.meta.url), join(root, 'package.json')]
  for (const file of files) {
    try {
      if (statSync(file).mtimeMs >= recorded.builtAt) return true
    } catch {
      return true // a source was deleted or moved: build again, esbuild says what is missing
    }
  }
  return false
}

async function rebuild(entryPoint, outfile, inputsFile, options) {
  const builtAt = Date.now()
  // Loaded only to build: loading esbuild took longer than a whole run of the simulator.
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    metafile: true,
    absWorkingDir: root,
    write: false,
    outfile,
    ...options,
  })
  mkdirSync(dirname(outfile), { recursive: true })
  // Written under a private name, then renamed: two commands started at once (tests do) never
  // import a half-written bundle.
  const temporary = `${outfile}.${process.pid}.tmp`
  writeFileSync(temporary, result.outputFiles[0].contents)
  renameSync(temporary, outfile)
  const inputs = Object.keys(result.metafile.inputs).map((input) => join(root, input))
  writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify({ builtAt, options: JSON.stringify(options, optionKey), inputs }))
  renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile)
}

// Plugins are functions: they count by name when comparing the options a bundle was built with.
function optionKey(key, value) {
  return key === 'plugins' ? value.map((plugin) => plugin.name) : value
}
