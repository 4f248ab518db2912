/**
 * `npm run lab`: the chapters' story on a real containerd 1.6, in a loopback-only network
 * namespace, beside the simulator, scenario by scenario. Exits 0 only when every compared
 * scenario matches. `--capture` also rewrites the fixtures the lab page shows; `--keep` leaves
 * the scratch folder for a look.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { containerdBackend, simulatorBackend, type Backend } from './backends.ts'
import { LabNode } from './containerd/lab-node.ts'
import { compareObservations } from './compare.ts'
import { buildLabImages } from './images/build-images.ts'
import { whatIsMissing } from './preflight.ts'
import { differenceLines, progressEnd, progressStart, summaryLine, writeFixtures, type RunInfo, type ScenarioResult } from './report.ts'
import { SCENARIOS, type LabImages, type RunState } from './scenarios/index.ts'
import { simulatorProfileFor } from './sim-node.ts'

/** Set on Ctrl-C: the run is being torn down, and its errors are not news. */
let interrupted = false

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))
const REGISTRY_SCRIPT = fileURLToPath(new URL('./images/registry-main.ts', import.meta.url))

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now()
  const value = await work()
  return { value, ms: performance.now() - start }
}

/** The mirror's content: the pause image's blobs, and its tag. */
function writeRegistryCatalog(dir: string, images: LabImages): string {
  const blobsDir = join(dir, 'registry', 'blobs')
  mkdirSync(blobsDir, { recursive: true })
  for (const blob of images.pause.blobs) writeFileSync(join(blobsDir, blob.digest.replace(/^sha256:/, '')), blob.content)
  const catalog = join(dir, 'registry', 'catalog.json')
  writeFileSync(catalog, JSON.stringify({ blobsDir, tags: { 'pause:3.6': images.pause.manifestDigest } }))
  return catalog
}

async function runScenarios(real: Backend, sim: Backend, images: LabImages): Promise<ScenarioResult[]> {
  const realState: RunState = { images, pods: new Map() }
  const simState: RunState = { images, pods: new Map() }
  const results: ScenarioResult[] = []
  let broken = false
  for (const [index, scenario] of SCENARIOS.entries()) {
    const result: ScenarioResult = { scenario, realMs: 0, simMs: 0, comparison: [], verdict: 'skipped' }
    process.stdout.write(progressStart(index, SCENARIOS.length, scenario))
    if (!broken) {
      try {
        const r = await timed(() => scenario.run(real, realState))
        result.real = r.value
        result.realMs = r.ms
        if (scenario.realOnly) {
          result.verdict = 'real only'
        } else {
          const s = await timed(() => scenario.run(sim, simState))
          result.sim = s.value
          result.simMs = s.ms
          result.comparison = compareObservations(r.value.observed, s.value.observed)
          result.verdict = result.comparison.every((c) => c.same) ? 'same' : 'different'
        }
      } catch (error) {
        result.error = `${(error as Error)?.message ?? String(error)}`
        result.verdict = 'failed'
        broken = true
      }
    }
    results.push(result)
    say(progressEnd(result))
    for (const line of differenceLines(result)) say(line)
  }
  return results
}

async function main(argv: string[]): Promise<number> {
  let values: { capture?: boolean; keep?: boolean; help?: boolean }
  try {
    values = parseArgs({ args: argv, options: { capture: { type: 'boolean' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values
  } catch (error) {
    console.error(`lab: ${(error as Error).message.split('. ')[0]!.replace(/^Unknown/, 'unknown')} (see --help)`)
    return 2
  }
  if (values.help) {
    say('Usage: npm run lab [-- --capture] [-- --keep]\n\nReplays the chapters on a real containerd (Linux, root) beside the simulator and prints the differences.\n  --capture  rewrite lab/fixtures/ (what the lab page shows) from this run\n  --keep     keep the scratch folder')
    return 0
  }
  const missing = whatIsMissing()
  if (missing) {
    console.error(`lab: ${missing}`)
    return 1
  }
  const scratch = mkdtempSync(join(tmpdir(), 'podkata-lab-'))
  const labNode = new LabNode(join(scratch, 'containerd'))
  let real: Backend | undefined
  let sim: Backend | undefined
  let stopped: Promise<void> | undefined
  const stopAll = () => (stopped ??= stopEverything())
  const stopEverything = async () => {
    const notes = [...(await labNode.stop()), ...((await sim?.stop()) ?? [])]
    real = sim = undefined
    for (const note of notes) say(`lab: cleanup: ${note}`)
    if (!values.keep) rmSync(scratch, { recursive: true, force: true })
  }
  const onSignal = () => {
    if (interrupted) return
    interrupted = true
    say('lab: interrupted; stopping what the lab started')
    void stopAll().then(() => process.exit(130))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    say(`lab: scratch folder ${scratch}`)
    const built = await timed(async () => {
      const first = await buildLabImages(scratch)
      mkdirSync(join(scratch, 'again'))
      const second = await buildLabImages(join(scratch, 'again'))
      return { first, reproducible: first.pause.manifestDigest === second.pause.manifestDigest && first.app.manifestDigest === second.app.manifestDigest }
    })
    const images = built.value.first
    say(`lab: built pause (${images.pause.manifestDigest.slice(0, 19)}…) and busybox images twice in ${(built.ms / 1000).toFixed(2)} s: ${built.value.reproducible ? 'same digests' : 'DIGESTS DIFFER'}`)
    const catalog = writeRegistryCatalog(scratch, images)
    const startedReal = await timed(() => containerdBackend(labNode, REGISTRY_SCRIPT, catalog))
    real = startedReal.value
    const version = await real.cri.version()
    say(`lab: ${version.runtimeName} ${version.runtimeVersion} answers CRI ${version.runtimeApiVersion} after ${(startedReal.ms / 1000).toFixed(2)} s, in a network namespace with only loopback`)
    const profile = simulatorProfileFor(version.runtimeVersion)
    if (!profile) {
      say(`lab: this is containerd ${version.runtimeVersion}; the lab compares against containerd 1.6 (Debian 12's)`)
      return 1
    }
    sim = await simulatorBackend(scratch, profile)
    say(`lab: the simulator serves CRI as ${profile} on ${join(scratch, 'sim.sock')}`)
    const results = await runScenarios(real, sim, images)
    say(summaryLine(results))
    const info: RunInfo = {
      realRuntime: `${version.runtimeName} ${version.runtimeVersion}`,
      simRuntime: profile,
      pauseDigest: images.pause.manifestDigest,
      appDigest: images.app.manifestDigest,
      reproducible: built.value.reproducible,
    }
    const ok = built.value.reproducible && results.every((r) => r.verdict === 'same' || r.verdict === 'real only')
    if (values.capture) {
      if (ok) {
        writeFixtures(FIXTURES, results, info)
        say(`lab: fixtures written to ${FIXTURES}`)
      } else say('lab: fixtures not written: the run had differences or failures')
    }
    return ok ? 0 : 1
  } finally {
    await stopAll()
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (!interrupted) console.error(`lab: ${(error as Error)?.message ?? String(error)}`)
  process.exitCode = interrupted ? 130 : 1
}
