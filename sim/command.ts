/**
 * `npm run sim -- <pod.yaml> [options]`: runs a Pod manifest on the simulated node and prints
 * what a real node would show. This file reads the command line, checks every option's value
 * and reports problems in one line; the work is in run-sim.ts. sim/main.ts runs it as a
 * process; the fuzz tests call simCommand() directly, many times in one process.
 */
import { parseArgs } from 'node:util'
import type { Pod } from 'kubernetes-types/core/v1'
import { ManifestError, loadPod } from '../machinery/api/manifest.ts'
import { CONNECTIVITIES, type Connectivity } from '../machinery/images/registry.ts'
import { isRuntimeName, RUNTIME_NAMES } from '../machinery/runtime/runtime-profiles.ts'
import { ReferenceError, parseReference } from '../machinery/images/image-ref.ts'
import { SimError } from '../assembly/index.ts'
import { LEARNER_FILE, runLearnerSim } from './learner-run.ts'
import { eventLine, firstCallParting, firstEventParting, partingLines } from './trace-difference.ts'
import { runSim, simJson, simText, type SimOptions } from './run-sim.ts'
import { isScenarioFile, loadScenario, runScenario } from './scenario.ts'

const CUT_OFFS = CONNECTIVITIES.filter((c) => c !== 'online')

const USAGE = `Usage: npm run sim -- <pod.yaml> [options]
       npm run sim -- <scenario.yaml>
       npm run sim -- --serve <socket> [node options]

Runs a v1 Pod on a simulated node (a kubelet and a container runtime) and prints the CRI calls
as a lane diagram, the Events of \`kubectl describe pod\` and \`kubectl get pods -o wide\`.

Options:
  --runtime <name>            whose defaults and error wording to reproduce:
                              ${RUNTIME_NAMES.join(', ')} (default containerd-1.7)
  --offline                   the node reaches no registry (DNS knows no public names)
  --cut-off <how>             how the node is cut off, implies --offline:
                              ${CUT_OFFS.join(', ')}
  --preload <image>           the image is already in the node's store, as after
                              \`ctr -n k8s.io images import\` (repeatable)
  --sandbox-image <image>     the runtime's configured pause image (default: the runtime's own)
  --mirror <host>=<endpoint>  a registry mirror, as in containerd's certs.d/<host>/hosts.toml
                              (repeatable), e.g. registry.k8s.io=http://10.0.0.5:5000
  --mirror-down               the mirrors refuse connections
  --crash <container|pause>   once the pod runs, that process dies and the kubelet syncs again
  --for <seconds>             how long the kubelet keeps retrying a pod that will not start
                              (default 120)
  --mine                      use your kubelet from kata 4 (${LEARNER_FILE}) instead of
                              the reference (a scenario file too)
  --compare                   run both, print your diagram (or a scenario's transcript) above
                              the reference's, and name the first call where they differ
  --json                      print { runtime, calls, events, pod } as JSON instead
  --serve <socket>            serve the simulated runtime over CRI v1 gRPC on a unix socket
                              until Ctrl-C, for crictl or lab/cri-client.ts (takes --runtime,
                              --offline, --cut-off, --preload, --sandbox-image, --mirror)
  --width <columns>           width of the lane diagram (default: the terminal's, 80 to 140)
  --no-color                  no colours (also when NO_COLOR is set or output is not a terminal)
  -h, --help                  this text

A file with kind: Scenario (e.g. examples/scenarios/airgap-import.yaml) is a short story
instead: a node, then steps such as apply, wait, import, sandboxImage, mirror, gc. It is played
and printed as the commands an admin types and what they print; see sim/scenario-file.ts. It
takes --mine and --compare, and no node options (its node: sets them).`

/** A problem with what was asked: one line, and the exit code. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message)
  }
}

function parse(argv: string[]) {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        runtime: { type: 'string' },
        offline: { type: 'boolean' },
        'cut-off': { type: 'string' },
        preload: { type: 'string', multiple: true },
        'sandbox-image': { type: 'string' },
        mirror: { type: 'string', multiple: true },
        'mirror-down': { type: 'boolean' },
        crash: { type: 'string' },
        for: { type: 'string' },
        json: { type: 'boolean' },
        serve: { type: 'string' },
        mine: { type: 'boolean' },
        compare: { type: 'boolean' },
        width: { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError(`${argumentProblem(error as Error & { code?: string })} (see --help)`)
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    for (const one of [value].flat()) {
      if (typeof one === 'string' && one.trim() === '') throw new UsageError(`--${name} needs a value; got an empty one (see --help)`)
    }
  }
  return parsed
}

/**
 * node:util's messages are long, several lines, and mention parseArgs; keep the gist. A value
 * that starts with a dash (`--for -5`) reads as an option there: say how to give it.
 */
function argumentProblem(error: Error & { code?: string }): string {
  const option = /'(-[-\w]+)/.exec(error.message)?.[1]
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /ambiguous/.test(error.message) && option) {
    return `${option.split(' ')[0]} got a value that starts with "-"; write it as ${option.split(' ')[0]}=<value> if you mean it`
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /does not take/.test(error.message) && option) return `${option} takes no value`
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `${option.split(' ')[0]} needs a value`
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`
  return error.message.split('\n')[0]!.split('. ')[0]!
}

function options(values: ReturnType<typeof parse>['values']): SimOptions {
  const runtime = values.runtime ?? 'containerd-1.7'
  if (!isRuntimeName(runtime)) throw new UsageError(`unknown runtime "${runtime}"; use one of ${RUNTIME_NAMES.join(', ')}`)
  const cutOff = values['cut-off']
  if (cutOff !== undefined && !(CUT_OFFS as readonly string[]).includes(cutOff)) {
    throw new UsageError(`unknown --cut-off "${cutOff}"; use one of ${CUT_OFFS.join(', ')}`)
  }
  const connectivity: Connectivity = (cutOff as Connectivity | undefined) ?? (values.offline ? 'dns-nxdomain' : 'online')
  const mirrors: Record<string, string[]> = {}
  for (const mirror of values.mirror ?? []) {
    const match = /^([^=\s]+)=(https?:\/\/[^\s]+)$/.exec(mirror)
    if (!match) throw new UsageError(`--mirror "${mirror}" is not <registry-host>=<http(s)://endpoint>`)
    ;(mirrors[match[1]!] ??= []).push(match[2]!)
  }
  const images = [...(values.preload ?? []), ...(values['sandbox-image'] ? [values['sandbox-image']] : [])]
  for (const image of images) {
    try {
      parseReference(image)
    } catch (error) {
      if (error instanceof ReferenceError) throw new UsageError(`"${image}" is not an image reference: ${error.message}`)
      throw error
    }
  }
  const forSeconds = values.for === undefined ? 120 : /^\d+(\.\d+)?$/.test(values.for.trim()) ? Number(values.for) : Number.NaN
  if (!Number.isFinite(forSeconds) || forSeconds > 86_400) throw new UsageError(`--for "${values.for}" is not a number of seconds (0 to 86400)`)
  return {
    runtime,
    connectivity,
    mirrors,
    mirrorsUp: !values['mirror-down'],
    preload: values.preload ?? [],
    ...(values['sandbox-image'] ? { sandboxImage: values['sandbox-image'] } : {}),
    ...(values.crash ? { crash: values.crash } : {}),
    forMs: forSeconds * 1000,
  }
}

/**
 * The options `npm run sim -- <pod.yaml> …argv` runs with, read exactly as the command reads
 * them: the chapters' build-time runs take their options from the arguments they print in a
 * caption, so the caption is the command that made the figure.
 */
export function simOptionsOf(argv: readonly string[]): SimOptions {
  return options(parse([...argv]).values)
}

function width(value: string | undefined): number {
  if (value === undefined) return Math.min(140, Math.max(80, process.stdout.columns ?? 100))
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isInteger(n) || n < 60 || n > 400) throw new UsageError(`--width "${value}" is not a number of columns (60 to 400)`)
  return n
}

/** Where the command prints: stdout and stderr, a line (or block) at a time. */
export interface CommandOutput {
  out(text: string): void
  err(text: string): void
}

async function main(argv: string[], io: CommandOutput): Promise<number> {
  const { values, positionals } = parse(argv)
  if (values.help) {
    io.out(USAGE)
    return 0
  }
  if (values.serve !== undefined) return serve(values.serve, positionals, values)
  if (positionals.length === 0) throw new UsageError('give a Pod manifest, e.g. npm run sim -- examples/pods/web.yaml (see --help)')
  if (positionals.length > 1) throw new UsageError(`one manifest at a time; got ${positionals.length}: ${positionals.join(' ')}`)
  if (isScenarioFile(positionals[0]!)) return scenario(positionals[0]!, values, io)
  if ((values.mine || values.compare) && values.json) throw new UsageError('--json works with the reference only; drop --mine/--compare')
  const simOptions = options(values)
  const columns = width(values.width)
  const manifest = loadPod(positionals[0]!)
  const color = !values['no-color'] && !process.env.NO_COLOR && Boolean(process.stdout.isTTY)
  if (values.mine || values.compare) return learnerRun(manifest, simOptions, columns, color, Boolean(values.compare), io)
  const result = runSim(manifest, simOptions)
  if (values.json) {
    io.out(JSON.stringify(simJson(result), null, 2))
    return 0
  }
  io.out(simText(result, { width: columns, color }))
  return 0
}

/** --serve: the simulated runtime on a CRI socket; only the node's options apply. */
async function serve(socket: string, positionals: string[], values: ReturnType<typeof parse>['values']): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`--serve runs a runtime, not a pod; drop ${positionals[0]}`)
  const podOnly = ['crash', 'for', 'json', 'mine', 'compare', 'width'].find((key) => key in values)
  if (podOnly) throw new UsageError(`--serve runs a runtime, not a pod; drop --${podOnly}`)
  if (socket.trim() === '') throw new UsageError('--serve needs a socket path, e.g. --serve /tmp/podkata-cri.sock')
  const node = options(values)
  // Loaded only here: gRPC is not needed for anything else the sim does.
  const { serveSimulator } = await import('../lab/serve-sim.ts')
  const { SocketInUseError } = await import('../lab/cri-server.ts')
  try {
    await serveSimulator(socket, {
      runtime: node.runtime ?? 'containerd-1.7',
      connectivity: node.connectivity ?? 'online',
      preload: node.preload ?? [],
      mirrors: node.mirrors ?? {},
      mirrorsUp: node.mirrorsUp ?? true,
      ...(node.sandboxImage ? { sandboxImage: node.sandboxImage } : {}),
    })
  } catch (error) {
    if (error instanceof SocketInUseError) throw new UsageError(error.message, 1)
    const code = (error as NodeJS.ErrnoException)?.code
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'ENOENT' || /bind|listen|No address added/i.test((error as Error)?.message ?? '')) {
      throw new UsageError(`cannot listen on ${socket}: ${(error as Error).message}`, 1)
    }
    throw error
  }
  return 0
}

/** A scenario file: its own node and steps; only the output options and --mine/--compare apply. */
async function scenario(path: string, values: ReturnType<typeof parse>['values'], io: CommandOutput): Promise<number> {
  const allowed = new Set(['no-color', 'width', 'help', 'mine', 'compare'])
  const extra = Object.keys(values).filter((key) => !allowed.has(key))
  const nodeOptions = ['runtime', 'offline', 'cut-off', 'preload', 'sandbox-image', 'mirror', 'mirror-down']
  if (extra.length > 0) {
    const hint = nodeOptions.includes(extra[0]!) ? " (or change the scenario's node:)" : ''
    throw new UsageError(`a scenario sets up its own node and steps; drop --${extra[0]}${hint}`)
  }
  const story = loadScenario(path)
  if (!values.mine && !values.compare) {
    io.out(runScenario(story).text)
    return 0
  }
  const mine = await runLearnerSim({ kind: 'scenario', scenario: story })
  if (!mine.ok) throw new UsageError(mine.problem, 1)
  if (!values.compare) {
    io.out(mine.text)
    return 0
  }
  const reference = runScenario(story)
  const calls = firstCallParting(mine.calls, reference.session.trace.calls())
  const events = firstEventParting(mine.events, reference.session.trace.events().map(eventLine))
  io.out([`Your kubelet (${LEARNER_FILE}):`, '', mine.text, '', 'The reference kubelet:', '', reference.text, ''].join('\n'))
  for (const line of partingLines(calls, events)) io.out(line)
  return calls || events ? 1 : 0
}

/** --mine and --compare: the learner's kubelet, in a worker with a time limit. */
async function learnerRun(manifest: Pod, simOptions: SimOptions, columns: number, color: boolean, compare: boolean, io: CommandOutput): Promise<number> {
  const mine = await runLearnerSim({ kind: 'pod', manifest, options: simOptions, width: columns, color })
  if (!mine.ok) throw new UsageError(mine.problem, 1)
  if (!compare) {
    io.out(mine.text)
    return 0
  }
  const reference = runSim(manifest, simOptions)
  const expected = reference.session.trace.calls()
  const calls = firstCallParting(mine.calls, expected)
  const events = firstEventParting(mine.events, reference.session.trace.events().map(eventLine))
  io.out([`Your kubelet (${LEARNER_FILE}):`, '', mine.text, '', 'The reference kubelet:', '', simText(reference, { width: columns, color }), ''].join('\n'))
  for (const line of partingLines(calls, events)) io.out(line)
  return calls || events ? 1 : 0
}

/** Runs the command; every problem is one line on `io.err` and a non-zero exit code. */
export async function simCommand(argv: string[], io: CommandOutput): Promise<number> {
  try {
    return await main(argv, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`sim: ${error.message}`)
      return error.exitCode
    }
    if (error instanceof ManifestError || error instanceof SimError) {
      io.err(`sim: ${oneLine(error.message)}`)
      return 1
    }
    io.err(`sim: internal error: ${oneLine((error as Error)?.message ?? String(error))} (please report it)`)
    return 70
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ')
}
