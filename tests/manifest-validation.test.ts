/**
 * What the sim takes is what the API server would: strict decoding against the core/v1
 * schema, then validation, each refusal one line in the API server's words; limits on size,
 * aliases, depth and list lengths; the sim's options checked. All in one process (simCommand),
 * so a hundred cases take a second.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { podFieldsText } from '../scripts/gen-pod-fields.ts'
import { parsePod } from '../machinery/api/manifest.ts'
import { simCommand } from '../sim/command.ts'
import { ROOT } from '../workbook/paths.ts'

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`

/** The pod with `extra` lines appended under the first container (indent 4) or elsewhere. */
const withContainer = (...lines: string[]) => POD + lines.map((l) => `    ${l}\n`).join('')
const withSpec = (...lines: string[]) => POD + lines.map((l) => `  ${l}\n`).join('')

function refusal(text: string): string {
  try {
    parsePod(text, 'pod.yaml')
  } catch (error) {
    return (error as Error).message
  }
  return 'accepted'
}

const DECODING = 'error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: '

describe('strict decoding against the core/v1 schema', () => {
  it.each([
    ['an unknown top-level field', POD + 'extra: 1\n', 'strict decoding error: unknown field "extra"'],
    ['an unknown field in spec', withSpec('foo: 1'), 'strict decoding error: unknown field "spec.foo"'],
    ['an unknown field in a container', withContainer('imagePolicy: Always'), 'strict decoding error: unknown field "spec.containers[0].imagePolicy"'],
    ['__proto__', withSpec('__proto__: {polluted: true}'), 'strict decoding error: unknown field "spec.__proto__"'],
    ['several, in file order', withContainer('zeta: 1').replace('spec:\n', 'spec:\n  alpha: 1\n'), 'strict decoding error: unknown field "spec.alpha", unknown field "spec.containers[0].zeta"'],
    ['hostNetwork: "yes"', withSpec('hostNetwork: "yes"'), 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool'],
    ['command: sh', withContainer('command: sh'), 'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string'],
    ['labels: [a]', POD.replace('name: web', 'name: web\n  labels: [a]'), 'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string'],
    ['a container name 123', POD.replace('name: app', 'name: 123'), 'json: cannot unmarshal number into Go struct field Container.spec.containers.name of type string'],
    ['containers as a map', POD.replace(/containers:[\s\S]*/, 'containers: {app: nginx}\n'), 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['containerPort: 1.5', withContainer('ports: [{containerPort: 1.5}]'), 'json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['cpu: banana', withContainer('resources: {requests: {cpu: banana}}'), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['memory: 1.5.3Gi', withContainer('resources: {limits: {memory: 1.5.3Gi}}'), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['an IntOrString that is neither', withContainer('livenessProbe: {httpGet: {port: true}}'), 'json: cannot unmarshal bool into Go value of type int32'],
  ])('%s', (_name, text, message) => {
    expect(refusal(text)).toBe(DECODING + message)
  })

  it('takes every field of a full container, and null as "not set"', () => {
    const pod = parsePod(
      withContainer(
        'command: [sh, -c, null]',
        'env: [{name: A, valueFrom: {fieldRef: {fieldPath: status.podIP}}}]',
        'ports: [{containerPort: 80, name: http, protocol: TCP}]',
        'resources: {requests: {cpu: 0.5, memory: 64Mi}, limits: {cpu: "1"}}',
        'livenessProbe: {httpGet: {port: http, path: /}, periodSeconds: 5}',
        'securityContext: {runAsUser: 1000, capabilities: {add: [NET_ADMIN]}}',
        'lifecycle: null',
      ),
      'pod.yaml',
    )
    expect(pod.spec!.containers[0]!.command).toEqual(['sh', '-c', ''])
    expect(pod.spec!.containers[0]).not.toHaveProperty('lifecycle')
  })

  it('pod-fields.json is what scripts/gen-pod-fields.ts makes from the installed kubernetes-models', async () => {
    expect(readFileSync(`${ROOT}/machinery/api/pod-fields.json`, 'utf8')).toBe(await podFieldsText())
  })
})

describe('reading the YAML', () => {
  it.each([
    ['a leading and a trailing ---', `---\n${POD}---\n`, 'accepted'],
    ['a YAML warning (unknown directive)', `%FOO bar\n---\n${POD}`, 'accepted'],
    ['two Pods', `${POD}---\n${POD}`, 'pod.yaml: holds 2 YAML documents; give one per file'],
    ['null', 'null\n', 'pod.yaml: holds no object (the file is empty, null or only comments)'],
    ['only comments', '# nothing here\n', 'pod.yaml: holds no object (the file is empty, null or only comments)'],
    ['a string', '"web"\n', 'pod.yaml: expected a Pod object, found the string "web"'],
    ['a duplicate key', `${POD}kind: Pod\n`, 'pod.yaml: line 9, column 1: Map keys must be unique; "kind" is set twice'],
    ['a list as a mapping key', `${POD}? [a]\n: b\n`, 'pod.yaml: line 9, column 3: a mapping key must be text, not a list or a mapping'],
    ['an alias with no anchor', `${POD}  hostname: *name\n`, 'pod.yaml: the alias *name names no anchor (&name must come first)'],
    [
      'a YAML bomb',
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      'pod.yaml: its aliases expand too far (more than 100); is it a YAML bomb?',
    ],
    ['150 levels of nesting', `a: ${'['.repeat(150)}${']'.repeat(150)}\n`, 'pod.yaml: nested more than 100 levels deep; a Pod needs about a dozen'],
    ['20,000 lines', `${POD}${'#\n'.repeat(20_000)}`, 'pod.yaml: has more than 10000 lines, the most this simulator reads; a Pod manifest rarely has more than a few hundred'],
    ['300 kB', `${POD}# ${'x'.repeat(300_000)}\n`, 'pod.yaml: has 300106 bytes, more than the 262144 this simulator reads; a Pod manifest rarely has 10,000'],
    ['4 MB', `${POD}# ${'x'.repeat(4_000_000)}\n`, 'pod.yaml: Request entity too large: limit is 3145728 (the file has 4000106 bytes)'],
    [
      '200 containers',
      POD.replace(/containers:[\s\S]*/, `containers:\n${Array.from({ length: 200 }, (_, i) => `  - {name: c${i}, image: nginx}\n`).join('')}`),
      'pod.yaml: spec.containers: Too many: 200: must have at most 100 items (a limit of this simulator)',
    ],
    [
      '2,000 labels',
      POD.replace('name: web', `name: web\n  labels: {${Array.from({ length: 2000 }, (_, i) => `l${i}: v`).join(', ')}}`),
      'pod.yaml: metadata.labels: Too many: 2000: must have at most 1000 items (a limit of this simulator)',
    ],
  ])('%s', (_name, text, message) => {
    expect(refusal(text)).toBe(message)
  })
})

/** `npm run sim -- <args>` in this process: exit code and the two streams. */
async function sim(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await simCommand(args, { out: (t) => void (stdout += `${t}\n`), err: (t) => void (stderr += `${t}\n`) })
  return { code, stdout, stderr }
}

describe('the sim refuses what the API server would, in one line', () => {
  const cases: [string, string, string][] = [
    ['containerPort: -1', withContainer('ports: [{containerPort: -1}]'), 'spec.containers[0].ports[0].containerPort: Invalid value: -1: must be between 1 and 65535, inclusive'],
    ['containerPort: 70000', withContainer('ports: [{containerPort: 70000}]'), 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['limits below requests', withContainer('resources: {requests: {cpu: 500m}, limits: {cpu: 250m}}'), 'spec.containers[0].resources.requests: Invalid value: "500m": must be less than or equal to cpu limit of 250m'],
    ['a negative request', withContainer('resources: {requests: {memory: -1Mi}}'), 'spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0'],
    ['imagePullPolicy: Sometimes', withContainer('imagePullPolicy: Sometimes'), 'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ['a volumeMount naming no volume', withContainer('volumeMounts: [{name: data, mountPath: /data}]'), 'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ['an init container with restartPolicy: Never', withSpec('initContainers: [{name: setup, image: busybox, restartPolicy: Never}]'), 'spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ['namespace Bad_NS', POD.replace('name: web', 'name: web\n  namespace: Bad_NS'), 'metadata.namespace: Invalid value: "Bad_NS": a lowercase RFC 1123 label must consist of'],
  ]
  it.each(cases)('%s', async (_name, text, message) => {
    const { code, stdout, stderr } = await simFile(text)
    expect(stdout).toBe('')
    expect(code).toBe(1)
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1)
    expect(stderr).toContain(`sim: The Pod "web" is invalid: ${message}`)
  })
})

describe('every option value is checked', () => {
  it.each([
    [['--for', '-5'], 'sim: --for got a value that starts with "-"; write it as --for=<value> if you mean it (see --help)'],
    [['--for', ''], 'sim: --for needs a value; got an empty one (see --help)'],
    [['--for=-5'], 'sim: --for "-5" is not a number of seconds (0 to 86400)'],
    [['--for', '0x10'], 'sim: --for "0x10" is not a number of seconds (0 to 86400)'],
    [['--sandbox-image', ''], 'sim: --sandbox-image needs a value; got an empty one (see --help)'],
    [['--crash', ''], 'sim: --crash needs a value; got an empty one (see --help)'],
    [['--crash', 'nope'], 'sim: pod "web" has no container "nope" (it has: nginx, log-shipper, and pause)'],
    [['--width', '1e3'], 'sim: --width "1e3" is not a number of columns (60 to 400)'],
    [['--json=yes'], "sim: --json takes no value (see --help)"],
    [['--bogus'], "sim: unknown option '--bogus' (see --help)"],
    [['--runtime'], 'sim: --runtime needs a value (see --help)'],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await sim('examples/pods/web.yaml', ...args)
    expect({ code: code === 0 ? 0 : 'non-zero', stdout, stderr }).toEqual({ code: 'non-zero', stdout: '', stderr: `${message}\n` })
  })

  it('a folder or a missing file is one line too', async () => {
    expect((await sim('examples')).stderr).toBe('sim: examples: is a folder, not a manifest file\n')
    expect((await sim('no/such.yaml')).stderr).toBe('sim: no/such.yaml: cannot read the file (ENOENT)\n')
  })
})

describe('scenario files get the same reader and limits', () => {
  const SCENARIO = 'kind: Scenario\nsteps:\n- note: hello\n'
  it.each([
    ['a leading and a trailing ---', `---\n${SCENARIO}---\n`, ''],
    ['an unknown top-level key', `${SCENARIO}foo: 1\n`, 'unknown key "foo" (use kind, title, node, steps)'],
    ['an alias with no anchor', `${SCENARIO}- note: *x\n`, 'the alias *x names no anchor (&x must come first)'],
    ['a step that is a list', `${SCENARIO}- [wait, 30s]\n`, 'steps[1]: expected one step, e.g. "- wait: 30s"'],
    ['a wait of -5s', `${SCENARIO}- wait: -5s\n`, 'steps[1]: wait: "-5s" is not a duration like 30s, 2m or 1h30m (at most 24h)'],
    ['waits of 3h in all', `${SCENARIO}- wait: 2h\n- wait: 1h\n`, 'steps: the waits add up to more than 2h of node time'],
    ['300 steps', `kind: Scenario\nsteps:\n${'- note: x\n'.repeat(300)}`, 'steps: Too many: 300: must have at most 200 items'],
    ['apply of a file that is not there', `${SCENARIO}- apply: nowhere.yaml\n`, 'steps[1]: apply: '],
  ])('%s', async (_name, text, message) => {
    const { code, stdout, stderr } = await simFile(text, 'scenario.yaml')
    if (message === '') {
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
      expect(stdout).toContain('# hello')
    } else {
      expect(code).toBe(1)
      expect(stderr.split('\n').filter(Boolean)).toHaveLength(1)
      expect(stderr).toContain(message)
    }
  })
})

let counter = 0
async function simFile(text: string, name = 'pod.yaml') {
  const dir = mkdtempSync(join(tmpdir(), 'podkata-validation-'))
  const file = join(dir, `${counter++}-${name}`)
  writeFileSync(file, text)
  try {
    return await sim(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('validation order: volumes before containers, as ValidatePodSpec checks them', () => {
  it('lists a volume error before a container error, and a duplicate volume name once', async () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
  volumes:
  - name: data
    emptyDir: {}
  - name: data
    emptyDir: {}
`
    const { code, stderr } = await simFile(text)
    expect(code).not.toBe(0)
    expect(stderr).toBe('sim: The Pod "web" is invalid: [spec.volumes[1].name: Duplicate value: "data", spec.containers[0].image: Required value]\n')
  })

  it('accepts pod-level resources (spec.resources)', async () => {
    const { code, stderr } = await simFile(`${POD}  resources:\n    requests:\n      cpu: "1"\n`)
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  })
})
