/**
 * `hint <kata> [level]`: hints come in levels, from a nudge to nearly the answer. Without a
 * level, the next one the learner has not seen yet.
 */
import { UserError } from '../errors.ts'
import { findKata } from '../find-kata.ts'
import { Progress } from '../progress.ts'
import { renderHint } from '../report.ts'

export function hint(name: string | undefined, levelText: string | undefined): number {
  const kata = findKata(name)
  const progress = Progress.load()
  const total = kata.hints.length
  const level = levelText === undefined ? Math.min((progress.of(kata)?.hintsSeen ?? 0) + 1, total) : Number(levelText)
  if (!Number.isInteger(level) || level < 1 || level > total) {
    throw new UserError(`kata ${kata.slug} has hint levels 1 to ${total}; "${levelText}" is not one of them`, 2)
  }
  progress.recordHintSeen(kata, level)
  console.log(renderHint(kata, level))
  return 0
}
