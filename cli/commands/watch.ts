/**
 * `npm run kata [-- <kata>]`: the watch loop. It opens the kata named, or the first one not
 * solved, runs its specs, and runs them again every time a file of that kata is saved. Keys: h hint, n next
 * kata, l list, r run again, s solution (once solved), q quit.
 *
 * Like rustlings' watch mode: say "Checking…" at once, ignore saves while a run is going
 * (and run once more afterwards), and fall back to a manual `r` when the system cannot watch
 * files (network file systems, some VMs), saying so.
 *
 * Once a verdict is drawn, the kata's files are type-checked in the background, and the type
 * errors, if any, are added under it (cli/type-check.ts): the verdict never waits for them.
 */
import { statSync, watch as watchDirectory, type FSWatcher } from 'node:fs'
import { join, relative } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { KATAS, type Kata } from '../../katas/katas.ts'
import { KATAS_DIR, ROOT } from '../../workbook/paths.ts'
import { ensureWorkingCopies, isAtStarter, workingCopyPath } from '../../workbook/working-copies.ts'
import { Progress } from '../progress.ts'
import { offeredHint, renderHint, renderRun } from '../report.ts'
import { passed, SpecRunner, type KataRun } from '../spec-runner.ts'
import { describeFileProblem } from '../file-problems.ts'
import { bold, cyan, dim, green, yellow } from '../style.ts'
import { renderTypeCheck, TypeCheck } from '../type-check.ts'
import { renderList } from './list.ts'
import { renderSolution } from './solution.ts'

/** How often to check that the watched kata folder is still the same folder. */
const FOLDER_CHECK_MS = 1000

/** Which folder this is: a replaced folder may get the same inode number, but not the same birth time. */
function inodeOf(path: string): string | undefined {
  try {
    const stat = statSync(path)
    return `${stat.ino}@${stat.birthtimeMs}`
  } catch {
    return undefined
  }
}

/** Editors write a file in several steps (write, rename) within a few ms; wait this long for the last. */
const DEBOUNCE_MS = 20

export async function watch(options: { manual: boolean; kata?: Kata }): Promise<number> {
  ensureWorkingCopies()
  const progress = Progress.load()
  const first = options.kata ?? KATAS.find((kata) => !progress.isSolved(kata)) ?? KATAS[KATAS.length - 1]!
  const loop = new WatchLoop(await SpecRunner.start(), progress, first, options.manual)
  return loop.run()
}

class WatchLoop {
  private watcher: FSWatcher | undefined
  private debounce: NodeJS.Timeout | undefined
  private running = false
  private changedWhileRunning = new Set<string>()
  private lastRun: KataRun | undefined
  /** The hint level last shown for this run, so that h again goes one level further. */
  private hintShown: number | undefined
  private footnote = ''
  private quitting = false
  private folderCheck: NodeJS.Timeout | undefined
  /** Type errors in the learner's files, found after the last verdict was drawn. */
  private typeErrors = ''
  /** What the last draw showed besides the run (a hint, the list), kept when type errors arrive. */
  private lastExtra = ''
  private readonly typeCheck = new TypeCheck()
  private lines: Interface | undefined
  private finish: (code: number) => void = () => {}
  private readonly interactive = Boolean(process.stdin.isTTY)

  constructor(
    private readonly runner: SpecRunner,
    private readonly progress: Progress,
    private kata: Kata,
    private manual: boolean,
  ) {}

  run(): Promise<number> {
    const done = new Promise<number>((resolve) => (this.finish = resolve))
    this.listenForKeys()
    this.openKata(this.kata)
    return done
  }

  private openKata(kata: Kata): void {
    this.kata = kata
    this.lastRun = undefined
    this.hintShown = undefined
    this.footnote = ''
    this.watchKataFolder()
    void this.check([])
  }

  private watchKataFolder(): void {
    this.watcher?.close()
    clearInterval(this.folderCheck)
    if (this.manual) return
    const folder = join(KATAS_DIR, this.kata.folder)
    const files = new Set([...this.kata.files, this.kata.spec])
    try {
      this.watcher = watchDirectory(folder, (_event, filename) => {
        if (filename && files.has(filename.toString())) this.fileSaved(join(folder, filename.toString()))
      })
    } catch (error) {
      this.fallBackToManual(error)
      return
    }
    // A watch follows the folder's inode. `git checkout` or `git clean` can replace the folder,
    // and the watch then errors or goes quiet; notice that and watch the new folder.
    const inode = inodeOf(folder)
    this.watcher.on('error', (error) => {
      if (inodeOf(folder) === inode) this.fallBackToManual(error)
    })
    this.folderCheck = setInterval(() => {
      const now = inodeOf(folder)
      if (now !== undefined && now !== inode) {
        this.watchKataFolder()
        this.fileSaved(join(folder, this.kata.files[0] ?? this.kata.spec))
      }
    }, FOLDER_CHECK_MS)
  }

  private fallBackToManual(error: unknown): void {
    this.manual = true
    this.watcher?.close()
    this.footnote = `Files cannot be watched here (${(error as Error).message}). Save, then press r to run the specs.`
    this.draw()
  }

  private fileSaved(path: string): void {
    this.changedWhileRunning.add(path)
    clearTimeout(this.debounce)
    this.debounce = setTimeout(() => void this.check([...this.changedWhileRunning]), DEBOUNCE_MS)
  }

  private async check(changed: string[]): Promise<void> {
    if (this.running) return // the run in progress picks these changes up when it ends
    this.running = true
    this.changedWhileRunning.clear()
    // A deleted working copy comes back as the starter (`reset` keeps backups; this is a fresh file).
    let recreated: string[] = []
    let notRecreated = ''
    try {
      recreated = ensureWorkingCopies([this.kata]).map((file) => relative(ROOT, file))
    } catch (error) {
      // A read-only kata folder: run what is there (the specs say what is missing) and say why.
      notRecreated = describeFileProblem(error) ?? (error as Error).message
    }
    this.status(dim('Checking…'))
    const kata = this.kata
    const run = await this.runner.run(kata, [...changed, ...recreated.map((file) => join(ROOT, file))])
    this.running = false
    if (this.quitting) return // stopped by the learner leaving, not a verdict on their code
    if (kata !== this.kata) return void this.check([]) // the learner moved on while this ran: run the new kata
    const wasSolved = this.progress.isSolved(kata)
    this.progress.record(kata, passed(run) ? 'solved' : 'failing')
    this.lastRun = run
    this.hintShown = undefined
    this.footnote = passed(run) ? this.solvedMessage(wasSolved) : ''
    if (recreated.length > 0) this.footnote = dim(`${recreated.join(', ')} was missing, so it was made again from its starter.`)
    if (notRecreated) this.footnote = yellow(`A file of this kata is missing and could not be made again from its starter: ${notRecreated}`)
    if (this.progress.saveProblem) this.footnote = [this.footnote, yellow(`Your progress is not saved: ${this.progress.saveProblem}`)].filter(Boolean).join('\n')
    this.typeErrors = ''
    this.draw()
    if (this.changedWhileRunning.size > 0) void this.check([...this.changedWhileRunning])
    else void this.showTypeErrors(run)
  }

  /** Type-checks the kata's files once the verdict is on screen; redraws only if there is something to say. */
  private async showTypeErrors(run: KataRun): Promise<void> {
    if (isAtStarter(run.kata)) return
    const result = await this.typeCheck.check(run.kata.files.map((file) => workingCopyPath(run.kata, file)))
    if (this.quitting || this.running || this.lastRun !== run) return // a newer run is on its way
    const section = renderTypeCheck(result)
    if (!section) return
    this.typeErrors = section
    this.draw(this.lastExtra)
  }

  private solvedMessage(wasSolvedBefore: boolean): string {
    const next = KATAS[KATAS.indexOf(this.kata) + 1]
    const onwards = next
      ? `Press ${bold('n')} for kata ${next.number} (${next.slug}), or ${bold('s')} to compare your code with the reference.`
      : `That was the last kata. Press ${bold('s')} for the reference, and run ${bold('npm run kata -- verify --mine')} for the capstone.`
    return (wasSolvedBefore ? '' : green('Well done. ')) + onwards
  }

  private draw(extra = ''): void {
    this.lastExtra = extra
    if (this.interactive) process.stdout.write('\u001b[2J\u001b[3J\u001b[H')
    else process.stdout.write('\n' + dim('─'.repeat(72)) + '\n')
    const body = this.lastRun ? renderRun(this.lastRun, this.progress.of(this.kata)?.hintsSeen ?? 0, true) : ''
    const sections = [body, this.typeErrors, extra, this.footnote, this.legend()].filter(Boolean)
    process.stdout.write(sections.join('\n\n') + '\n')
  }

  private status(text: string): void {
    process.stdout.write(text + '\n')
  }

  private legend(): string {
    const keys = ['h hint', 'n next kata', 'l list', 'r run again', ...(this.progress.isSolved(this.kata) ? ['s solution'] : []), 'q quit']
    const watching = this.manual ? 'not watching files: press r after saving' : `watching ${relative(ROOT, join(KATAS_DIR, this.kata.folder))}/`
    return dim(`${keys.map((k) => cyan(k.split(' ')[0]!) + k.slice(1)).join(' · ')}   ${watching}`)
  }

  private listenForKeys(): void {
    // Ctrl-C as a signal (piped input, or `kill -INT`); in raw mode it arrives as a key instead.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void this.quit())
    if (this.interactive) {
      process.stdin.setRawMode(true)
      process.stdin.resume()
      process.stdin.on('data', (data) => void this.key(data.toString()))
    } else {
      // Piped input (scripts, tests): one key per line.
      this.lines = createInterface({ input: process.stdin })
      this.lines.on('line', (line) => void this.key(line.trim().slice(0, 1)))
      this.lines.on('close', () => void this.quit())
    }
  }

  private async key(key: string): Promise<void> {
    switch (key) {
      case 'h': {
        // First the hint about the failing spec (or the next unseen one), then one level further each time.
        const seen = this.progress.of(this.kata)?.hintsSeen ?? 0
        const total = this.kata.hints.length
        const level =
          this.hintShown !== undefined
            ? Math.min(this.hintShown + 1, total)
            : this.lastRun
              ? offeredHint(this.lastRun, seen).level
              : Math.min(seen + 1, total)
        this.hintShown = level
        this.progress.recordHintSeen(this.kata, level)
        this.draw(renderHint(this.kata, level))
        return
      }
      case 'n': {
        const next = KATAS[KATAS.indexOf(this.kata) + 1]
        if (next) this.openKata(next)
        else this.draw(dim('This is the last kata.'))
        return
      }
      case 'l':
        this.draw(renderList(this.progress))
        return
      case 'r':
        await this.check(this.kata.files.map((file) => workingCopyPath(this.kata, file)))
        return
      case 's':
        if (this.progress.isSolved(this.kata)) this.draw(renderSolution(this.kata))
        return
      case 'q':
      case '\u0003': // Ctrl-C in raw mode
      case '\u0004': // Ctrl-D
        await this.quit()
        return
    }
  }

  private async quit(): Promise<void> {
    if (this.quitting) return
    this.quitting = true
    this.watcher?.close()
    clearInterval(this.folderCheck)
    clearTimeout(this.debounce)
    if (this.interactive) process.stdin.setRawMode(false)
    this.lines?.close()
    process.stdin.pause()
    await this.typeCheck.close()
    await this.runner.close()
    this.status(dim('Bye. Your progress is saved; `npm run kata` picks up where you left off.'))
    this.finish(0)
  }
}
