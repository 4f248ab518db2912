/**
 * What the facilitator guide lists for each kata, read at build time from the same files the
 * workbook runs: the kata list, each spec file's describe groups and spec count, the
 * known-wrong implementations, whose headers name a real mistake and the spec that catches it,
 * the chapter's objectives (the list that ends its opening), and the questions
 * to ask (facilitator-questions.ts). The two plans for the day come with their clock times.
 * `ko` is the same for the Korean page, with its Korean twins (locale/ko-facilitator-view.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { KATAS } from '../../katas/katas.ts'
import { knownWrongFor } from '../../proof/known-wrong.ts'
import { KATAS_DIR } from '../../workbook/paths.ts'
import { chapterNames, plainObjective, readChapter } from '../../kit/handout-source.ts'
import { AGENDAS, timed, type Agenda, type TimedBlock } from './agendas.ts'
import { QUESTIONS, type Question } from './facilitator-questions.ts'
import { koreanFacilitator, type FacilitatorDataKo } from '../../locale/ko-facilitator-view.ts'

export interface KataNotes {
  number: number
  slug: string
  title: string
  chapter: { title: string; page: string }
  specCount: number
  /** The spec file's describe groups, in order: the parts of the kata. */
  groups: string[]
  hintCount: number
  mistakes: { mistake: string; caughtBy: string }[]
  /** What a reader can do after the chapter (the list that ends the chapter's opening). */
  objectives: string[]
  questions: Question[]
}

export interface TimedAgenda extends Omit<Agenda, 'blocks'> {
  blocks: (TimedBlock & { chapter?: string })[]
  end: string
  minutes: number
}

export interface FacilitatorData {
  katas: KataNotes[]
  agendas: TimedAgenda[]
  /** The Korean page's: the same, in Korean where a twin exists. */
  ko: FacilitatorDataKo
}

export default {
  watch: [
    '../../katas/*/*.spec.ts',
    '../../proof/known-wrong/*/*/*.ts',
    '../../katas/katas.ts',
    '../chapters/*.md',
    './agendas.ts',
    './facilitator-questions.ts',
    '../ko/chapters/*.md',
    '../../locale/ko-facilitator.ts',
  ],
  load(): FacilitatorData {
    const objectives = new Map(chapterNames().map(({ name, kata }) => [kata.chapter.page, readChapter(name, kata).meta.objectives.map(plainObjective)]))
    const katas = KATAS.map((kata) => {
      const spec = readFileSync(join(KATAS_DIR, kata.folder, kata.spec), 'utf8')
      const groups = [...spec.matchAll(/^describe\((['"`])(.+?)\1/gm)].map((m) => m[2]!)
      const specCount = [...spec.matchAll(/^\s+it(?:\.each\([^)]*\))?\(/gm)].length
      return {
        number: kata.number,
        slug: kata.slug,
        title: kata.title,
        chapter: kata.chapter,
        specCount,
        groups,
        hintCount: kata.hints.length,
        mistakes: knownWrongFor(kata).map(({ mistake, caughtBy }) => ({ mistake, caughtBy })),
        objectives: objectives.get(kata.chapter.page) ?? [],
        questions: QUESTIONS[kata.slug] ?? [],
      }
    })
    const agendas = AGENDAS.map((agenda) => {
      const { blocks, end, minutes } = timed(agenda)
      return {
        ...agenda,
        end,
        minutes,
        blocks: blocks.map((block) => ({ ...block, chapter: KATAS.find((k) => k.slug === block.kata)?.chapter.title })),
      }
    })
    return { katas, agendas, ko: koreanFacilitator({ katas, agendas }) }
  },
}

export declare const data: FacilitatorData
