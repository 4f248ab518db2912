/**
 * Fuzzing `npm run sim` with random mutations of the shipped examples (fast-check, a fixed
 * seed): values of the wrong type or out of range, keys dropped, renamed, duplicated or
 * unknown, YAML cut short or sprinkled with YAML's own punctuation, random options. Whatever
 * comes in, the sim answers with its output or one line on stderr — never an internal error,
 * a stack trace or a JavaScript error inside an event — and quickly. It runs in this process
 * (sim/command.ts), so a few hundred cases take seconds.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { stringify } from 'yaml'
import { readDocument } from '../machinery/api/manifest.ts'
import { afterAll, describe, expect, it } from 'vitest'
import { simCommand } from '../sim/command.ts'
import { ROOT } from '../workbook/paths.ts'

const CASES = Number(process.env.PODKATA_FUZZ_CASES ?? 250)
const SEED = Number(process.env.PODKATA_FUZZ_SEED ?? 16)
const SLOW_MS = 10_000

const EXAMPLES = ['pods', 'scenarios'].flatMap((dir) =>
  readdirSync(join(ROOT, 'examples', dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(ROOT, 'examples', dir, f), 'utf8') })),
)

// A copy of examples/ to write the mutants into, so that a scenario's ../pods/… still resolves.
const work = mkdtempSync(join(tmpdir(), 'podkata-fuzz-'))
cpSync(join(ROOT, 'examples'), work, { recursive: true })
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Values a careless or hostile hand might put anywhere. */
const ODD_VALUES: unknown[] = [
  42, -1, 0, 1.5, 70000, 2 ** 53, 1e308, '', ' ', 'yes', 'banana', '1.5.3Gi', '-5', 'Sometimes', 'Bad_NS', '123', '__proto__',
  'a'.repeat(300), '${HOME}', 'x\ny', true, false, null, [], [null], ['a'], {}, { a: 1 }, { __proto__: 1 }, [[[]]],
]
/** Values that often decode, and take the run somewhere the examples do not go. */
const PLAUSIBLE = [
  'nginx:1.27', 'busybox', 'nginx@sha256:' + 'a'.repeat(64), 'registry.k8s.io/pause:3.6', 'harbor.internal/x:1', 'localhost:5000/app', 'app', 'web',
  'Always', 'IfNotPresent', 'Never', 'OnFailure', '100m', '1Gi', '0', 'TCP', 'pause', true, false, 0, 1, 8080,
]
const ODD_KEYS = ['foo', '__proto__', 'constructor', 'Name', 'containers', 'spec', '', '0', 'kind']
const PUNCTUATION = ['\t', ':', '- ', '&a ', '*a', '{', '}', '[', '"', "'", '#', '|', '>', '---\n', '!!binary ', '\n', '%', '@', '<<: *a\n']

type Json = unknown

/** The paths of every value in a document, for picking one at random. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at]
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...at, i])))
  if (value && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])))
  return here
}

function parentOf(root: Json, path: (string | number)[]): [Record<string | number, Json>, string | number] | undefined {
  if (path.length === 0) return undefined
  let node = root as Record<string | number, Json>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>
  return [node, path.at(-1)!]
}

type Mutation = (root: Json, pick: number, odd: number) => Json

/** Mutations of the parsed document; `pick` chooses the place, `odd` the odd value or key. */
const MUTATIONS: Record<string, Mutation> = {
  plausible(root, pick, odd) {
    const leaves = paths(root).filter((p) => {
      const v = p.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], root)
      return p.length > 0 && (v === null || typeof v !== 'object')
    })
    const found = leaves.length > 0 ? parentOf(root, leaves[pick % leaves.length]!) : undefined
    if (found) found[0][found[1]] = PLAUSIBLE[odd % PLAUSIBLE.length]
    return root
  },
  replace(root, pick, odd) {
    const all = paths(root)
    const found = parentOf(root, all[pick % all.length]!)
    if (!found) return ODD_VALUES[odd % ODD_VALUES.length]
    found[0][found[1]] = structuredClone(ODD_VALUES[odd % ODD_VALUES.length])
    return root
  },
  drop(root, pick) {
    const found = parentOf(root, paths(root)[pick % paths(root).length]!)
    if (!found) return root
    if (Array.isArray(found[0])) found[0].splice(Number(found[1]), 1)
    else delete found[0][found[1]]
    return root
  },
  addKey(root, pick, odd) {
    const objects = paths(root).filter((p) => {
      const v = p.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], root)
      return v && typeof v === 'object' && !Array.isArray(v)
    })
    if (objects.length === 0) return root
    const target = objects[pick % objects.length]!.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], root) as Record<string, Json>
    Object.defineProperty(target, ODD_KEYS[odd % ODD_KEYS.length]!, { value: ODD_VALUES[(odd * 7) % ODD_VALUES.length], enumerable: true, writable: true, configurable: true })
    return root
  },
  duplicateItem(root, pick) {
    const lists = paths(root).filter((p) => Array.isArray(p.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], root)))
    if (lists.length === 0) return root
    const list = lists[pick % lists.length]!.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], root) as Json[]
    if (list.length > 0) list.push(structuredClone(list[pick % list.length]))
    return root
  },
  repeatItem(root, pick, odd) {
    const lists = paths(root).filter((p) => Array.isArray(p.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], root)))
    if (lists.length === 0) return root
    const list = lists[pick % lists.length]!.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], root) as Json[]
    if (list.length > 0) for (let i = 0; i < 5 + (odd % 50); i++) list.push(structuredClone(list[0]))
    return root
  },
}

/** Mutations of the text itself: YAML that no longer parses, or parses into something odd. */
function mutateText(text: string, pick: number, odd: number, kind: 'cut' | 'insert' | 'repeatLine'): string {
  const at = pick % (text.length + 1)
  if (kind === 'cut') return text.slice(0, at)
  if (kind === 'insert') return text.slice(0, at) + PUNCTUATION[odd % PUNCTUATION.length] + text.slice(at)
  const lines = text.split('\n')
  const line = pick % lines.length
  return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n')
}

const OPTIONS: string[][] = [
  [],
  [],
  ['--offline'],
  ['--json'],
  ['--crash', 'pause'],
  ['--crash', 'nginx'],
  ['--crash', ''],
  ['--runtime', 'containerd-2.2'],
  ['--runtime', 'cri-o'],
  ['--cut-off', 'tcp-dropped'],
  ['--preload', 'registry.k8s.io/pause:3.10'],
  ['--sandbox-image', '::'],
  ['--mirror', 'registry.k8s.io=http://10.0.0.5:5000', '--offline'],
  ['--for', '-5'],
  ['--for', '5'],
  ['--width', '61'],
  ['--bogus'],
]

const caseArb = fc.record({
  example: fc.nat(EXAMPLES.length - 1),
  mutations: fc.array(
    fc.record({
      kind: fc.oneof({ weight: 4, arbitrary: fc.constant('plausible') }, { weight: 6, arbitrary: fc.constantFrom(...Object.keys(MUTATIONS), 'cut', 'insert', 'repeatLine') }),
      pick: fc.nat(10_000),
      odd: fc.nat(1000),
    }),
    { minLength: 0, maxLength: 3 },
  ),
  options: fc.nat(OPTIONS.length - 1),
})

/** A JavaScript error, or a value JavaScript made up, that must never reach a reader. */
const LEAK = /is not a function|Cannot read propert|is not defined|is not iterable|Maximum call stack|\bundefined\b|\bNaN\b|\[object /

let counter = 0

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never

async function runCase(input: Case) {
  const example = EXAMPLES[input.example]!
  let text = example.text
  for (const { kind, pick, odd } of input.mutations) {
    if (kind === 'cut' || kind === 'insert' || kind === 'repeatLine') text = mutateText(text, pick, odd, kind)
    else {
      let doc: Json
      try {
        doc = readDocument(text, 'fuzz.yaml')
      } catch {
        continue
      }
      text = stringify(MUTATIONS[kind]!(doc, pick, odd) ?? null, { aliasDuplicateObjects: false })
    }
  }
  const file = join(work, example.name.split('/')[0]!, `fuzz-${counter++}.yaml`)
  writeFileSync(file, text)
  const args = [file, ...OPTIONS[input.options]!]
  let stdout = ''
  let stderr = ''
  const started = Date.now()
  let code: number
  try {
    code = await simCommand(args, { out: (t) => void (stdout += `${t}\n`), err: (t) => void (stderr += `${t}\n`) })
  } finally {
    rmSync(file, { force: true })
  }
  const ms = Date.now() - started
  const where = `${example.name} ${JSON.stringify(input.mutations)} ${JSON.stringify(OPTIONS[input.options])}`
  if (ms > SLOW_MS) throw new Error(`${where}: took ${ms} ms`)
  if (code === 70 || /internal error/.test(stderr)) throw new Error(`${where}: ${stderr.trim()}`)
  if (/\n\s+at /.test(stderr) || /\n\s+at /.test(stdout)) throw new Error(`${where}: a stack trace was printed`)
  if (code !== 0 && stderr.trim().split('\n').length !== 1) throw new Error(`${where}: exit ${code} with ${stderr.trim().split('\n').length} lines on stderr:\n${stderr}`)
  if (code !== 0 && stdout !== '') throw new Error(`${where}: exit ${code} but printed to stdout`)
  const events = code === 0 ? eventsIn(stdout) : []
  const leak = events.find((line) => LEAK.test(line))
  if (leak) throw new Error(`${where}: a JavaScript error in an event: ${leak}`)
  return { code, ms }
}

/** The messages of the Events table (or of --json's events). */
function eventsIn(stdout: string): string[] {
  if (stdout.trimStart().startsWith('{')) return (JSON.parse(stdout) as { events: { message: string }[] }).events.map((e) => e.message)
  return stdout.split('\n').filter((line) => /^ {2}(Normal|Warning) /.test(line))
}

describe('npm run sim on mutated examples', () => {
  it(`answers ${CASES} mutated manifests and scenarios in one line or with its output, never an internal error`, async () => {
    const tally = { ok: 0, refused: 0, slowest: 0 }
    await fc.assert(
      fc.asyncProperty(caseArb, async (input) => {
        const { code, ms } = await runCase(input)
        if (code === 0) tally.ok++
        else tally.refused++
        tally.slowest = Math.max(tally.slowest, ms)
      }),
      { numRuns: CASES, seed: SEED },
    )
    console.log(`${CASES} fuzzed runs (seed ${SEED}): ${tally.ok} ran, ${tally.refused} refused in one line, the slowest took ${tally.slowest} ms`)
    // Both kinds happened: the mutations are neither all harmless nor all fatal.
    expect(tally.ok).toBeGreaterThan(CASES / 10)
    expect(tally.refused).toBeGreaterThan(CASES / 10)
  }, 180_000)
})
