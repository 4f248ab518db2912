/**
 * The chapter quotes what the reference solution does with the example manifests. If either
 * changes, this says so, so the page can never show output the code does not produce.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatInvalid } from '../machinery/api/field-errors.ts'
import { parsePod } from '../machinery/api/manifest.ts'
import { formatResources } from '../machinery/api/resources.ts'
import { effectiveRequests, validatePod } from '../solutions/01-pods/pods.ts'
import { startOrder, stopOrder } from '../solutions/02-composite/composite.ts'

const root = new URL('..', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const example = (name: string) => parsePod(read(`examples/pods/${name}.yaml`), `examples/pods/${name}.yaml`)
const chapter = read('docs/chapters/01-pods.md')
const chapter2 = read('docs/chapters/02-composite-containers.md')

describe('the examples quoted in chapter 1', () => {
  it('web.yaml is a valid Pod', () => {
    expect(validatePod(example('web'))).toEqual([])
  })

  it('invalid.yaml is rejected exactly as the chapter shows', () => {
    const pod = example('invalid')
    const output = formatInvalid('Pod', pod.metadata?.name ?? '', validatePod(pod))
    expect(output).toBe(
      'The Pod "web" is invalid: \n* spec.containers[1].image: Required value\n* spec.initContainers[0].name: Duplicate value: "app"',
    )
    expect(chapter).toContain('```text\n' + output + '\n```')
  })

  it('with-init.yaml asks for 350m CPU and 256Mi memory, as the worked example says', () => {
    expect(formatResources(effectiveRequests(example('with-init')))).toBe('cpu: 350m, memory: 256Mi')
    expect(chapter).toContain('| **effective request** | **350m** (app phase) | **256Mi** (init phase) |')
  })
})

describe('the examples quoted in chapter 2', () => {
  it.each(['sidecar-git-sync', 'ambassador-redis', 'adapter-metrics', 'native-sidecar'])('%s.yaml is a valid Pod', (name) => {
    expect(validatePod(example(name))).toEqual([])
  })

  it('native-sidecar.yaml starts and stops in the order the chapter shows', () => {
    const pod = example('native-sidecar')
    const start = startOrder(pod).join('\n')
    const stop = stopOrder(pod)
      .map((group) => group.map((name) => `${name} stopped`).join(', '))
      .join('\n')
    expect(start).toBe('db-proxy started\nmigrate started\nmigrate completed\nlog-shipper started\napp started')
    expect(stop).toBe('app stopped\nlog-shipper stopped\ndb-proxy stopped')
    expect(chapter2).toContain('```text\n' + start + '\n```')
    expect(chapter2).toContain('```text\n' + stop + '\n```')
  })
})
