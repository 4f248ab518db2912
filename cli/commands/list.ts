/** `list`: every kata with its state (✓ solved, ✗ failing, · not tried) and its chapter. */
import { KATAS } from '../../katas/katas.ts'
import { Progress } from '../progress.ts'
import { bold, cyan, dim, FAIL, green, PASS, red, UNTRIED } from '../style.ts'

export function list(): number {
  console.log(renderList(Progress.load()))
  return 0
}

export function renderList(progress: Progress): string {
  const current = KATAS.find((kata) => !progress.isSolved(kata))
  const lines = KATAS.map((kata) => {
    const status = progress.stateOf(kata)
    const mark = status === 'solved' ? green(PASS) : status === 'failing' ? red(FAIL) : dim(UNTRIED)
    const pointer = kata === current ? cyan('→') : ' '
    return `${pointer} ${mark} ${String(kata.number).padStart(2)}  ${kata.slug.padEnd(10)} ${kata.title} ${dim(`(chapter: ${kata.chapter.title})`)}`
  })
  const solved = KATAS.filter((kata) => progress.isSolved(kata)).length
  return [bold('Katas'), ...lines, '', dim(`${solved} of ${KATAS.length} solved. ${PASS} solved  ${FAIL} failing  ${UNTRIED} not tried  → next`)].join('\n')
}
