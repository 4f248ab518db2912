/**
 * The watch loop running in a child process, as a learner would run it, with what it printed
 * so far: press keys, wait for text, wait for it to leave.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import type { TempWorkbook } from './temp-workbook.ts'

export class WatchSession {
  readonly process: ChildProcessWithoutNullStreams
  output = ''
  private readonly exited: Promise<number | null>

  /** `args` as after `npm run kata --`, e.g. a kata to open. */
  constructor(workbook: TempWorkbook, ...args: string[]) {
    this.process = workbook.startWatchLoop(...args)
    this.process.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    this.process.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)))
  }

  /** A mark in the output: `waitFor(text, mark)` looks only at what came after it. */
  mark(): number {
    return this.output.length
  }

  /** Waits until the loop prints `text` after `from`; returns the output from there on. */
  async waitFor(text: string | RegExp, from = 0, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    const found = () => (typeof text === 'string' ? this.output.slice(from).includes(text) : text.test(this.output.slice(from)))
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`watch loop never printed ${String(text)}; it printed:\n${this.output.slice(from)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return this.output.slice(from)
  }

  press(key: string): void {
    this.process.stdin.write(key + '\n')
  }

  exit(): Promise<number | null> {
    return this.exited
  }
}
