/**
 * Where a learner's node parts from the reference's (sim/trace-difference.ts), found once for
 * both `npm run sim -- --compare` and the page: the page's worker code (browser/sim-run.ts,
 * through the module table, in Node) finds the same call and event as the CLI's functions on
 * the same run, and places the mark on the row of each diagram that draws it. Also a scenario
 * played on the learner's code, in the page as with `sim <scenario> --compare`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILTINS } from '../browser/builtins.ts'
import { compileLearnerFile } from '../browser/compile.ts'
import { createLoader, type ModuleFunction } from '../browser/loader.ts'
import type { SimView, TraceParting } from '../browser/messages.ts'
import { moduleTableSource } from '../browser/module-table.ts'
import { playScenarioInPage, runSimInPage } from '../browser/sim-run.ts'
import type { TraceEntry } from '../machinery/node/trace.ts'
import type { KubeletPart } from '../machinery/parts.ts'
import { runSim } from '../sim/run-sim.ts'
import { loadScenario, runScenario } from '../sim/scenario.ts'
import { eventLine, firstCallParting, firstEventParting, partingLines } from '../sim/trace-difference.ts'
import { EN_EDITOR } from '../locale/in-page/en/editor.ts'
import { ROOT } from '../workbook/paths.ts'

const call = (label: string): Pick<TraceEntry & { kind: 'call' }, 'label'> => ({ label })

describe('the first call and event that differ', () => {
  it('counts from 1, and says which side made no more', () => {
    const reference = [call('RunPodSandbox web'), call('PullImage nginx')]
    expect(firstCallParting(reference, reference)).toBeUndefined()
    expect(firstCallParting([call('PullImage nginx')], reference)).toEqual({ number: 1, mine: 'PullImage nginx', reference: 'RunPodSandbox web' })
    expect(firstCallParting([reference[0]!], reference)).toEqual({ number: 2, reference: 'PullImage nginx' })
    expect(firstEventParting(['Normal Pulled: x', 'Normal Created: y'], ['Normal Pulled: x'])).toEqual({ number: 2, mine: 'Normal Created: y' })
  })

  it("is put in the CLI's words", () => {
    expect(partingLines(undefined, undefined)).toEqual(['Your kubelet makes the same CRI calls and records the same events as the reference.'])
    expect(partingLines({ number: 3, mine: 'PullImage nginx:1.27', reference: 'ImageStatus nginx:1.27' }, undefined)).toEqual([
      'First difference in the CRI calls: call 3: yours is PullImage nginx:1.27; the reference makes ImageStatus nginx:1.27',
      'The events are the same as the reference’s.',
    ])
    expect(partingLines(undefined, { number: 2, reference: 'Normal Started: x' })[1]).toBe(
      'First difference in the events: event 2: yours is no event (your kubelet recorded no more); the reference records Normal Started: x',
    )
    // The page's English is the CLI's, from the same function.
    expect(EN_EDITOR.trace.partingLines).toBe(partingLines)
  })
})

describe("the page's comparison, through the module table in Node", async () => {
  const table = moduleTableSource(ROOT)
  const { MODULES } = (await import(`data:text/javascript;base64,${Buffer.from(table).toString('base64')}`)) as { MODULES: Record<string, ModuleFunction> }
  const loader = (mode: 'mine' | 'reference', files: Record<string, string> = {}) => createLoader({ modules: MODULES, builtins: BUILTINS, learner: files, mode, compile: compileLearnerFile })
  const web = readFileSync(join(ROOT, 'examples', 'pods', 'web.yaml'), 'utf8')
  const wrong = (name: string) => join(ROOT, 'proof', 'known-wrong', '04-syncpod', name, 'sync-pod.ts')
  const LEARNER = 'katas/04-syncpod/sync-pod.ts'

  /** The CLI's lines for the same Pod and learner file: runSim with that kubelet, as sim/learner-worker.ts runs it. */
  async function cliLines(file: string, options: Parameters<typeof runSim>[1] = {}) {
    const { RuntimeManager } = (await import(file)) as KubeletPart
    const mine = runSim(
      (await import('../machinery/api/manifest.ts')).parsePod(web, 'web.yaml'),
      { ...options, parts: { kubelet: { RuntimeManager } } },
    ).session.trace
    const reference = runSim((await import('../machinery/api/manifest.ts')).parsePod(web, 'web.yaml'), options).session.trace
    return partingLines(firstCallParting(mine.calls(), reference.calls()), firstEventParting(mine.events().map(eventLine), reference.events().map(eventLine)))
  }

  function compared(file: string, switches = {}): { view: SimView; reference: SimView; parting?: TraceParting } {
    const result = runSimInPage(loader('mine', { [LEARNER]: readFileSync(file, 'utf8') }), web, switches, loader('reference'))
    if (result.kind !== 'ran' || !result.reference) throw new Error(`expected a comparison, got ${JSON.stringify(result).slice(0, 200)}`)
    return { view: result.view, reference: result.reference, ...(result.parting ? { parting: result.parting } : {}) }
  }

  it('finds what the CLI finds, and marks the call where the runs part on both diagrams', async () => {
    const { view, reference, parting } = compared(wrong('pull-without-image-status'))
    expect(parting).toBeDefined()
    expect(partingLines(parting!.calls, parting!.events)).toEqual(await cliLines(wrong('pull-without-image-status')))
    expect(parting!.calls).toEqual({ number: 3, mine: 'PullImage nginx:1.27', reference: 'ImageStatus nginx:1.27' })
    expect(parting!.marked).toMatchObject({ kind: 'call', number: 3, mineEnded: false, referenceEnded: false })
    const mine = view.entries[parting!.marked.mine]!
    const theirs = reference.entries[parting!.marked.reference]!
    expect(mine.kind === 'call' && mine.label).toBe('PullImage nginx:1.27')
    expect(theirs.kind === 'call' && theirs.label).toBe('ImageStatus nginx:1.27')
  })

  it('still marks where they part when the learner\'s code throws (the CLI only prints the throw)', () => {
    const { view, reference, parting } = compared(wrong('containers-before-sandbox'))
    expect(view.problem).toMatch(/^your code threw: rpc error: code = Unknown desc = failed to reserve sandbox name/)
    expect(parting!.calls).toEqual({ number: 1, mine: 'ImageStatus nginx:1.27', reference: 'RunPodSandbox web (attempt 0)' })
    expect(view.entries[parting!.marked.mine]).toMatchObject({ kind: 'call', label: 'ImageStatus nginx:1.27' })
    expect(reference.entries[parting!.marked.reference]).toMatchObject({ kind: 'call', label: 'RunPodSandbox web (attempt 0)' })
  })

  it('marks an event when the calls agree, and nothing when the learner matches the reference', async () => {
    const { view, parting } = compared(wrong('no-sandbox-changed-event'), { crash: 'pause' })
    expect(partingLines(parting!.calls, parting!.events)).toEqual(await cliLines(wrong('no-sandbox-changed-event'), { crash: 'pause' }))
    expect(parting!.calls).toBeUndefined()
    expect(parting!.marked.kind).toBe('event')
    const marked = view.entries[parting!.marked.mine]!
    expect(marked.kind).toBe('event')
    expect(eventLine(marked as TraceEntry & { kind: 'event' })).toBe(parting!.events!.mine)
    expect(compared(join(ROOT, 'solutions', '04-syncpod', 'sync-pod.ts')).parting).toBeUndefined()
  })

  it('plays a scenario on the learner\'s node beside the reference\'s, as sim <scenario> --compare does', async () => {
    const source = 'examples/scenarios/airgap-import.yaml'
    const text = readFileSync(join(ROOT, source), 'utf8')
    const file = wrong('continues-after-sandbox-failure')
    const result = playScenarioInPage(loader('mine', { [LEARNER]: readFileSync(file, 'utf8') }), text, source, loader('reference'))
    if (result.kind !== 'played' || !result.compare) throw new Error(`expected a compared scenario, got ${result.kind}`)
    const cwd = process.cwd()
    process.chdir(ROOT)
    try {
      const { RuntimeManager } = (await import(file)) as KubeletPart
      const scenario = loadScenario(source)
      const mine = runScenario(scenario, { kubelet: { RuntimeManager } })
      const reference = runScenario(scenario)
      expect(result.text).toBe(mine.text)
      expect(result.compare.reference.text).toBe(reference.text)
      const cli = partingLines(firstCallParting(mine.session.trace.calls(), reference.session.trace.calls()), firstEventParting(mine.session.trace.events().map(eventLine), reference.session.trace.events().map(eventLine)))
      expect(partingLines(result.compare.parting?.calls, result.compare.parting?.events)).toEqual(cli)
      expect(cli[0]).toBe('First difference in the CRI calls: call 2: yours is ImageStatus nginx:1.27; the reference makes RunPodSandbox web (attempt 0)')
    } finally {
      process.chdir(cwd)
    }
    const marked = result.compare.parting!.marked
    const entry = result.compare.mine.entries[marked.mine]!
    expect(entry.kind === 'call' && entry.label).toBe(result.compare.parting!.calls!.mine)
  })
})
