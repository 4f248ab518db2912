/**
 * The Korean lane diagram's prose (locale/ko-lanes.ts): every note the chapters' runs and the
 * shipped scenarios draw has a Korean template or is kept on purpose, and a translation keeps
 * every name, number and error exactly as the English trace has it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import criSequence from '../docs/chapters/cri-sequence.data.ts'
import pause from '../docs/chapters/pause.data.ts'
import { laneRows, rowText, type LaneRow } from '../render/lane-layout.ts'
import { describeLanesKo, koreanRow, untranslatedTexts } from '../locale/ko-lanes.ts'
import { abridgedTrace, runSim, type SimOptions } from '../sim/run-sim.ts'
import { parsePod } from '../machinery/api/manifest.ts'
import { loadScenario, runScenario } from '../sim/scenario.ts'
import type { TraceEntry } from '../machinery/node/trace.ts'

const chapterRuns = { ...criSequence.load(), ...pause.load() }
const SCENARIOS = join(import.meta.dirname, '..', 'examples', 'scenarios')
const scenarioTraces: [string, TraceEntry[]][] = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, abridgedTrace(runScenario(loadScenario(join(SCENARIOS, f))).session.trace.entries)])

/** Every example Pod, as the playground runs it: online, offline, and with its pause killed. */
const PODS = join(import.meta.dirname, '..', 'examples', 'pods')
const podTraces: [string, TraceEntry[]][] = readdirSync(PODS)
  .filter((f) => f.endsWith('.yaml') && f !== 'invalid.yaml')
  .flatMap((f) => {
    const pod = parsePod(readFileSync(join(PODS, f), 'utf8'), f)
    const options: [string, SimOptions][] = [['', {}], [' --offline', { connectivity: 'dns-nxdomain', forMs: 30_000 }], [' --crash pause', { crash: 'pause' }]]
    return options.map(([flags, o]): [string, TraceEntry[]] => [`${f}${flags}`, abridgedTrace(runSim(pod, o).session.trace.entries)])
  })

const allRows: [string, LaneRow[]][] = [
  ...Object.entries(chapterRuns).map(([name, run]): [string, LaneRow[]] => [name, laneRows(run.entries)]),
  ...[...scenarioTraces, ...podTraces].map(([name, entries]): [string, LaneRow[]] => [name, laneRows(entries)]),
]

/**
 * What a real system prints in a note: every number (pids, seconds, counts), and every word with
 * a slash, a colon, a dot inside or a capital inside (images, IPs, SyncPod, CreatePodSandboxError).
 */
const technical = (text: string) => [
  ...(text.match(/\d+(?:\.\d+)?/g) ?? []),
  ...text.split(/[\s,()]+/).filter((w) => /\/|:|\w\.\w|[a-z][A-Z]|^[A-Z][a-z]+[A-Z]/.test(w) && !/^[\d.]+s$/.test(w)),
]

describe('Korean lane notes', () => {
  it.each(allRows)('%s: every sync and step note is translated or kept on purpose', (_name, rows) => {
    expect(untranslatedTexts(rows)).toEqual([])
  })

  it.each(allRows)('%s: calls, errors and events are untouched; translated notes keep every name and number', (_name, rows) => {
    for (const row of rows) {
      const ko = koreanRow(row)
      if (row.kind === 'call' || row.kind === 'event' || (row.kind === 'return' && row.error)) expect(ko).toEqual(row)
      for (const word of technical(rowText(row))) expect(rowText(ko)).toContain(word)
    }
  })

  it('puts the sandbox image pull and the failed sync into Korean, keeping the image and the reason code', () => {
    const rows = laneRows(chapterRuns['offline']!.entries).map(koreanRow)
    const texts = rows.map(rowText)
    expect(texts).toContain('샌드박스 이미지 registry.k8s.io/pause:3.8 pull')
    expect(texts.some((t) => /^동기화 실패 \(CreatePodSandboxError\): [\d.]+초 뒤 다시$/.test(t))).toBe(true)
    expect(texts).toContain('SyncPod default/web')
    expect(texts.some((t) => t.startsWith('RunPodSandbox web (attempt 0)'))).toBe(true)
    expect(texts.some((t) => t.startsWith('Warning FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown'))).toBe(true)
  })

  it('puts worded answers into Korean and leaves ids, states and errors alone', () => {
    const answer = (text: string, error = false): LaneRow => ({ kind: 'return', text, error })
    expect(koreanRow(answer('sha256:6965a10c1529 (72195292 bytes)'))).toEqual(answer('sha256:6965a10c1529 (72195292바이트)'))
    expect(koreanRow(answer('image: null (not present)'))).toEqual(answer('image: null (없음)'))
    expect(koreanRow(answer('2 sandbox(es)'))).toEqual(answer('샌드박스 2개'))
    for (const kept of [answer('SANDBOX_READY 10.244.1.3'), answer('69b3a6bea0326'), answer('ok'), answer('rpc error: code = NotFound desc = 3 sandbox(es)', true)]) {
      expect(koreanRow(kept)).toEqual(kept)
    }
  })

  it('leaves a note no template knows in English, and names it', () => {
    const rows: LaneRow[] = [{ kind: 'step', text: 'a brand-new note' }]
    expect(rows.map(koreanRow)).toEqual(rows)
    expect(untranslatedTexts(rows)).toEqual(['a brand-new note'])
  })

  it('labels the figure in Korean from the same counts', () => {
    expect(describeLanesKo({ calls: 14, failed: 1, events: 5, warnings: 1 }, 'containerd 1.7')).toBe(
      '레인 그림: containerd 1.7에 보낸 CRI 호출 14개 (1개 실패), 이벤트 5개 (Warning 1개)',
    )
    expect(describeLanesKo({ calls: 3, failed: 0, events: 2, warnings: 0 }, 'CRI-O 1.30')).toBe('레인 그림: CRI-O 1.30에 보낸 CRI 호출 3개, 이벤트 2개')
  })
})
