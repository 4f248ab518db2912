/**
 * The workshop kit's sources, without a browser: each chapter's handout selection exists and
 * keeps answers off paper, and the facilitator guide's plans and questions add up. The PDFs
 * themselves are checked by `npm run test:kit` (kit/tests/), which prints them.
 */
import { describe, expect, it } from 'vitest'
import { AGENDAS, timed } from '../docs/guide/agendas.ts'
import { QUESTIONS } from '../docs/guide/facilitator-questions.ts'
import { codeSizeFor, columns } from '../.vitepress/theme/print-fit.ts'
import { KATAS } from '../katas/katas.ts'
import { allHandouts, chapterNames, forPaper, headings, objectivesIn, plainObjective, readChapter, slugify } from '../kit/handout-source.ts'

describe('learner handouts, cut from the chapters', () => {
  const handouts = allHandouts()

  it('has one per chapter, each with its title, objectives and kata parts', () => {
    expect(handouts.map((h) => h.kata.chapter.page)).toEqual([...new Set(KATAS.map((k) => k.chapter.page))])
    for (const handout of handouts) {
      expect(handout.markdown).toMatch(new RegExp(`^# ${handout.title.replace(/[()]/g, '\\$&')}$`, 'm'))
      expect(handout.markdown).toContain('After this chapter you can:')
      expect(handout.markdown).toContain(`<HandoutKata :number="${handout.kata.number}" part="commands" />`)
      expect(handout.markdown.trimEnd().endsWith(`<HandoutKata :number="${handout.kata.number}" part="hints" />`)).toBe(true)
    }
  })

  it('keeps reference solutions, folded blocks and the kata card off paper', () => {
    for (const handout of handouts) {
      expect(handout.markdown).not.toMatch(/solutions\/|:::\s*details|<KataCard/)
    }
  })

  it('uses the same heading ids as the site, and names only headings that exist', () => {
    expect(slugify('1. `validatePod`: what the API server rejects')).toBe('_1-validatepod-what-the-api-server-rejects')
    expect(slugify("The decision, in the kubelet's words")).toBe('the-decision-in-the-kubelet-s-words')
    for (const { name, kata } of chapterNames()) {
      const source = readChapter(name, kata)
      const ids = headings(source.body.split('\n')).map((h) => h.id)
      for (const id of [...source.meta.sections, ...source.meta.skip]) expect(ids, `${name}: ${id}`).toContain(id)
    }
  })

  it('reads the objectives from the list that ends a chapter\'s opening', () => {
    const opening = ['Some prose.', '', 'After this chapter you can:', '', '- say what a Pod', '  shares;', '- read `kubectl` output.', '', 'More prose.']
    expect(objectivesIn(opening)).toEqual(['say what a Pod shares;', 'read `kubectl` output.'])
    expect(plainObjective('read `kubectl` output.')).toBe('Read kubectl output')
    expect(plainObjective('tell a `SANDBOX_READY` sandbox from a *stopped* one;')).toBe('Tell a SANDBOX_READY sandbox from a stopped one')
    expect(() => objectivesIn(['No list here.'])).toThrow(/After this chapter you can/)
    for (const { name, kata } of chapterNames()) expect(readChapter(name, kata).meta.objectives.length, name).toBeGreaterThanOrEqual(3)
  })

  it('ignores # lines inside fenced code when it looks for headings', () => {
    const lines = ['## Real', '```toml', '# /etc/containerd/config.toml', '```', '## Also real']
    expect(headings(lines).map((h) => h.id)).toEqual(['real', 'also-real'])
  })

  it('drops what a chapter marks not-on-handout, folded blocks and starter code', () => {
    const kept = forPaper([
      'before',
      '<!-- not-on-handout -->',
      'a second diagram',
      '<!-- /not-on-handout -->',
      '::: details Reference solution',
      '<<< @/../solutions/01-pods/pods.ts#validate',
      ':::',
      '<<< @/../starters/01-pods/pods.ts#validate',
      '<<< @/../examples/pods/web.yaml',
      'after',
    ])
    expect(kept).toEqual(['before', '<<< @/../examples/pods/web.yaml', 'after'])
  })
})

describe('print-fit: code sized by its longest line', () => {
  it('counts a tab to the next stop of four', () => {
    expect(columns('\tx')).toBe(5)
    expect(columns('ab\tc')).toBe(5)
  })

  it('keeps short blocks at full size, shrinks wide ones, and stops at a readable floor', () => {
    expect(codeSizeFor(60)).toBe(8.5)
    expect(codeSizeFor(110)).toBeLessThan(8.5)
    expect(codeSizeFor(110)).toBeGreaterThan(6.3)
    expect(codeSizeFor(400)).toBe(6.3)
  })
})

describe('the facilitator guide', () => {
  it('has a three-hour plan and a full day from 09:00 to 17:00', () => {
    const [short, day] = AGENDAS.map(timed)
    expect(short!.minutes).toBe(180)
    expect(AGENDAS[1]!.start).toBe('09:00')
    expect(day!.end).toBe('17:00')
  })

  it('works every kata on the full day, and names only katas that exist', () => {
    const slugs = KATAS.map((k) => k.slug)
    for (const agenda of AGENDAS) for (const block of agenda.blocks) if (block.kata) expect(slugs).toContain(block.kata)
    expect(new Set(AGENDAS[1]!.blocks.map((b) => b.kata).filter(Boolean))).toEqual(new Set(slugs))
  })

  it('has questions with answers for every kata, and for no other', () => {
    expect(Object.keys(QUESTIONS).sort()).toEqual(KATAS.map((k) => k.slug).sort())
    for (const questions of Object.values(QUESTIONS)) {
      expect(questions.length).toBeGreaterThanOrEqual(3)
      for (const q of questions) expect(q.ask.endsWith('?') || q.ask.endsWith('.')).toBe(true)
    }
  })
})
