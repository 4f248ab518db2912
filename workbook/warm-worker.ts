/**
 * Vitest test workers (worker threads) kept alive between runs: the kata loop's one worker,
 * and the proof's one per worker slot.
 *
 * Vitest 4.1 starts a new worker for every run and stops it afterwards, whatever the options:
 * booting one costs ~200 ms of the ~340 ms a save took. This custom pool (vitest's
 * `pool: { name, createPoolWorker }`) hands vitest the same thread every time:
 *
 * - the first `start` handshake goes to the thread; later ones are answered here, and so is
 *   every `stop` (the thread is kept, only that run's listeners are removed);
 * - `run` and vitest's RPC go through untouched. With `isolate: true` the thread resets its
 *   module graph before each spec file, so the learner's modules are evaluated fresh every
 *   run (the CLI also passes the saved files as `invalidates`, see spec-runner.ts);
 * - a stuck spec is ended with `terminate()` (the only thing that stops a synchronous loop).
 *   A replacement thread is started at once and given the same `start` message, so the next
 *   save is warm again.
 *
 * Threads rather than child processes: a little faster, and a thread cannot outlive the CLI.
 * The pool API is marked experimental in vitest, which is pinned (4.1.12); tests/kata-cli.test.ts
 * covers the warm path.
 */
import { Worker } from 'node:worker_threads'
import { join } from 'node:path'
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from 'vitest/node'

export const WARM_POOL_NAME = 'podkata-warm'

/** A learner's runaway allocation ends the thread (reported as a crash), not the CLI. */
const WORKER_HEAP_LIMIT_MB = 1024

type Listener = (arg: any) => void
type StartRequest = Extract<WorkerRequest, { type: 'start' }>

interface Spawn {
  entrypoint: string
  env: Partial<NodeJS.ProcessEnv>
  execArgv: string[]
}

export class WarmWorker {
  private thread: Worker | undefined
  private spawn: Spawn | undefined
  private startRequest: StartRequest | undefined
  /** Settles when the current thread has answered its `start` handshake. */
  private started: Promise<unknown> | undefined
  private closed = false
  /** Threads started so far; a test reads it to check that saves reuse one. */
  threadsStarted = 0

  /** The pool to pass to vitest as its `pool` option, for one test file at a time. */
  pool(): PoolRunnerInitializer {
    return warmPool(() => this)
  }

  /** Ends the running thread at once (a stuck spec, or the learner quitting) and starts a fresh one. */
  async kill(): Promise<void> {
    const thread = this.thread
    this.thread = undefined
    this.started = undefined
    await thread?.terminate()
    if (!this.closed) this.respawn()
  }

  /** Ends the thread for good. */
  async close(): Promise<void> {
    this.closed = true
    await this.kill()
  }

  /** The thread for this run, started (and handshaken again) if there is none. */
  threadFor(options: PoolOptions): Worker {
    this.spawn ??= {
      entrypoint: join(options.distPath, 'workers', 'threads.js'),
      env: options.env,
      execArgv: options.execArgv,
    }
    if (!this.thread) this.startThread(this.spawn)
    return this.thread!
  }

  /**
   * The run's `start` request: the first one goes to the thread; after that the thread is
   * already set up with the same configuration, so only its readiness is awaited.
   */
  handshake(request: StartRequest): Promise<unknown> {
    if (!this.startRequest) {
      this.startRequest = request
      this.started = this.sendStart(this.thread!, request)
    }
    return this.started ?? Promise.resolve({})
  }

  /** A replacement, started before it is needed so that the next save is warm. */
  private respawn(): void {
    if (this.spawn) this.startThread(this.spawn)
  }

  /** A new thread; given the cached `start` request at once when there is one. */
  private startThread(spawn: Spawn): void {
    const thread = new Worker(spawn.entrypoint, {
      env: spawn.env,
      execArgv: spawn.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_LIMIT_MB },
    })
    this.threadsStarted++
    // A thread that dies by itself (out of memory, a crash in vitest) is replaced for the next run.
    thread.once('exit', () => {
      if (this.thread !== thread) return
      this.thread = undefined
      this.started = undefined
      if (!this.closed) this.respawn()
    })
    this.thread = thread
    if (this.startRequest) {
      this.started = this.sendStart(thread, this.startRequest)
      // A replacement that cannot start is reported by the run that awaits it.
      this.started.catch(() => {})
    }
  }

  /** Sends `start` and resolves with the thread's answer (`{ error }` if its set-up failed). */
  private sendStart(thread: Worker, request: StartRequest): Promise<{ error?: unknown }> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { __vitest_worker_response__?: boolean; type?: string; error?: unknown }) => {
        if (!message?.__vitest_worker_response__ || message.type !== 'started') return
        thread.off('message', onMessage)
        thread.off('exit', onExit)
        resolve({ error: message.error })
      }
      const onExit = () => {
        thread.off('message', onMessage)
        reject(new Error('the test worker exited while starting'))
      }
      thread.on('message', onMessage)
      thread.once('exit', onExit)
      thread.postMessage(request)
    })
  }
}

/**
 * A pool of warm workers, one per vitest worker slot (`poolId`, 1 to maxWorkers): test files
 * that run side by side each get their own thread, and each thread is kept for the next file
 * that runs in its slot.
 */
export function warmPool(workerFor: (poolId: number) => WarmWorker): PoolRunnerInitializer {
  return { name: WARM_POOL_NAME, createPoolWorker: (options) => new WarmPoolWorker(workerFor, options) }
}

/**
 * What vitest sees for one test file: a warm thread, with only this file's listeners on it.
 * Which thread is known only from the `start` request (its slot), so listeners vitest adds
 * before that are kept and attached then.
 */
class WarmPoolWorker implements PoolWorker {
  readonly name = WARM_POOL_NAME
  private warm: WarmWorker | undefined
  private thread: Worker | undefined
  private readonly listeners: [string, Listener][] = []
  /** Who hears the `started`/`stopped` answers given on the thread's behalf. */
  private readonly messageListeners = new Set<Listener>()

  constructor(
    private readonly workerFor: (poolId: number) => WarmWorker,
    private readonly options: PoolOptions,
  ) {}

  async start(): Promise<void> {
    // The thread is chosen when the `start` request names the slot (see send).
  }

  private bind(poolId: number): WarmWorker {
    this.warm = this.workerFor(poolId)
    this.thread = this.warm.threadFor(this.options)
    for (const [event, listener] of this.listeners) this.thread.on(event, listener)
    return this.warm
  }

  async stop(): Promise<void> {
    for (const [event, listener] of this.listeners) this.thread?.off(event, listener)
    this.listeners.length = 0
    this.messageListeners.clear()
    this.thread = undefined
    this.warm = undefined
  }

  on(event: string, listener: Listener): void {
    this.listeners.push([event, listener])
    if (event === 'message') this.messageListeners.add(listener)
    this.thread?.on(event, listener)
  }

  off(event: string, listener: Listener): void {
    const index = this.listeners.findIndex(([e, l]) => e === event && l === listener)
    if (index !== -1) this.listeners.splice(index, 1)
    if (event === 'message') this.messageListeners.delete(listener)
    this.thread?.off(event, listener)
  }

  send(message: WorkerRequest): void {
    if (message.__vitest_worker_request__ && message.type === 'start') {
      void this.bind(message.poolId).handshake(message).then(
        (answer) => this.answer({ type: 'started', ...(answer as object) }),
        (error: Error) => this.answer({ type: 'started', error: { message: error.message } }),
      )
      return
    }
    if (message.__vitest_worker_request__ && message.type === 'stop') {
      queueMicrotask(() => this.answer({ type: 'stopped' }))
      return
    }
    this.thread?.postMessage(message)
  }

  deserialize(data: unknown): unknown {
    return data
  }

  private answer(response: { type: string; error?: unknown }): void {
    for (const listener of [...this.messageListeners]) listener({ ...response, __vitest_worker_response__: true })
  }
}
