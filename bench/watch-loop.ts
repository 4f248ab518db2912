/**
 * Save → verdict in the kata loop (`npm run kata -- <kata>`), and the same in vitest's own
 * `--watch` on the same spec and the same files, measured in the same run: the learner's file
 * is saved alternately as the reference and as the starter, with a pause between saves as a
 * person would leave, and the time runs from the write to the verdict on screen.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { KATAS, type Kata } from '../katas/katas.ts'
import { TempWorkbook } from '../tests/temp-workbook.ts'
import { median, sleep, spread, type BenchModule, type Figure } from './figure.ts'

const SAVES = Number(process.env.BENCH_SAVES ?? 14)
/** Between saves: long enough for the loop to settle, as when a person types. */
const PAUSE_MS = 400

/** Save → verdict aims: kata 1 is small; kata 4 runs the simulated node in every spec. */
const AIMS: Record<string, number> = { pods: 150, syncpod: 250 }
const RATIO_AIM = 0.5

/** Output of a long-running command, and a count of the verdicts it has printed so far. */
class Watched {
  private output = ''
  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    private readonly verdict: RegExp,
  ) {
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
  }

  verdicts(): number {
    return this.output.split(this.verdict).length - 1
  }

  async waitFor(count: number): Promise<void> {
    const deadline = Date.now() + 60_000
    while (this.verdicts() < count) {
      if (Date.now() > deadline) throw new Error(`no verdict within 60 s; it printed:\n${this.output.slice(-2000)}`)
      await sleep(1)
    }
  }

  /**
   * Milliseconds from each save to the verdict it causes, and the CPU time the command (its
   * threads, and the worker processes it ended) spent per save, over all the saves: on a busy
   * machine the wall time says more about the machine, the CPU time more about the command.
   */
  async timeSaves(workbook: TempWorkbook, kata: Kata): Promise<{ wall: number[]; cpu: number }> {
    const file = `katas/${kata.folder}/${kata.files[0]!}`
    const versions = [workbook.read('solutions', kata.folder, kata.files[0]!), workbook.read('starters', kata.folder, kata.files[0]!)]
    await this.waitFor(1)
    await sleep(PAUSE_MS)
    const wall: number[] = []
    const cpuBefore = cpuMs(this.child.pid!)
    for (let save = 0; save < SAVES; save++) {
      if (save > 0) await sleep(PAUSE_MS)
      const before = this.verdicts()
      const started = performance.now()
      workbook.write(file, versions[save % 2]!)
      await this.waitFor(before + 1)
      wall.push(performance.now() - started)
    }
    // What a run leaves to do after its verdict (vitest ends its worker then) counts too.
    await sleep(PAUSE_MS)
    return { wall, cpu: (cpuMs(this.child.pid!) - cpuBefore) / SAVES }
  }
}

/** CPU time of a process, its threads and its reaped children (Linux, /proc; 10 ms steps). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
    // utime, stime, cutime, cstime: fields 14 to 17 of stat, 12 to 15 after the name.
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * 10
  } catch {
    return Number.NaN // not Linux
  }
}

type Timings = { wall: number[]; cpu: number }

async function kataLoop(workbook: TempWorkbook, kata: Kata): Promise<Timings> {
  const loop = new Watched(workbook.startWatchLoop(kata.slug), /\d+ of \d+ specs pass\.|Kata \d+ is solved!/)
  try {
    return await loop.timeSaves(workbook, kata)
  } finally {
    loop.child.stdin.write('q\n')
    await new Promise((resolve) => loop.child.once('exit', resolve))
  }
}

/** vitest's own watch mode on the kata's spec, with the learner's file as the spec imports it. */
async function vitestWatch(workbook: TempWorkbook, kata: Kata): Promise<Timings> {
  workbook.write('bench-reporter.mjs', "export default class { onTestRunEnd() { process.stdout.write('BENCH-VERDICT\\n') } }\n")
  workbook.write('bench-watch.config.mjs', "export default { test: { include: ['katas/**/*.spec.ts'], reporters: ['./bench-reporter.mjs'] } }\n")
  const child = spawn(
    process.execPath,
    [workbook.path('node_modules', 'vitest', 'vitest.mjs'), '--watch', '--config', 'bench-watch.config.mjs', `katas/${kata.folder}/${kata.spec}`],
    { cwd: workbook.root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  )
  const watch = new Watched(child, /BENCH-VERDICT/)
  try {
    return await watch.timeSaves(workbook, kata)
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

export const watchLoopBench: BenchModule = {
  title: `The kata loop: save → verdict (${SAVES} saves, alternating reference and starter)`,
  async run() {
    const figures: Figure[] = []
    for (const slug of ['pods', 'syncpod']) {
      const kata = KATAS.find((k) => k.slug === slug)!
      const workbook = new TempWorkbook()
      try {
        workbook.kata('list') // creates the working copies
        const ours = await kataLoop(workbook, kata)
        const theirs = await vitestWatch(workbook, kata)
        const detail = ({ wall, cpu }: Timings) => `${spread(wall)}; CPU ${Math.round(cpu)} ms per save`
        figures.push(
          { name: `kata ${kata.number} (${slug}): npm run kata`, value: median(ours.wall), unit: 'ms', atMost: AIMS[slug], detail: detail(ours) },
          { name: `kata ${kata.number} (${slug}): vitest --watch, same spec`, value: median(theirs.wall), unit: 'ms', detail: detail(theirs) },
          { name: `kata ${kata.number} (${slug}): kata loop / vitest --watch`, value: median(ours.wall) / median(theirs.wall), unit: '×', atMost: RATIO_AIM },
        )
      } finally {
        workbook.remove()
      }
    }
    return figures
  },
}
