/**
 * The words of the in-page katas and simulator, one file per language and part: the doors
 * (en/door.ts, ko/door.ts), which every chapter page loads, and the workbench and playground
 * behind them (en/editor.ts, ko/editor.ts), which load only when a reader opens one. Exact
 * system strings (event reasons, messages, CRI names, spec names, kubectl output, the CLI's
 * one-line refusals) are never in here: they come from the simulator and stay as it prints them.
 *
 * A text with `backticks` is drawn with those parts as code (see ticks()).
 */
import type { Parting } from '../../sim/trace-difference.ts'

export interface DoorWords {
  kataOpen(n: number): string
  kataNote: string
  solvedHere: string
  /** `npm run kata`'s status for a kata (cli/progress.ts: solved, failing, not tried). */
  cliStatus(status: string): string
  hintsSeen(n: number): string
  simOpen: string
  simNote: string
}

export interface EditorWords {
  workbench: {
    title(n: number, slug: string): string
    run: string
    running: string
    reset: string
    restore: string
    resetNote: string
    /** Reset with nothing new to keep: the editor held the starter's text, or a copy already kept. */
    resetNothingNew: string
    /** The copy list was full: the oldest copy went, and the reader is told when it was from. */
    resetDropped(max: number, time: string): string
    /** The browser refused to store the copy: the editor is left as it was. */
    resetRefused: string
    restoredNote(time: string): string
    nothingToRestore: string
    copies(n: number): string
    /** A copy left by an older version of the page, whose time was not kept. */
    earlierCopy: string
    bringBack: string
    typesNote: string
    stuck(spec: string | null, seconds: number): string
    stuckQuestion: string
    crashed(message: string): string
    loadError: string
    at: string
    edit: string
    spec: string
    /** Under a stuck run's marks: what the marks of the other specs mean. */
    stuckMarks: string
    /** Kata 2: why no lanes are drawn under its results. */
    noLanes(kata: number): string
    passed(specs: number, kata: number): string
    failed(passing: number, total: number): string
    next: string
    timedOut(seconds: number): string
    traceSummary: string
    traceStuck(seconds: number): string
    traceFailed(message: string): string
    hintOffer(level: number, total: number, group?: string): string
    showHint: string
    nextHint(level: number, total: number): string
    hintsLanguage: string
    showReference: string
    referenceLater: string
  }
  playground: {
    story: string
    presetTitle(id: string, english: string): string
    scenarioTitle(title: string): string
    scenarioFile(path: string): string
    /** The editor's label: `file` is the example's path while it is unedited, else pod.yaml. */
    podManifest(file: string): string
    scenarioNote: string
    switches: string
    runtime: string
    network: string
    connectivity(c: string): string
    preload: string
    sandboxImage: string
    sandboxImagePlaceholder: string
    mirror: string
    mirrorDown: string
    crash: string
    crashPlaceholder: string
    forSeconds: string
    mine: string
    run: string
    running: string
    line(n: number): string
    stuck(seconds: number): string
    crashed(message: string): string
    problem: string
    referenceTranscript: string
    /** "My code" ticked with no kata file kept in this browser: why only the reference is drawn. */
    noKataCode: string
    /** On a chapter: the link to the same story in the playground, where there is room for two columns. */
    sideBySide: string
    /** The disclosure holding the run as `--json` prints it. */
    asJson: string
  }
  trace: {
    /** The lines under the two diagrams, from where the runs part (sim/trace-difference.ts). */
    partingLines(calls: Parting | undefined, events: Parting | undefined): string[]
    same: string
    yourCaption(status: string): string
    referenceCaption(status: string): string
    markedAt(kind: 'call' | 'event', n: number): string
    /** The tag drawn on the marked row; short, it sits left of the kuberuntime lane. */
    tag: string
    tagEnded: string
    /** Said before the marked row in the diagram's text form. */
    spoken: string
    spokenEnded: string
    showIt: string
    /** The CLI's name for the learner's side ("your kubelet"), and what to call it in a kata whose code is another part of the node. */
    kubelet: string
    yours(kataFolder: string): string
  }
}

/** `a \`b\` c` → ['a ', 'b', ' c']: the odd parts are code. */
export function ticks(text: string): string[] {
  return text.split('`')
}
