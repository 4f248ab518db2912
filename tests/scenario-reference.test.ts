/**
 * The playground's "Writing a scenario file" section is the reference a reader with only a
 * browser has for scenario files (chapter 6 sends them there): it must name every node setting,
 * step, runtime and cut-off the simulator's reader accepts, in English and in Korean.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONNECTIVITIES } from '../machinery/images/registry.ts'
import { RUNTIME_NAMES } from '../machinery/runtime/runtime-profiles.ts'
import { NODE_KEYS, STEP_KINDS } from '../sim/scenario-file.ts'
import { ROOT } from '../workbook/paths.ts'

function section(page: string): string {
  const text = readFileSync(join(ROOT, 'docs', page), 'utf8')
  const start = text.search(/^## .*\{#writing-a-scenario-file\}$|^## Writing a scenario file$/m)
  expect(start, `${page} has the section`).toBeGreaterThan(0)
  const next = text.slice(start + 3).search(/^## /m)
  return next < 0 ? text.slice(start) : text.slice(start, start + 3 + next)
}

describe.each(['reference/playground.md', 'ko/reference/playground.md'])('%s, Writing a scenario file', (page) => {
  const text = section(page)
  it('names every node setting the reader accepts', () => {
    expect(NODE_KEYS.filter((key) => !text.includes('`' + key + ':'))).toEqual([])
  })
  it('names every step the reader accepts, each as a list item of its own', () => {
    expect(STEP_KINDS.filter((kind) => !new RegExp('^- `' + kind + ':', 'm').test(text))).toEqual([])
  })
  it('names every runtime and every cut-off', () => {
    expect([...RUNTIME_NAMES, ...CONNECTIVITIES].filter((name) => !text.includes('`' + name + '`'))).toEqual([])
  })
})
