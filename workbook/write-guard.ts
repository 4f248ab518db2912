/**
 * What keeps a learner's code from writing where it must not, installed in a thread before the
 * learner's code loads: the kata CLI's spec worker (spec-write-guard.ts, a vitest setup file)
 * and `sim --mine`'s worker (sim/learner-worker.ts). The code may write only inside its own
 * kata's folder (for the specs, the folder of the spec file that is running) and in the
 * system's temporary folder outside the workbook. Everything else — another kata's
 * working copy, .podkata/ with the backups and the progress, the rest of the workbook, the
 * learner's home — is refused with an error the spec reports, before anything is touched.
 *
 * Why not Node's permission model (`--experimental-permission --allow-fs-write=…` on Node 20):
 * it applies to a whole process, and the spec worker is a thread of the CLI's process (kept
 * warm between saves, see warm-worker.ts), whose main thread must write progress and backups.
 * So the worker's own copies of the `fs` functions are wrapped instead (a thread has its own
 * module instances; the CLI's main thread is unaffected), and so are the ways round them that
 * need no effort: child processes, new worker threads, `process.binding('fs')`. It guards
 * against a learner's code deleting or overwriting work by mistake; it is not a sandbox for
 * code written to escape it (docs/guide/working-a-kata.md says so).
 */
import childProcess from 'node:child_process'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import workerThreads from 'node:worker_threads'
import { ROOT } from './paths.ts'

const GUARDED = Symbol.for('podkata.write-guard')

/** Which argument(s) of each function name a path it writes (or removes, for rename's source). */
const WRITES: Record<string, number[]> = {
  writeFile: [0],
  appendFile: [0],
  rm: [0],
  rmdir: [0],
  unlink: [0],
  mkdir: [0],
  mkdtemp: [0],
  truncate: [0],
  chmod: [0],
  lchmod: [0],
  chown: [0],
  lchown: [0],
  utimes: [0],
  lutimes: [0],
  rename: [0, 1],
  copyFile: [1],
  cp: [1],
  symlink: [1],
  link: [1],
  createWriteStream: [0],
}

class WriteRefused extends Error {
  override name = 'WriteRefused'
  readonly code = 'ERR_ACCESS_DENIED'
}

export interface WriteGuardOptions {
  /** Whose code it is, as the refusal names it: `code run by the specs`. */
  who: string
  /** The kata folder the code may write in, asked at each write (undefined: none). */
  kataFolder: () => string | undefined
}

function inside(path: string, folder: string): boolean {
  const rest = relative(folder, path)
  return rest === '' || (!rest.startsWith('..') && !rest.startsWith(sep) && rest !== '..')
}

/** The path with every symbolic link in its existing part resolved: a link cannot lead out. */
function real(path: string): string {
  const absolute = resolve(path)
  const missing: string[] = []
  for (let dir = absolute; ; dir = dirname(dir)) {
    try {
      return join(fs.realpathSync.native(dir), ...missing.reverse())
    } catch {
      if (dirname(dir) === dir) return absolute
      missing.push(dir.slice(dirname(dir).length).replace(/^[\\/]/, ''))
    }
  }
}

const ROOT_REAL = real(ROOT)
const TMP_REAL = real(tmpdir())

function check(options: WriteGuardOptions, name: string, target: unknown): void {
  if (typeof target !== 'string' && !(target instanceof URL) && !Buffer.isBuffer(target)) return // a file descriptor
  const path = real(target instanceof URL ? target.pathname : target.toString())
  const kata = options.kataFolder()
  const allowed = inside(path, ROOT_REAL) ? kata !== undefined && inside(path, real(kata)) : inside(path, TMP_REAL)
  if (allowed) return
  const shown = inside(path, ROOT_REAL) ? relative(ROOT_REAL, path) || '.' : path
  const where = kata ? `${relative(ROOT, kata)}/ and the temporary folder` : 'the temporary folder'
  throw new WriteRefused(`podkata: ${options.who} may write only inside ${where}; ${name}(${JSON.stringify(shown)}) was refused, and nothing was changed`)
}

const WRITE_FLAGS = /[wa+]/
const O_WRITE = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND

function opensForWriting(flags: unknown): boolean {
  return typeof flags === 'number' ? (flags & O_WRITE) !== 0 : typeof flags === 'string' && WRITE_FLAGS.test(flags)
}

type AnyFunction = (...args: unknown[]) => unknown

function wrap(target: Record<string, unknown>, name: string, before: (args: unknown[]) => void): void {
  const original = target[name]
  if (typeof original !== 'function') return
  const guarded = function (this: unknown, ...args: unknown[]) {
    before(args)
    return (original as AnyFunction).apply(this, args)
  }
  Object.defineProperties(guarded, Object.getOwnPropertyDescriptors(original))
  target[name] = guarded
}

function guardFs(options: WriteGuardOptions, target: Record<string, unknown>, suffixes: string[]): void {
  for (const [base, positions] of Object.entries(WRITES)) {
    for (const name of suffixes.map((suffix) => base + suffix)) wrap(target, name, (args) => positions.forEach((i) => check(options, name, args[i])))
  }
  for (const name of suffixes.map((suffix) => 'open' + suffix)) {
    wrap(target, name, (args) => {
      if (opensForWriting(args[1])) check(options, name, args[0])
    })
  }
}

/** Guards this thread from now on; a second call changes nothing (the first one's options stay). */
export function installWriteGuard(options: WriteGuardOptions): void {
  const state = globalThis as { [GUARDED]?: true }
  if (state[GUARDED]) return
  state[GUARDED] = true
  const refuse = (what: string): never => {
    throw new WriteRefused(`podkata: ${options.who} may not ${what}`)
  }
  guardFs(options, fs as unknown as Record<string, unknown>, ['', 'Sync'])
  guardFs(options, fs.promises as unknown as Record<string, unknown>, [''])
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
    wrap(childProcess as unknown as Record<string, unknown>, name, () => refuse('start other processes'))
  }
  const { Worker } = workerThreads
  ;(workerThreads as { Worker: unknown }).Worker = class extends Worker {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      refuse('start worker threads')
      super(...args)
    }
  }
  // Deprecated and absent from @types/node, but still there at run time.
  const legacy = process as unknown as { binding: (name: string) => unknown }
  const binding = legacy.binding
  legacy.binding = function (this: unknown, name: string) {
    if (name === 'fs') refuse("use process.binding('fs')")
    return binding.call(this, name)
  }
  // ESM imports of node:fs and the others read these exports, not the objects patched above.
  syncBuiltinESMExports()
}
