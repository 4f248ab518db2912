/**
 * The Korean facilitator page's generated parts stay in step with the English: every English
 * agenda text, question, answer, kata part and mistake has a Korean twin written for that exact
 * text (locale/ko-facilitator.ts), no twin is left over from an English text that is gone, and
 * the Korean chapters list as many objectives as the English ones.
 */
import { describe, expect, it } from 'vitest'
import facilitator from '../docs/guide/facilitator.data.ts'
import { englishTexts, KOREAN_TABLES, koreanFacilitator, koreanObjectives } from '../locale/ko-facilitator-view.ts'
import { chapterNames } from '../kit/handout-source.ts'

const data = facilitator.load()
const english = englishTexts(data)
const HANGUL = /[\uac00-\ud7a3]/

describe('the Korean facilitator guide', () => {
  it.each(Object.keys(KOREAN_TABLES) as (keyof typeof KOREAN_TABLES)[])('%s: every English text has its Korean twin, and no twin is for a text that is gone', (table) => {
    const twins = KOREAN_TABLES[table]
    const texts = new Set(english[table])
    const missing = [...texts].filter((text) => !Object.hasOwn(twins, text))
    const orphans = Object.keys(twins).filter((text) => !texts.has(text))
    // Both at once reads as "the English changed": the orphan is the old text, the missing one the new.
    expect({ missing, orphans }, `locale/ko-facilitator.ts: translate the English texts in "missing" (and drop the "orphans", whose English is gone)`).toEqual({ missing: [], orphans: [] })
  })

  it.each(Object.keys(KOREAN_TABLES) as (keyof typeof KOREAN_TABLES)[])('%s: every twin is Korean prose, not a copy of the English', (table) => {
    // A kata part named only by its function (computePodActions) keeps the name.
    const copies = Object.entries(KOREAN_TABLES[table]).filter(([en, ko]) => !HANGUL.test(ko) && !/^[\w.]+$/.test(en))
    expect(copies).toEqual([])
  })

  it.each(chapterNames().map(({ name, kata }) => [name, kata.chapter.page] as const))('ko/chapters/%s lists as many objectives as the English', (name, page) => {
    const englishObjectives = data.katas.find((k) => k.chapter.page === page)!.objectives
    const korean = koreanObjectives(name)
    expect(korean).toHaveLength(englishObjectives.length)
    for (const objective of korean) expect(objective).toMatch(HANGUL)
  })

  it('keeps a Korean objective as written: `kubectl describe` is not turned into `Kubectl describe`', () => {
    expect(koreanObjectives('04-cri-sequence')[1]).toMatch(/^kubectl describe의 Events 표를/)
  })

  it('the Korean data is the English with Korean words, commands, spec names and times unchanged', () => {
    const ko = koreanFacilitator(data)
    expect(data.ko).toEqual(ko)
    const [three] = ko.agendas
    expect(three!.title).toBe('세 시간: 왜 모든 파드는 pause로 시작하는가')
    expect(ko.agendas.map((a) => a.blocks.map((b) => [b.at, b.minutes, b.show]))).toEqual(data.agendas.map((a) => a.blocks.map((b) => [b.at, b.minutes, b.show])))
    const syncpod = ko.katas.find((k) => k.slug === 'syncpod')!
    const englishSyncpod = data.katas.find((k) => k.slug === 'syncpod')!
    expect(syncpod.groups).toEqual(englishSyncpod.groups)
    expect(syncpod.mistakes.map((m) => m.caughtBy)).toEqual(englishSyncpod.mistakes.map((m) => m.caughtBy))
    expect(syncpod.mistakes.map((m) => m.mistake)).toContain('앱 컨테이너를 먼저 시작하고 샌드박스를 나중에 만든다.')
    expect(syncpod.chapter).toEqual({ ...englishSyncpod.chapter, title: 'CRI 호출 순서' })
    for (const kata of ko.katas) for (const text of [kata.title, ...kata.objectives, ...kata.mistakes.map((m) => m.mistake), ...kata.questions.flatMap((q) => [q.ask, q.answer])]) expect(text).toMatch(HANGUL)
  })

  it('an English text with no twin stays English on the Korean page, and is named', () => {
    const changed = structuredClone({ katas: data.katas, agendas: data.agendas })
    changed.agendas[0]!.blocks[0]!.what = 'Welcome, and a new first block'
    expect(koreanFacilitator(changed).agendas[0]!.blocks[0]!.what).toBe('Welcome, and a new first block')
    expect(englishTexts(changed).agendas.filter((t) => !Object.hasOwn(KOREAN_TABLES.agendas, t))).toEqual(['Welcome, and a new first block'])
  })
})
