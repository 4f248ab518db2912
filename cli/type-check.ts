/**
 * A type check of the learner's files, shown after the verdict and never in its way: the specs
 * run the code as it is (vite strips the types), so a type error does not stop a spec, but it
 * is often the reason one fails, and the editor may not show it. The check runs in a worker
 * thread (workbook/typecheck-worker.mjs) started once and kept warm, after the verdict has
 * been printed; only the newest request's answer counts.
 */
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { ROOT } from '../workbook/paths.ts'
import { bold, cyan, dim, yellow } from './style.ts'

export interface TypeProblem {
  file: string
  line: number
  column: number
  code: number
  message: string
}

export type TypeCheckResult =
  | { state: 'checked'; errors: TypeProblem[]; total: number }
  /** A newer check started before this one finished; its answer is the one to show. */
  | { state: 'superseded' }
  /** TypeScript itself failed (a broken tsconfig.json, say): nothing to show but that. */
  | { state: 'failed'; message: string }

interface Answer {
  id: number
  errors?: TypeProblem[]
  total?: number
  failed?: string
}

export class TypeCheck {
  private worker: Worker | undefined
  private latest = 0
  private readonly waiting = new Map<number, (result: TypeCheckResult) => void>()

  /** Type-checks `files` (absolute paths): their own errors, not those of what they import. */
  check(files: string[]): Promise<TypeCheckResult> {
    const id = ++this.latest
    for (const [older, resolve] of this.waiting) {
      this.waiting.delete(older)
      resolve({ state: 'superseded' })
    }
    return new Promise((resolve) => {
      this.waiting.set(id, resolve)
      this.start().postMessage({ id, files })
    })
  }

  async close(): Promise<void> {
    for (const resolve of this.waiting.values()) resolve({ state: 'superseded' })
    this.waiting.clear()
    await this.worker?.terminate()
    this.worker = undefined
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(join(ROOT, 'workbook', 'typecheck-worker.mjs'), { stdout: true, stderr: true })
    // The check never keeps the CLI alive: `verify` waits for its answer, the loop does not.
    worker.unref()
    worker.on('message', (answer: Answer) => {
      const resolve = this.waiting.get(answer.id)
      if (!resolve) return
      this.waiting.delete(answer.id)
      resolve(answer.failed !== undefined ? { state: 'failed', message: answer.failed } : { state: 'checked', errors: answer.errors ?? [], total: answer.total ?? 0 })
    })
    const fail = (message: string) => {
      this.worker = undefined
      for (const resolve of this.waiting.values()) resolve({ state: 'failed', message })
      this.waiting.clear()
    }
    worker.on('error', (error) => fail(error.message.split('\n')[0] ?? 'the type check stopped'))
    worker.on('exit', () => fail('the type check stopped'))
    this.worker = worker
    return worker
  }
}

/** The section shown under a verdict; empty when there is nothing to say. */
export function renderTypeCheck(result: TypeCheckResult): string {
  if (result.state !== 'checked' || result.total === 0) return ''
  const lines = [yellow(bold(`TypeScript finds ${result.total === 1 ? 'a type error' : `${result.total} type errors`} in your code`)) + dim(' (the specs ran it anyway: types are stripped before it runs)')]
  for (const error of result.errors) lines.push(`  ${cyan(`${error.file}:${error.line}:${error.column}`)}  ${error.message} ${dim(`TS${error.code}`)}`)
  if (result.total > result.errors.length) lines.push(dim(`  … and ${result.total - result.errors.length} more (npx tsc --noEmit lists them all)`))
  return lines.join('\n')
}
