/**
 * The learner's progress: which katas pass on their code and how many hints they have seen.
 * Kept in .podkata/progress.txt, a file meant to be read (and edited) by people:
 *
 *   # podkata progress …
 *   pods: solved, hints seen 2, 2026-11-28T13:40:12.000Z
 *
 * One line per kata, keyed by the kata's slug, so adding or reordering katas in an update of
 * the workbook keeps every line meaningful. Unknown or broken lines are ignored.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Kata } from '../katas/katas.ts'
import { STATE_DIR } from '../workbook/paths.ts'
import { isAtStarter } from '../workbook/working-copies.ts'
import { describeFileProblem } from './file-problems.ts'

/** A kata still at its starter is not tried, whatever was recorded before (a reset brings it back there). */
export type KataStatus = 'solved' | 'failing' | 'not tried'

export interface KataProgress {
  status: KataStatus
  hintsSeen: number
  updated: string
}

export const PROGRESS_FILE = join(STATE_DIR, 'progress.txt')

const HEADER = [
  '# podkata progress: one line per kata you have worked on (solved, failing or not tried) and the hints you have seen.',
  '# It lives outside git and updates of the workbook never touch it. Delete a line to forget that kata.',
]

const LINE = /^([a-z0-9-]+):\s*(solved|failing|not tried)(?:,\s*hints seen (\d+))?(?:,\s*(\S+))?\s*$/

/** The entries in the progress file; none when it is missing or unreadable. */
function readEntries(): Map<string, KataProgress> {
  let text = ''
  try {
    text = readFileSync(PROGRESS_FILE, 'utf8')
  } catch {
    // No file yet (or not a file): nothing done.
  }
  const entries = new Map<string, KataProgress>()
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim())
    if (!match) continue
    const [, slug = '', status, hints, updated] = match
    entries.set(slug, { status: status as KataStatus, hintsSeen: Number(hints ?? 0), updated: updated ?? '' })
  }
  return entries
}

export class Progress {
  /** Why the last save failed (a read-only .podkata, say), in one line; undefined once one works. */
  saveProblem: string | undefined

  /** The katas this process has recorded something for: only their lines are its to write. */
  private readonly changed = new Set<string>()

  private constructor(private readonly entries: Map<string, KataProgress>) {}

  static load(): Progress {
    return new Progress(readEntries())
  }

  of(kata: Kata): KataProgress | undefined {
    return this.entries.get(kata.slug)
  }

  isSolved(kata: Kata): boolean {
    return this.stateOf(kata) === 'solved'
  }

  stateOf(kata: Kata): KataStatus {
    if (isAtStarter(kata)) return 'not tried'
    return this.of(kata)?.status ?? 'not tried'
  }

  /**
   * Records a verdict on the learner's own code. A kata stays marked solved only while it
   * passes; one still at its starter was not tried, so walking past it records nothing.
   */
  record(kata: Kata, verdict: 'solved' | 'failing'): void {
    const previous = this.of(kata)
    const status: KataStatus = isAtStarter(kata) ? 'not tried' : verdict
    if (status === 'not tried' && (previous?.status ?? 'not tried') === 'not tried') return
    this.entries.set(kata.slug, { status, hintsSeen: previous?.hintsSeen ?? 0, updated: new Date().toISOString() })
    this.changed.add(kata.slug)
    this.save()
  }

  recordHintSeen(kata: Kata, level: number): void {
    const previous = this.of(kata) ?? { status: this.stateOf(kata), hintsSeen: 0, updated: '' }
    this.entries.set(kata.slug, { ...previous, hintsSeen: Math.max(previous.hintsSeen, level), updated: new Date().toISOString() })
    this.changed.add(kata.slug)
    this.save()
  }

  /**
   * Another terminal may be running the CLI too: the lines it wrote since this one loaded are
   * kept (only the katas recorded here are overwritten), and the file is replaced in one
   * rename, so no one ever reads it half-written.
   */
  private save(): void {
    const onDisk = readEntries()
    for (const slug of new Set([...this.entries.keys(), ...onDisk.keys()])) {
      if (this.changed.has(slug)) continue
      // Not ours to decide: as the file says now (a line deleted by hand stays deleted).
      const entry = onDisk.get(slug)
      if (entry) this.entries.set(slug, entry)
      else this.entries.delete(slug)
    }
    const lines = [...this.entries].map(
      ([slug, p]) => `${slug}: ${p.status}${p.hintsSeen ? `, hints seen ${p.hintsSeen}` : ''}, ${p.updated}`,
    )
    try {
      mkdirSync(STATE_DIR, { recursive: true })
      const temporary = `${PROGRESS_FILE}.${process.pid}.tmp`
      writeFileSync(temporary, [...HEADER, ...lines, ''].join('\n'))
      renameSync(temporary, PROGRESS_FILE)
      this.saveProblem = undefined
    } catch (error) {
      // A verdict is worth more than its record: say so once, and carry on.
      const problem = describeFileProblem(error)
      if (!problem) throw error
      if (problem !== this.saveProblem) console.error(`podkata: your progress is not saved: ${problem}`)
      this.saveProblem = problem
    }
  }
}
