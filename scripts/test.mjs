// `npm test`: creates the learner's missing working copies, then runs the typecheck (vue-tsc)
// and the test projects (vitest) side by side: the typecheck keeps one core busy for ten
// seconds or so, and vitest's own workers spend much of their time waiting for the commands
// they test. Arguments go to `vitest run` (.ci/run passes its reporters that way).
//
// The typecheck's output is held back and printed after vitest's, so the two never interleave;
// either failing makes `npm test` fail.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = (name) => join(root, 'node_modules', '.bin', name)

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => resolve({ code: 1, output: `${command}: ${error.message}\n` }))
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
  })
}

const init = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'init-katas.ts')])
if (init.code !== 0) process.exit(init.code)

// Incremental: a rerun checks again only what changed and what depends on it (13 s of CPU → 6 s
// here when nothing did). The record lives in node_modules, so a fresh install starts clean.
const typecheck = run(bin('vue-tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', join(root, 'node_modules', '.cache', 'podkata', 'typecheck.tsbuildinfo')], { capture: true })
const tests = await run(bin('vitest'), ['run', ...process.argv.slice(2)])
const types = await typecheck
if (types.code !== 0) {
  process.stderr.write(types.output)
  console.error('npm test: the typecheck (vue-tsc --noEmit) failed; see above.')
}
process.exit(tests.code !== 0 ? tests.code : types.code)
