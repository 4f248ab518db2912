/**
 * A throw-away copy of the workbook for tests of the kata CLI, so that they never touch the
 * working copies, progress or backups of whoever runs `npm test`. node_modules is linked, not
 * copied.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ROOT } from '../workbook/paths.ts'
import { runCommand, runCommandAsync, runSimCommand, type CliResult } from './run-command.ts'

/**
 * How many specs kata 1 has, counted from its spec file, so the CLI's verdict lines the tests
 * expect ("0 of N specs pass.") follow the spec file when a spec is added.
 */
export const KATA_1_SPECS = (readFileSync(join(ROOT, 'katas', '01-pods', 'pods.spec.ts'), 'utf8').match(/^\s*it\(/gm) ?? []).length

const COPIED = ['cli', 'katas', 'starters', 'solutions', 'machinery', 'assembly', 'sim', 'render', 'workbook', 'scripts', 'examples', 'lab', 'package.json', 'tsconfig.json']


export class TempWorkbook {
  readonly root: string

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'podkata-test-'))
    for (const entry of COPIED) {
      cpSync(join(ROOT, entry), join(this.root, entry), {
        recursive: true,
        // Only the pristine tree: no working copies or state from the developer's checkout.
        filter: (source) => !/\/katas\/[^/]+\/(?![^/]+\.spec\.ts$)[^/]+$/.test(source) || source.endsWith('katas.ts'),
      })
    }
    symlinkSync(join(ROOT, 'node_modules'), join(this.root, 'node_modules'), 'dir')
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts)
  }

  read(...parts: string[]): string {
    return readFileSync(this.path(...parts), 'utf8')
  }

  write(relativePath: string, text: string): void {
    mkdirSync(dirname(this.path(relativePath)), { recursive: true })
    writeFileSync(this.path(relativePath), text)
  }

  /** Runs `npm run kata -- <args>` (the same script, without npm's banner). */
  kata(...args: string[]): CliResult {
    return runCommand([this.path('scripts', 'kata.mjs'), ...args], this.root)
  }

  /** `kata(...)` without waiting for it (see runCommandAsync). */
  kataAsync(...args: string[]): Promise<CliResult> {
    return runCommandAsync([this.path('scripts', 'kata.mjs'), ...args], this.root)
  }

  /** Runs `npm run sim -- <args>` in this workbook. */
  sim(...args: string[]): CliResult {
    return runSimCommand(args, this.root)
  }

  /** `sim(...)` without waiting for it (see runCommandAsync). */
  simAsync(...args: string[]): Promise<CliResult> {
    return runCommandAsync([this.path('scripts', 'sim.mjs'), ...args], this.root)
  }

  /** Starts the watch loop with piped stdin: write a key and a newline to press it. */
  startWatchLoop(...args: string[]) {
    return spawn(process.execPath, [this.path('scripts', 'kata.mjs'), ...args], {
      cwd: this.root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}
