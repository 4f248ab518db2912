/**
 * The Korean facilitator page's data: the English data (docs/guide/facilitator.data.ts) with each
 * generated text swapped for its Korean twin (locale/ko-facilitator.ts), the kata and chapter
 * titles from katas/katas.ko.ts, and the objectives from the Korean chapters' own lists. What has
 * no twin stays English, and englishTexts() lets tests/ko-facilitator.test.ts name it.
 * Commands, spec names (caught by) and clock times are the English data's, unchanged.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { KATAS_KO } from '../katas/katas.ko.ts'
import { chapterNames, objectivesIn, plainSentence } from '../kit/handout-source.ts'
import { ROOT } from '../workbook/paths.ts'
import type { KataNotes, TimedAgenda } from '../docs/guide/facilitator.data.ts'
import { AGENDA_KO, GROUPS_KO, MISTAKES_KO, QUESTIONS_KO } from './ko-facilitator.ts'

export interface KataNotesKo extends KataNotes {
  /** The Korean gloss of each describe group, beside the name the watch loop prints. */
  groupsKo: string[]
}

export interface FacilitatorDataKo {
  katas: KataNotesKo[]
  agendas: TimedAgenda[]
}

/** The line the objectives' list follows in a Korean chapter's opening. */
export const KO_OBJECTIVES_LEAD = /^이 챕터를 마치면 다음을 할 수 있습니다[.:]?\s*$/

/** A Korean chapter's objectives (docs/ko/chapters/<name>.md), as plain sentences. */
export function koreanObjectives(name: string): string[] {
  const lines = readFileSync(join(ROOT, 'docs', 'ko', 'chapters', `${name}.md`), 'utf8').split('\n')
  return objectivesIn(lines, `ko/chapters/${name}`, KO_OBJECTIVES_LEAD).map(plainSentence)
}

const twin = (table: Readonly<Record<string, string>>, english: string): string => (Object.hasOwn(table, english) ? table[english]! : english)

export function koreanFacilitator(data: { katas: KataNotes[]; agendas: TimedAgenda[] }): FacilitatorDataKo {
  const objectives = new Map(chapterNames().map(({ name, kata }) => [kata.chapter.page, koreanObjectives(name)]))
  const chapterTitle = (slug: string | undefined, english: string | undefined) => (slug && KATAS_KO[slug]?.chapterTitle) || english
  return {
    katas: data.katas.map((kata) => {
      const ko = objectives.get(kata.chapter.page)
      return {
        ...kata,
        title: KATAS_KO[kata.slug]?.title ?? kata.title,
        chapter: { ...kata.chapter, title: chapterTitle(kata.slug, kata.chapter.title)! },
        groupsKo: kata.groups.map((group) => twin(GROUPS_KO, group)),
        mistakes: kata.mistakes.map((m) => ({ ...m, mistake: twin(MISTAKES_KO, m.mistake) })),
        // The Korean chapter's list, when it has as many objectives as the English (the drift check keeps them in step).
        objectives: ko && ko.length === kata.objectives.length ? ko : kata.objectives,
        questions: kata.questions.map((q) => ({ ask: twin(QUESTIONS_KO, q.ask), answer: twin(QUESTIONS_KO, q.answer) })),
      }
    }),
    agendas: data.agendas.map((agenda) => ({
      ...agenda,
      title: twin(AGENDA_KO, agenda.title),
      summary: twin(AGENDA_KO, agenda.summary),
      blocks: agenda.blocks.map((block) => ({ ...block, what: twin(AGENDA_KO, block.what), chapter: block.kata ? chapterTitle(block.kata, block.chapter) : block.chapter })),
    })),
  }
}

/** Every English text the Korean tables must have a twin for, by table. */
export function englishTexts(data: { katas: KataNotes[]; agendas: TimedAgenda[] }): Record<'agendas' | 'questions' | 'groups' | 'mistakes', string[]> {
  return {
    agendas: data.agendas.flatMap((a) => [a.title, a.summary, ...a.blocks.map((b) => b.what)]),
    questions: data.katas.flatMap((k) => k.questions.flatMap((q) => [q.ask, q.answer])),
    groups: data.katas.flatMap((k) => k.groups),
    mistakes: data.katas.flatMap((k) => k.mistakes.map((m) => m.mistake)),
  }
}

export const KOREAN_TABLES = { agendas: AGENDA_KO, questions: QUESTIONS_KO, groups: GROUPS_KO, mistakes: MISTAKES_KO } as const
