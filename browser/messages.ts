/**
 * What the page and the in-page runner's worker (kata-worker.ts) say to each other. The page
 * sends one request per worker; the worker answers with heartbeats and then its result (a
 * kata's specs with lanes: two results, the specs' and then the lanes').
 */
import type { TraceEntry } from '../machinery/node/trace.ts'
import type { Parting } from '../sim/trace-difference.ts'

/** The CLI's per-spec limit (workbook/vitest-options.ts), also vitest's own limit in the page's worker. */
export const SPEC_TIMEOUT_MS = 3000

/**
 * The page's watchdog on a kata's specs: it stops a spec earlier than the CLI does, counting
 * the first spec (and the loading before it) from the click, so that from the click to the
 * stuck spec named on the screen stays under the SPEC_TIMEOUT_MS the page promises, worker
 * start and paint included (`npm run bench` prints it). The kata specs take milliseconds.
 */
export const PAGE_WATCHDOG_MS = 2500

/**
 * Whose version of the learner's files a run uses, as in workbook/implementation-swap.ts:
 * `learner` the text from the page, `starter`/`reference` the pristine files, `mine` the
 * learner's text also in place of the reference parts the assembled node builds on.
 */
export type RunMode = 'learner' | 'starter' | 'reference' | 'mine'

export interface SpecRequest {
  kind: 'specs'
  /** e.g. `katas/01-pods/pods.spec.ts` */
  spec: string
  mode: RunMode
  /** The learner's files by repository path, e.g. `{ 'katas/01-pods/pods.ts': '…' }`. */
  files: Record<string, string>
  /**
   * After the specs, when they ran: the simulator on these files (mode `mine`) beside the
   * reference, answered with a second message (`sim-done`) from the same worker.
   */
  lanes?: { manifest: string; options: SimSwitches }
}

/** Whether a kata's lanes follow its specs' result: only when the specs ran (a file that does not load draws nothing). */
export function lanesFollow(result: SpecResult): boolean {
  return result.kind === 'ran'
}

export interface SimRequest {
  kind: 'sim'
  manifest: string
  options: SimSwitches
  mode: 'reference' | 'mine'
  files: Record<string, string>
}

/** A scenario file from the editor, played as `npm run sim -- <source>` plays it. */
export interface ScenarioRequest {
  kind: 'scenario'
  text: string
  /** `mine`: played on the learner's files (`files`), beside the reference's play. */
  mode?: 'reference' | 'mine'
  files?: Record<string, string>
  /** Its path as the CLI is given it, e.g. `examples/scenarios/airgap-gc-trap.yaml`: its `apply:` paths are relative to it. */
  source: string
}

export type RunRequest = SpecRequest | SimRequest | ScenarioRequest

/** The sim's command-line switches, as the page's controls set them. */
export interface SimSwitches {
  runtime?: string
  /** online, or how the node is cut off (dns-nxdomain is `--offline`). */
  connectivity?: string
  preload?: string[]
  sandboxImage?: string
  /** `registry.k8s.io=http://10.0.0.5:5000`, as --mirror takes it. */
  mirror?: string
  mirrorDown?: boolean
  crash?: string
  forSeconds?: number
}

/** Where in a file: 1-based, as an editor shows it. */
export interface Place {
  file: string
  line: number
  column: number
}

export interface SpecOutcome {
  /** The spec's own name, as vitest's `test.name`. */
  name: string
  /** Its name under its describe blocks, `group › spec`, as the CLI prints it. */
  fullName: string
  /** `not run`: a spec after the one the watchdog stopped. */
  state: 'passed' | 'failed' | 'skipped' | 'not run'
  message?: string
  /** Expected vs received, without colour codes. */
  diff?: string
  /** The deepest line of the learner's own file in the stack. */
  learnerPlace?: Place
  /** The failing line in the spec file itself: the outermost frame there, as the CLI's `spec` line. */
  specPlace?: Place
}

export type SpecResult =
  | { kind: 'ran'; specs: SpecOutcome[]; ms: number }
  | { kind: 'load-error'; message: string; place?: Place }

export interface SimView {
  runtime: string
  entries: TraceEntry[]
  /** describe's Events and get pods, with the commands, as the chapters show them. */
  kubectl: string
  /** All of `npm run sim`'s output. */
  text: string
  /** The reference's run as `npm run sim -- … --json` prints it (the CLI gives --json for the reference only). */
  json?: string
  /** The pod's STATUS column in `kubectl get pods`. */
  status: string
  /** When the learner's code threw: what, in one line (the trace until then is drawn). */
  problem?: string
}

/**
 * Where the learner's node parts from the reference's, as `npm run sim -- --compare` finds it
 * (sim/trace-difference.ts): the first call and the first event that differ, and the one of
 * the two that comes first, placed on each side's diagram.
 */
export interface TraceParting {
  calls?: Parting
  events?: Parting
  marked: {
    kind: 'call' | 'event'
    number: number
    /** Index in each view's entries of the row drawn as the parting. */
    mine: number
    reference: number
    /** That side made no such call or event: its mark is on the last one it made, where it stopped. */
    mineEnded: boolean
    referenceEnded: boolean
  }
}

export type SimResult =
  /** With `reference`, the learner's run beside the reference's, and where they part (none: the same). */
  | { kind: 'ran'; view: SimView; reference?: SimView; parting?: TraceParting }
  /** `line`: the first line the message is about; `lines`: all of them, in the message's order, when there are several. */
  | { kind: 'bad-input'; message: string; line?: number; lines?: number[] }
  /**
   * A scenario played to its end: the transcript `npm run sim` prints. With `compare`, it was
   * played on the learner's code (`--compare`): both sides' transcripts and lanes, and where they part.
   */
  | { kind: 'played'; text: string; compare?: { mine: SimView; reference: SimView; parting?: TraceParting }; problem?: string }

export type WorkerMessage =
  /** Sent as each spec starts: the page's watchdog is re-armed and can name a stuck spec. */
  | { kind: 'start'; spec: string }
  /** The spec file's specs, in order, once collected: a stuck run can mark those it never reached. */
  | { kind: 'collected'; specs: SpecOutcome[] }
  /** Each spec's verdict as it ends: a stuck run keeps the verdicts before the stuck spec. */
  | { kind: 'finished'; spec: SpecOutcome }
  | { kind: 'ready' }
  | { kind: 'specs-done'; result: SpecResult }
  | { kind: 'sim-done'; result: SimResult }
  | { kind: 'crashed'; message: string }
