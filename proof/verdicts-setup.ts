/**
 * The proof's verdicts (collect-verdicts.ts: every kata's specs against its starter, its
 * reference and each known-wrong variant, under vitest) computed once per test run, for every
 * project that needs them: proof.test.ts asserts on them, and e2e/in-page-proof.ts
 * compares the page's runs with them. Both used to run the whole proof in a child process of
 * their own, the second time on the browser tests' longest path.
 *
 * A global setup of both projects (vitest.config.ts); it runs in vitest's main process, so the
 * two share one computation through globalThis. The verdicts are served on 127.0.0.1: the first
 * request starts the child, and every request is answered once it has finished (verdicts.ts is
 * the tests' side). A run that asks for none, such as one browser test file, computes none.
 */
import { execFile, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { ROOT } from '../workbook/paths.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    verdictsURL: string
  }
}

interface Shared {
  url: string
  server: Server
  /** The proof's process while it runs: a run that ends early (a bail, Ctrl-C) stops it too. */
  child?: ChildProcess
  /** Projects whose teardown has not run yet: the last one closes the server. */
  users: number
}

const KEY = Symbol.for('podkata.proof-verdicts')
const store = globalThis as { [KEY]?: Promise<Shared> }

type Collected = { ok: true; json: string } | { ok: false; message: string }

/** The proof as JSON, or why it could not be had. */
function collect(shared: Shared): Promise<Collected> {
  return new Promise((done) => {
    shared.child = execFile(process.execPath, [join(ROOT, 'proof', 'collect-verdicts.mjs')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      shared.child = undefined
      if (error) done({ ok: false, message: `proof/collect-verdicts.mjs failed (${error.code ?? error.signal}): ${stderr.trim() || error.message}` })
      else done({ ok: true, json: stdout })
    })
  })
}

async function start(): Promise<Shared> {
  let verdicts: Promise<Collected> | undefined
  const server = createServer((request, response) => {
    if (request.url !== '/verdicts') {
      response.writeHead(404).end()
      return
    }
    verdicts ??= collect(shared)
    void verdicts.then((result) => {
      if (result.ok) response.writeHead(200, { 'content-type': 'application/json' }).end(result.json)
      else response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(result.message)
    })
  })
  await new Promise<void>((listening, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', listening)
  })
  const { port } = server.address() as AddressInfo
  const shared: Shared = { url: `http://127.0.0.1:${port}/verdicts`, server, users: 0 }
  return shared
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = await (store[KEY] ??= start())
  shared.users += 1
  project.provide('verdictsURL', shared.url)
  return async () => {
    shared.users -= 1
    if (shared.users > 0) return
    delete store[KEY]
    shared.child?.kill()
    await new Promise<void>((closed) => shared.server.close(() => closed()))
  }
}
