/**
 * Writes machinery/api/pod-fields.json: every struct a core/v1 Pod is made of, each field with
 * its Go type (`[]v1.Container`, `map[string]string`, `int32`, …). The strict decoder
 * (machinery/api/pod-decoding.ts) uses it to name unknown fields and to word type errors the way
 * the API server's JSON decoder does.
 *
 * Everything comes from kubernetes-models, which is generated from the Kubernetes OpenAPI
 * schema: the field names and shapes from its TypeScript declarations, and whether a number is
 * an int32, an int64 or a float64 from its schema validators (probed with 1.5 and 2^40).
 * Run it again after upgrading kubernetes-models: `node --import tsx scripts/gen-pod-fields.ts`.
 * tests/pod-decoding.test.ts fails while the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUTPUT = join(root, 'machinery/api/pod-fields.json')
const require = createRequire(join(root, 'package.json'))
const modelsDir = dirname(require.resolve('kubernetes-models/package.json'))
const machineryDir = join(modelsDir, '..', '@kubernetes-models', 'apimachinery')

/** The Go package of each definition prefix, as reflect prints a type (`v1.Container`). */
const PACKAGES: [prefix: string, goPackage: string, schemas: string][] = [
  ['IoK8sApiCoreV1', 'v1', join(modelsDir, '_schemas')],
  ['IoK8sApimachineryPkgApisMetaV1', 'v1', join(machineryDir, '_schemas')],
  ['IoK8sApimachineryPkgApiResource', 'resource', join(machineryDir, '_schemas')],
  ['IoK8sApimachineryPkgUtilIntstr', 'intstr', join(machineryDir, '_schemas')],
]

export interface PodFields {
  /** Where it came from, so a stale file is easy to spot. */
  source: string
  /** Struct name → field name → Go type. */
  structs: Record<string, Record<string, string>>
}

interface Declaration {
  file: string
  text: string
}

function declarationFor(file: string): Declaration {
  return { file, text: readFileSync(file, 'utf8') }
}

/** The file that declares an imported name, from the declaration's import lines. */
function importedFile(from: Declaration, name: string): string | undefined {
  const match = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from "([^"]+)"`).exec(from.text)
  if (!match) return undefined
  const spec = match[1]!
  const base = spec.startsWith('.') ? resolve(dirname(from.file), spec) : join(root, 'node_modules', spec)
  return base.replace(/\.js$/, '') + '.d.ts'
}

/** The body of `export interface I<Short> { … }`, and the short name. */
function interfaceOf(declaration: Declaration): { short: string; body: string } | undefined {
  const start = /export interface I(\w+)( extends TypeMeta)? \{/.exec(declaration.text)
  if (!start) return undefined
  let depth = 0
  let i = start.index + start[0].length - 1
  const open = i
  for (; i < declaration.text.length; i++) {
    if (declaration.text[i] === '{') depth++
    if (declaration.text[i] === '}' && --depth === 0) break
  }
  // TypeMeta is apiVersion and kind, both strings.
  const typeMeta = start[2] ? '"apiVersion"?: string;\n"kind"?: string;\n' : ''
  return { short: start[1]!, body: typeMeta + declaration.text.slice(open + 1, i) }
}

/** `"name"?: TYPE;` entries of an interface body (doc comments removed; TYPE may span lines). */
function properties(body: string): [string, string][] {
  const text = body.replace(/\/\*\*[\s\S]*?\*\//g, '')
  const result: [string, string][] = []
  const re = /"([^"]+)"\??:\s*/g
  let match: RegExpExecArray | null
  while ((match = re.exec(text))) {
    let depth = 0
    let i = re.lastIndex
    for (; i < text.length; i++) {
      const c = text[i]
      if (c === '{' || c === '<') depth++
      if (c === '}' || c === '>') depth--
      if (c === ';' && depth === 0) break
    }
    result.push([match[1]!, text.slice(re.lastIndex, i).trim()])
    re.lastIndex = i + 1
  }
  return result
}

function packageOf(fullName: string): [goPackage: string, short: string, schemas: string] {
  for (const [prefix, goPackage, schemas] of PACKAGES) {
    if (fullName.startsWith(prefix)) return [goPackage, fullName.slice(prefix.length), schemas]
  }
  throw new Error(`no Go package known for ${fullName}`)
}

async function numberKind(fullName: string, field: string): Promise<string> {
  const [, , schemas] = packageOf(fullName)
  const { validate } = (await import(pathToFileURL(join(schemas, `${fullName}.js`)).href)) as {
    validate: ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; params: Record<string, unknown> }[] | null }
  }
  const errorsFor = (value: number) => {
    validate({ [field]: value })
    return (validate.errors ?? []).filter((e) => e.instancePath === `/${field}`)
  }
  if (!errorsFor(1.5).some((e) => e.keyword === 'type')) return 'float64'
  return errorsFor(2 ** 40).some((e) => e.keyword === 'format' && e.params.format === 'int32') ? 'int32' : 'int64'
}

async function generate(): Promise<PodFields> {
  const structs: Record<string, Record<string, string>> = {}
  const pending: [fullName: string, file: string][] = [['IoK8sApiCoreV1Pod', join(modelsDir, 'v1', 'Pod.d.ts')]]
  const seen = new Set<string>()

  async function goType(tsType: string, from: Declaration, fullName: string, field: string): Promise<string> {
    const t = tsType.trim()
    if (t === 'string' || /^"[^"]*"(\s*\|\s*"[^"]*")*$/.test(t)) return 'string'
    if (t === 'boolean') return 'bool'
    if (t === 'number') return numberKind(fullName, field)
    const array = /^Array<([\s\S]+)>$/.exec(t)
    if (array) return `[]${await goType(array[1]!, from, fullName, field)}`
    const map = /^\{\s*\[key: string\]:\s*([\s\S]+?);?\s*\}$/.exec(t)
    if (map) return `map[string]${await goType(map[1]!, from, fullName, field)}`
    const ref = /^I(IoK8s\w+)$/.exec(t)
    if (ref) {
      const refName = ref[1]!
      const [goPackage, short] = packageOf(refName)
      const file = importedFile(from, `I${refName}`)
      if (!file) throw new Error(`${from.file}: cannot find the import of I${refName}`)
      if (!seen.has(refName)) {
        seen.add(refName)
        pending.push([refName, file])
      }
      return `${goPackage}.${short}`
    }
    throw new Error(`${from.file}: a type this generator does not know: ${t}`)
  }

  seen.add('IoK8sApiCoreV1Pod')
  while (pending.length > 0) {
    const [fullName, file] = pending.shift()!
    const declaration = declarationFor(file)
    const found = interfaceOf(declaration)
    // Type aliases (Quantity, Time, IntOrString) are leaves: no interface, no fields.
    if (!found) continue
    const [, short] = packageOf(fullName)
    if (structs[short]) throw new Error(`two structs named ${short}`)
    const fields: Record<string, string> = {}
    for (const [name, tsType] of properties(found.body)) fields[name] = await goType(tsType, declaration, fullName, name)
    structs[short] = fields
  }
  const version = (JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')) as { version: string }).version
  const sorted = Object.fromEntries(Object.keys(structs).sort().map((k) => [k, structs[k]!]))
  return { source: `kubernetes-models ${version}`, structs: sorted }
}

export async function podFieldsText(): Promise<string> {
  return `${JSON.stringify(await generate(), null, 1)}\n`
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, await podFieldsText())
  console.log(`wrote ${OUTPUT.slice(root.length + 1)}`)
}
