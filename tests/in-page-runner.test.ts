/**
 * The in-page runner's parts that do not need a browser (browser/): the swap rules of its
 * module loader, the module table, the learner's storage, the lines of an invalid manifest
 * (the trace comparison: tests/trace-parting.test.ts). The runner as a whole runs in Chromium in e2e/in-page*.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILTINS } from '../browser/builtins.ts'
import { compileLearnerFile } from '../browser/compile.ts'
import { copyToRestore, kataStore, MAX_COPIES } from '../browser/learner-storage.ts'
import { createLoader, LearnerCompileError, resolveImport, type ModuleFunction } from '../browser/loader.ts'
import { SPEC_TIMEOUT_MS } from '../browser/messages.ts'
import { moduleTableSource, tableFiles, toCommonJs } from '../browser/module-table.ts'
import { playScenarioInPage, runSimInPage } from '../browser/sim-run.ts'
import { loadScenario, runScenario } from '../sim/scenario.ts'
import { runSpecFile } from '../browser/spec-run.ts'
import { SPEC_TIMEOUT_MS as CLI_SPEC_TIMEOUT_MS } from '../workbook/vitest-options.ts'
import { ROOT } from '../workbook/paths.ts'

const modules = { 'katas/01-pods/pods.spec.ts': () => {}, 'solutions/01-pods/pods.ts': () => {}, 'starters/01-pods/pods.ts': () => {}, 'assembly/reference-parts.ts': () => {}, 'machinery/api/names.ts': () => {} }
const learner = { 'katas/01-pods/pods.ts': '' }

describe('the loader swaps files as implementation-swap.ts does', () => {
  it("gives a spec's import of the kata file to the learner, the reference or the starter", () => {
    const spec = 'katas/01-pods/pods.spec.ts'
    expect(resolveImport('./pods.ts', spec, { modules, learner, mode: 'learner' })).toBe('katas/01-pods/pods.ts')
    expect(resolveImport('./pods.ts', spec, { modules, learner, mode: 'reference' })).toBe('solutions/01-pods/pods.ts')
    expect(resolveImport('./pods.ts', spec, { modules, learner, mode: 'starter' })).toBe('starters/01-pods/pods.ts')
  })

  it("replaces the assembled node's reference parts with the learner's files only under mine", () => {
    const from = 'assembly/reference-parts.ts'
    expect(resolveImport('../solutions/01-pods/pods.ts', from, { modules, learner, mode: 'mine' })).toBe('katas/01-pods/pods.ts')
    expect(resolveImport('../solutions/01-pods/pods.ts', from, { modules, learner, mode: 'learner' })).toBe('solutions/01-pods/pods.ts')
    expect(resolveImport('../solutions/01-pods/pods.ts', from, { modules, learner: {}, mode: 'mine' })).toBe('solutions/01-pods/pods.ts')
    // A learner's file that extends the reference's class gets the reference, not itself.
    expect(resolveImport('../../solutions/01-pods/pods.ts', 'katas/01-pods/pods.ts', { modules, learner, mode: 'mine' })).toBe('solutions/01-pods/pods.ts')
    // A learner's own imports of the machinery resolve from the kata folder.
    expect(resolveImport('../../machinery/api/names.ts', 'katas/01-pods/pods.ts', { modules, learner, mode: 'learner' })).toBe('machinery/api/names.ts')
  })

  it('uses the CLI\'s time limit per spec', () => {
    expect(SPEC_TIMEOUT_MS).toBe(CLI_SPEC_TIMEOUT_MS)
  })
})

describe('the module table', () => {
  it('holds the machinery, the assembly, the sim, solutions, starters and specs, but no working copies', () => {
    const files = tableFiles(ROOT)
    for (const file of ['machinery/api/manifest.ts', 'assembly/index.ts', 'sim/run-sim.ts', 'solutions/04-syncpod/sync-pod.ts', 'starters/04-syncpod/sync-pod.ts', 'katas/04-syncpod/sync-pod.spec.ts', 'machinery/api/pod-fields.json']) {
      expect(files).toContain(file)
    }
    expect(files).not.toContain('katas/01-pods/pods.ts')
  })

  it('needs no Node built-in the page lacks', () => {
    const required = new Set<string>()
    for (const file of tableFiles(ROOT)) {
      for (const match of toCommonJs(file, readFileSync(join(ROOT, file), 'utf8')).matchAll(/require\("([^".][^"]*)"\)/g)) required.add(match[1]!)
    }
    expect([...required].filter((name) => !(name in BUILTINS))).toEqual([])
  })
})

describe('a run through the table, in Node', async () => {
  const table = moduleTableSource(ROOT)
  const { MODULES } = (await import(`data:text/javascript;base64,${Buffer.from(table).toString('base64')}`)) as { MODULES: Record<string, ModuleFunction> }
  const loader = (mode: 'learner' | 'reference' | 'starter', files: Record<string, string> = {}) =>
    createLoader({ modules: MODULES, builtins: BUILTINS, learner: files, mode, compile: compileLearnerFile })

  // The specs themselves cannot run here: vitest's runner would be nested inside this run's
  // own. e2e/in-page-proof.ts runs every kata's specs in Chromium.
  it("reports a syntax error in the learner's file with its own line", async () => {
    const result = await runSpecFile('katas/01-pods/pods.spec.ts', loader('learner', { 'katas/01-pods/pods.ts': 'export const a = 1\nexport function (\n' }), ['katas/01-pods/pods.ts'], { onStart: () => {} })
    expect(result).toMatchObject({ kind: 'load-error', place: { file: 'katas/01-pods/pods.ts', line: 2 } })
    expect(() => compileLearnerFile('katas/01-pods/pods.ts', 'let x = ;')).toThrow(LearnerCompileError)
  })

  it('runs the air gap as npm run sim does, and names the line of an invalid Pod', () => {
    const web = readFileSync(join(ROOT, 'examples', 'pods', 'web.yaml'), 'utf8')
    const airgap = runSimInPage(loader('reference'), web, { connectivity: 'dns-nxdomain' })
    expect(airgap).toMatchObject({ kind: 'ran', view: { status: 'ContainerCreating' } })
    expect(airgap.kind === 'ran' && airgap.view.kubectl).toContain('FailedCreatePodSandBox')
    expect(runSimInPage(loader('reference'), web.replace('image: nginx:1.27', 'image: ""'), {})).toEqual({
      kind: 'bad-input',
      message: 'The Pod "web" is invalid: spec.containers[0].image: Required value',
      line: 13,
    })
    expect(runSimInPage(loader('reference'), web, { mirror: 'not a mirror' })).toMatchObject({ kind: 'bad-input', message: '--mirror "not a mirror" is not <registry-host>=<http(s)://endpoint>' })
  })
})

describe('a scenario file through the table, in Node', async () => {
  const table = moduleTableSource(ROOT)
  const { MODULES } = (await import(`data:text/javascript;base64,${Buffer.from(table).toString('base64')}`)) as { MODULES: Record<string, ModuleFunction> }
  const load = () => createLoader({ modules: MODULES, builtins: BUILTINS, learner: {}, mode: 'reference', compile: compileLearnerFile })
  const shipped = readdirSync(join(ROOT, 'examples/scenarios')).filter((f) => f.endsWith('.yaml'))
  const text = (file: string) => readFileSync(join(ROOT, 'examples/scenarios', file), 'utf8')

  it('plays every shipped scenario to the same transcript as npm run sim', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(6)
    const cwd = process.cwd()
    process.chdir(ROOT)
    try {
      for (const file of shipped) {
        const source = `examples/scenarios/${file}`
        expect({ file, result: playScenarioInPage(load(), text(file), source) }).toEqual({ file, result: { kind: 'played', text: runScenario(loadScenario(source)).text } })
      }
    } finally {
      process.chdir(cwd)
    }
  })

  it('the GC trap deletes the sandbox image, and the next pod fails to get its sandbox again', () => {
    const result = playScenarioInPage(load(), text('airgap-gc-trap.yaml'), 'examples/scenarios/airgap-gc-trap.yaml')
    const transcript = result.kind === 'played' ? result.text : ''
    expect(transcript).toMatch(/"Removing image to free bytes" imageID="sha256:[0-9a-f]{64}"/)
    expect(transcript.split('$ kubectl describe pod hello')[1]).toContain('FailedCreatePodSandBox')
  })

  it("answers a bad scenario with the CLI's one line, at the step it names", () => {
    const gcTrap = text('airgap-gc-trap.yaml')
    const bad = gcTrap.replace('  - wait: 1m', '  - wait: forever')
    const line = bad.split('\n').findIndex((l) => l.includes('wait: forever')) + 1
    expect(playScenarioInPage(load(), bad, 'examples/scenarios/airgap-gc-trap.yaml')).toEqual({
      kind: 'bad-input',
      message: 'examples/scenarios/airgap-gc-trap.yaml: steps[8]: wait: "forever" is not a duration like 30s, 2m or 1h30m (at most 24h)',
      line,
    })
    expect(playScenarioInPage(load(), gcTrap.replace('../pods/hello.yaml', '../pods/nope.yaml'), 'examples/scenarios/airgap-gc-trap.yaml')).toEqual({
      kind: 'bad-input',
      message: 'examples/scenarios/airgap-gc-trap.yaml: steps[7]: apply: /examples/pods/nope.yaml: cannot read the file (ENOENT)',
      line: 20,
    })
    expect(playScenarioInPage(load(), 'kind: Pod\n', 'scenario.yaml')).toMatchObject({ kind: 'bad-input', message: 'scenario.yaml: expected kind: Scenario, found kind: Pod' })
  })
})

describe("the learner's storage", () => {
  const memory = () => {
    const data = new Map<string, string>()
    return { data, storage: { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) } as Storage }
  }
  const starter = { 'pods.ts': 'starter' }

  it('keeps the text, the hints seen and the pass', () => {
    const { storage } = memory()
    const store = kataStore('01-pods', storage, ['pods.ts'])
    expect(store.load('pods.ts')).toBeUndefined()
    store.save('pods.ts', 'mine')
    store.seeHints(2)
    expect([store.load('pods.ts'), store.hintsSeen(), store.solved()]).toEqual(['mine', 2, false])
    store.markSolved()
    expect(kataStore('01-pods', storage).solved()).toBe(true)
    expect(kataStore('02-composite', storage).solved()).toBe(false)
  })

  it('keeps a copy at every reset, never the starter twice nor a copy twice, and walks back through them', () => {
    const { storage } = memory()
    const store = kataStore('01-pods', storage, ['pods.ts'])
    expect(store.keep({ 'pods.ts': 'A' }, starter).kept?.files).toEqual({ 'pods.ts': 'A' })
    expect(store.keep({ 'pods.ts': 'B' }, starter).kept?.files).toEqual({ 'pods.ts': 'B' })
    // A reset of the starter, and of a text kept already, keeps nothing new.
    expect(store.keep(starter, starter)).toEqual({ stored: true })
    expect(store.keep({ 'pods.ts': 'A' }, starter)).toEqual({ stored: true })
    const copies = kataStore('01-pods', storage, ['pods.ts']).copies()
    expect(copies.map((c) => c.files['pods.ts'])).toEqual(['A', 'B'])
    const first = copyToRestore(copies, starter)
    expect(first?.files['pods.ts']).toBe('B')
    const second = copyToRestore(copies, first!.files, first!.id)
    expect(second?.files['pods.ts']).toBe('A')
    // Past the oldest, back to the newest that differs from the editor.
    expect(copyToRestore(copies, second!.files, second!.id)?.files['pods.ts']).toBe('B')
    expect(copyToRestore([], starter)).toBeUndefined()
  })

  it('says which copy it dropped past the limit, and refuses when the browser will not store it', () => {
    const { storage } = memory()
    const store = kataStore('01-pods', storage, ['pods.ts'])
    for (let i = 0; i < MAX_COPIES; i++) expect(store.keep({ 'pods.ts': `text ${i}` }, starter).dropped).toBeUndefined()
    expect(store.keep({ 'pods.ts': 'one more' }, starter).dropped?.files['pods.ts']).toBe('text 0')
    expect(store.copies()).toHaveLength(MAX_COPIES)
    const full = { ...storage, getItem: storage.getItem, setItem: () => { throw new Error('QuotaExceededError') } } as Storage
    expect(kataStore('01-pods', full, ['pods.ts']).keep({ 'pods.ts': 'new' }, starter)).toEqual({ stored: false })
  })

  it("reads the older page's one copy as the oldest", () => {
    const { storage, data } = memory()
    data.set('podkata:01-pods:before-reset:pods.ts', 'old')
    const store = kataStore('01-pods', storage, ['pods.ts'])
    store.keep({ 'pods.ts': 'new' }, starter)
    expect(store.copies().map((c) => c.files['pods.ts'])).toEqual(['old', 'new'])
    expect(data.has('podkata:01-pods:before-reset:pods.ts')).toBe(false)
  })
})

describe('the CLI progress that npm start serves to the chapters', () => {
  it('has an entry for every kata, in the CLI\'s words', async () => {
    const { cliProgress } = await import('../browser/progress-endpoint.ts')
    const progress = cliProgress()
    const { KATAS } = await import('../katas/katas.ts')
    expect(Object.keys(progress).sort()).toEqual(KATAS.map((k) => k.slug).sort())
    for (const entry of Object.values(progress)) expect(['solved', 'failing', 'not tried']).toContain(entry.status)
  })
})
