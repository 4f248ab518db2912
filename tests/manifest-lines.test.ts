/**
 * The lines of the editor's manifest that a refusal is about (browser/manifest-lines.ts, with
 * the exact field paths ManifestError and SimError carry): the deepest node that exists on each
 * path, every error's line when there are several. The message is the CLI's, unchanged.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { lineOfField, linesOf } from '../browser/manifest-lines.ts'
import { assembleNode } from '../assembly/index.ts'
import { parsePod } from '../machinery/api/manifest.ts'
import { ROOT } from '../workbook/paths.ts'
import { runSimCommand } from './run-command.ts'

const web = readFileSync(join(ROOT, 'examples/pods/web.yaml'), 'utf8')
const lineWith = (text: string, part: string) => text.split('\n').findIndex((l) => l.includes(part)) + 1
const folder = mkdtempSync(join(tmpdir(), 'podkata-lines-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** What the page marks for `text`, and what the CLI prints for the same file. */
function refused(text: string): { message: string; lines: number[]; cli: string } {
  const file = join(folder, 'pod.yaml')
  writeFileSync(file, text)
  let error: (Error & { fields?: readonly string[] }) | undefined
  try {
    assembleNode({}).apply(parsePod(text, file))
  } catch (caught) {
    error = caught as Error & { fields?: readonly string[] }
  }
  if (!error) throw new Error('the manifest was accepted')
  const message = error.message.split('\n')[0]!
  return { message, lines: linesOf(text, message, error.fields), cli: runSimCommand([file]).stderr.trim() }
}

describe('the line a refusal points at', () => {
  it('is the port itself for a containerPort that is not a number, though the message names no index', () => {
    const text = web.replace('containerPort: 80', 'containerPort: eighty')
    const { message, lines, cli } = refused(text)
    expect(message).toBe(`error when creating "${join(folder, 'pod.yaml')}": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`)
    expect(cli).toBe(`sim: ${message}`)
    expect(lines).toEqual([lineWith(text, 'containerPort: eighty')])
  })

  it('is the quantity for a cpu that does not parse, though the message names no field', () => {
    const text = web.replace('cpu: 100m', 'cpu: lots')
    const { message, lines, cli } = refused(text)
    expect(message).toMatch(/cannot be handled as a Pod: quantities must match the regular expression/)
    expect(cli).toBe(`sim: ${message}`)
    expect(lines).toEqual([lineWith(text, 'cpu: lots')]) // the second container's, not the first's
  })

  it("is each error's line when the API server lists several (invalid.yaml)", () => {
    const text = readFileSync(join(ROOT, 'examples/pods/invalid.yaml'), 'utf8')
    const { message, lines, cli } = refused(text)
    expect(message).toBe('The Pod "web" is invalid: [spec.containers[1].image: Required value, spec.initContainers[0].name: Duplicate value: "app"]')
    expect(cli).toBe(`sim: ${message}`)
    // The container without an image (its first line: it has no image line), then the init container's name.
    expect(lines).toEqual([lineWith(text, '- name: log-shipper'), lineWith(text, '- name: app')])
  })

  it('is the unknown field itself in a strict decoding error', () => {
    const text = web.replace('      args: [-i', '      arg: [-i')
    const { message, lines } = refused(text)
    expect(message).toMatch(/strict decoding error: unknown field "spec.containers\[1\].arg"$/)
    expect(lines).toEqual([lineWith(text, 'arg: [-i')])
  })
})

describe('lineOfField', () => {
  it('finds a field, or its nearest parent', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: x\n'
    expect(lineOfField(text, 'spec.containers[0].image')).toBe(6)
    expect(lineOfField(text, 'spec.containers[0].ports')).toBe(5)
  })

  it('goes down the item a path without indices reaches deepest in', () => {
    const text = 'spec:\n  containers:\n    - name: a\n    - name: b\n      ports:\n        - containerPort: x\n'
    expect(lineOfField(text, 'spec.containers.ports.containerPort')).toBe(6)
    expect(lineOfField(text, 'spec.containers[1].ports[0].containerPort')).toBe(6)
    expect(lineOfField(text, 'spec.containers[0].ports')).toBe(3)
  })

  it('reads a map key in brackets, and stops at the deepest part that exists', () => {
    const text = 'metadata:\n  name: web\n  labels:\n    app: web\n'
    expect(lineOfField(text, 'metadata.labels[app]')).toBe(4)
    expect(lineOfField(text, 'metadata.labels[tier]')).toBe(3)
    expect(lineOfField(text, 'spec.containers[0]')).toBeUndefined()
  })
})
