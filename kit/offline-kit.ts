/**
 * `npm run offline-kit`: everything a room without internet needs to install the workbook, in
 * one folder to copy onto a USB stick (handouts/offline/ by default):
 *
 *   podkata-<version>.tgz   the workbook, packed by `npm pack`, with its lockfile inside
 *                           (as npm-shrinkwrap.json: npm never packs a package-lock.json)
 *   npm-cache/              every package the lockfile names, for this machine's OS and CPU,
 *                           plus those of each `--platform os-cpu` asked for
 *   README.txt              the commands to run in the room
 *
 * Made on a connected machine; in the room, `npm ci --offline --cache <stick>/npm-cache`
 * installs from it without a network. `--check` then proves it: it unpacks the tarball in a
 * fresh folder, installs with --offline against an unreachable registry, and runs the kata list.
 *
 *   npm run offline-kit [-- --out DIR] [--platform darwin-arm64 --platform win32-x64 …] [--check]
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ROOT } from '../workbook/paths.ts'

export const DEFAULT_OUT = join(ROOT, 'handouts', 'offline')
/**
 * A proxy that never answers: with it, any request the offline install tried would fail, on
 * top of --offline's own promise to use only the cache. (Pointing --registry elsewhere would
 * not do: npm then rewrites the lockfile's URLs, and they no longer match the cache.)
 */
const NO_NETWORK = ['--proxy', 'http://127.0.0.1:9', '--https-proxy', 'http://127.0.0.1:9']
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error']

class UsageError extends Error {}

interface Options {
  out: string
  platforms: { os: string; cpu: string }[]
  check: boolean
  /** Only --check an existing kit. */
  checkOnly: boolean
}

function parseArgs(argv: string[]): Options {
  const options: Options = { out: DEFAULT_OUT, platforms: [], check: false, checkOnly: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--check') options.check = true
    else if (arg === '--check-only') options.check = options.checkOnly = true
    else if (arg === '--out' && argv[i + 1]) options.out = resolve(argv[++i]!)
    else if (arg === '--platform' && /^[a-z0-9]+-[a-z0-9]+$/.test(argv[i + 1] ?? '')) {
      const [os, cpu] = argv[++i]!.split('-') as [string, string]
      options.platforms.push({ os, cpu })
    } else
      throw new UsageError(
        `unknown option ${arg} (npm run offline-kit -- [--out DIR] [--platform darwin-arm64 …] [--check | --check-only])`,
      )
  }
  return options
}

function run(command: string, args: string[], cwd: string, what: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } })
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`)
    throw new Error(`${what} failed (${command} ${args.join(' ')})`)
  }
  return result.stdout
}

const npm = (args: string[], cwd: string, what: string) => run('npm', args, cwd, what)

interface PackedFile {
  path: string
}

/** The workbook as `npm pack` sees it (git's ignore rules apply), plus its lockfile. */
function packWorkbook(out: string): string {
  const listing = JSON.parse(npm(['pack', '--dry-run', '--json', '--loglevel=error'], ROOT, 'listing the package')) as {
    files: PackedFile[]
  }[]
  const stage = mkdtempSync(join(tmpdir(), 'podkata-pack-'))
  try {
    for (const { path } of listing[0]!.files) {
      mkdirSync(dirname(join(stage, path)), { recursive: true })
      cpSync(join(ROOT, path), join(stage, path))
    }
    // npm packs a shrinkwrap but never a package-lock.json; `npm ci` needs one of the two.
    cpSync(join(ROOT, 'package-lock.json'), join(stage, 'npm-shrinkwrap.json'))
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', out, '--loglevel=error'], stage, 'npm pack')) as {
      filename: string
    }[]
    return join(out, packed[0]!.filename)
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

function unpack(tarball: string, into: string): void {
  mkdirSync(into, { recursive: true })
  run('tar', ['-xzf', tarball, '-C', into, '--strip-components=1'], into, 'unpacking the tarball')
}

/** Installs once with the network, into an empty cache: every tarball for this machine lands in it. */
function fillCache(tarball: string, cache: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'podkata-fill-'))
  try {
    unpack(tarball, scratch)
    npm(['ci', '--cache', cache, '--ignore-scripts', ...NPM_QUIET], scratch, 'filling the npm cache')
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

interface LockedPackage {
  version?: string
  os?: string[]
  cpu?: string[]
}

/**
 * The lockfile's packages built for one OS and CPU (esbuild, rolldown, lightningcss, …), as
 * `name@version`. The lockfile has no URL for another platform's packages, only their names
 * (the key, node_modules/<name>) and versions.
 */
export function packagesFor(lock: { packages: Record<string, LockedPackage> }, os: string, cpu: string): string[] {
  return Object.entries(lock.packages)
    .filter(([path, p]) => path.startsWith('node_modules/') && p.version && (p.os || p.cpu))
    .filter(([, p]) => (!p.os || p.os.includes(os)) && (!p.cpu || p.cpu.includes(cpu)))
    .map(([path, p]) => `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${p.version}`)
}

function addPlatforms(cache: string, platforms: Options['platforms']): number {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> }
  const specs = [...new Set(platforms.flatMap(({ os, cpu }) => packagesFor(lock, os, cpu)))]
  if (specs.length) npm(['cache', 'add', '--cache', cache, '--loglevel=error', ...specs], ROOT, 'adding other platforms')
  return specs.length
}

function roomInstructions(tarballName: string): string {
  return `podkata in a room without internet
===================================

Copy this whole folder to each laptop (or run it from the stick), then, with no network:

  mkdir podkata
  tar -xzf ${tarballName} -C podkata --strip-components=1
  cd podkata
  npm ci --offline --cache ../npm-cache --no-audit --no-fund
  npm run kata -- list

(the --cache path is this folder's npm-cache, relative to podkata/). Node.js 20.19 or newer
must already be installed. The list shows six katas, none solved: the laptop is ready.
The cache holds the packages for the OS and CPU of the machine that made it, and of each
--platform given to \`npm run offline-kit\` (e.g. --platform darwin-arm64 --platform win32-x64).
`
}

/** Whether this machine can run a command in a network namespace of its own (root on Linux). */
function canCutNetwork(): boolean {
  return process.platform === 'linux' && spawnSync('unshare', ['-n', 'true']).status === 0
}

/**
 * Installs from the kit with no network, the way a laptop in the room would, and runs the list.
 * Where it can, it runs npm in a network namespace with nothing but a loopback that is down: a
 * room with no network at all. Elsewhere the dead proxy stands in for it.
 */
export function checkKit(out: string, log: (line: string) => void): void {
  const tarball = readFileSync(join(out, 'tarball.txt'), 'utf8').trim()
  const room = mkdtempSync(join(tmpdir(), 'podkata-room-'))
  try {
    const workbook = join(room, 'podkata')
    unpack(join(out, tarball), workbook)
    const started = performance.now()
    const install = ['ci', '--offline', '--cache', join(out, 'npm-cache'), ...NO_NETWORK, ...NPM_QUIET]
    const isolated = canCutNetwork()
    if (isolated) run('unshare', ['-n', 'npm', ...install], workbook, 'the offline install (no network namespace)')
    else npm(install, workbook, 'the offline install')
    const how = isolated ? 'in a network namespace with no network' : 'with --offline and a dead proxy'
    log(`  npm ci --offline: installed in ${((performance.now() - started) / 1000).toFixed(1)} s, ${how}`)
    const list = run(process.execPath, ['scripts/kata.mjs', 'list'], workbook, 'npm run kata -- list')
    log('  npm run kata -- list:')
    log(list.trimEnd().replace(/^/gm, '    '))
  } finally {
    rmSync(room, { recursive: true, force: true })
  }
}

export function makeKit(options: Omit<Options, 'check' | 'checkOnly'>, log: (line: string) => void): void {
  rmSync(options.out, { recursive: true, force: true })
  mkdirSync(options.out, { recursive: true })
  const tarball = packWorkbook(options.out)
  const name = tarball.slice(options.out.length + 1)
  log(`  packed ${name}`)
  const cache = join(options.out, 'npm-cache')
  fillCache(tarball, cache)
  log(`  npm-cache filled for ${process.platform}-${process.arch}`)
  const extra = addPlatforms(cache, options.platforms)
  if (options.platforms.length) log(`  + ${extra} packages for ${options.platforms.map((p) => `${p.os}-${p.cpu}`).join(', ')}`)
  writeFileSync(join(options.out, 'tarball.txt'), name + '\n')
  writeFileSync(join(options.out, 'README.txt'), roomInstructions(name))
}

async function main(): Promise<void> {
  try {
    const options = parseArgs(process.argv.slice(2))
    const log = (line: string) => console.log(line)
    if (!options.checkOnly) {
      log(`offline kit → ${options.out}`)
      makeKit(options, log)
    }
    if (options.check) {
      if (!existsSync(join(options.out, 'tarball.txt'))) throw new UsageError(`no offline kit in ${options.out}: run npm run offline-kit first`)
      log('checking it as a laptop without network would use it …')
      checkKit(options.out, log)
    }
  } catch (error) {
    console.error(`offline-kit: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = error instanceof UsageError ? 2 : 1
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main()
