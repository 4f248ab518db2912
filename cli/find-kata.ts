/** Turns what a learner typed (`1`, `pods`, `01-pods`) into a kata, or says which names exist. */
import { KATAS, type Kata } from '../katas/katas.ts'
import { UserError } from './errors.ts'

export function findKata(name: string | undefined, katas: readonly Kata[] = KATAS): Kata {
  if (name === undefined || name === '') {
    throw new UserError(`which kata? Give its number, name or folder: ${validNames(katas)}`, 2)
  }
  const wanted = name.trim().toLowerCase().replace(/\/$/, '').replace(/^katas\//, '')
  const kata = katas.find(
    (k) => String(k.number) === wanted.replace(/^0+(?=\d)/, '') || k.slug === wanted || k.folder === wanted,
  )
  if (!kata) throw new UserError(`no kata called "${name}". Valid names: ${validNames(katas)}`, 2)
  return kata
}

function validNames(katas: readonly Kata[]): string {
  return katas.map((k) => `${k.number} (${k.slug}, ${k.folder})`).join('; ')
}
