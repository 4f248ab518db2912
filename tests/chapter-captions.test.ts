/**
 * A figure the chapters draw from a build-time run is captioned with the command that made it
 * (docs/chapters/sim-runs.ts reads the run's options from that command's own arguments), never
 * with a caption typed beside it, which once left out `--for 30` and so showed a count the
 * typed command does not give.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../workbook/paths.ts'
import cri from '../docs/chapters/cri-sequence.data.ts'
import pause from '../docs/chapters/pause.data.ts'

const pages = ['docs/chapters', 'docs/ko/chapters'].flatMap((dir) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.md')).map((f) => join(dir, f)))

describe("the chapters' run captions", () => {
  it('come from the run itself', () => {
    const diagrams = pages.flatMap((page) => [...readFileSync(join(ROOT, page), 'utf8').matchAll(/<LaneDiagram\b[^>]*>/g)].map((m) => ({ page, tag: m[0] })))
    expect(diagrams.length).toBeGreaterThanOrEqual(12)
    expect(diagrams.filter((d) => !/ :caption="data\.(\w+)\.command"/.test(d.tag))).toEqual([])
  })

  it('name every option the run was made with', () => {
    const runs = { ...cri.load(), ...pause.load() }
    expect(runs.offline!.command).toBe('npm run sim -- examples/pods/web.yaml --offline --for 30')
    expect(runs.offline!.kubectl).toMatch(/\(x3 over 2\ds\)/)
    expect(runs.crashPause!.command).toBe('npm run sim -- examples/pods/web.yaml --crash pause')
  })
})
