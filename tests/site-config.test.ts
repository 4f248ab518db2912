/** The site's reading order: the sidebar and Previous/Next come from .vitepress/reading-order.ts. */
import { describe, expect, it } from 'vitest'
import { KATAS } from '../katas/katas.ts'
import { APART, neighbours, pageFile, readingOrder, sidebar } from '../.vitepress/reading-order.ts'

const chapterPages = [...new Set(KATAS.map((kata) => kata.chapter.page))]

describe('the reading order', () => {
  it('is landing, how to work a kata, then every chapter in kata order', () => {
    expect(readingOrder().map((stop) => stop.link)).toEqual(['/', '/guide/working-a-kata', ...chapterPages])
  })

  it("leads chapter 1 back to the guide to katas, not to the workshop guide's common mistakes", () => {
    const around = neighbours('chapters/01-pods.md')!
    expect(around.prev).toEqual({ text: 'How to work a kata', link: '/guide/working-a-kata' })
    expect(around.next).toMatchObject({ link: chapterPages[1] })
  })

  it('ends at the last chapter and starts at the landing page', () => {
    expect(neighbours(pageFile(chapterPages.at(-1)!))!.next).toBe(false)
    expect(neighbours('index.md')!.prev).toBe(false)
  })

  it('keeps the workshop guide and the lab apart: no Previous/Next from or into them', () => {
    for (const stop of APART) expect(neighbours(pageFile(stop.link))).toEqual({ prev: false, next: false })
    const intoApart = readingOrder().flatMap((stop) => Object.values(neighbours(pageFile(stop.link))!))
    for (const stop of APART) expect(intoApart).not.toContainEqual(expect.objectContaining({ link: stop.link }))
  })

  it('knows nothing of pages outside it (the handouts keep their own)', () => {
    expect(neighbours('handouts/01-pods.md')).toBeUndefined()
  })
})

describe('the sidebar', () => {
  it('lists the reading order first and the pages apart in groups of their own, last', () => {
    const groups = sidebar()
    const links = groups.map((group) => group.items!.map((item) => item.link))
    const apart = APART.map((stop) => stop.link)
    const firstApart = links.findIndex((group) => group.some((link) => apart.includes(link!)))
    expect(links.slice(0, firstApart).flat()).toEqual(readingOrder().map((stop) => stop.link))
    expect(links.slice(firstApart).flat()).toEqual(apart)
  })

  it('maps links to page files the way VitePress names them', () => {
    expect(pageFile('/')).toBe('index.md')
    expect(pageFile('/guide/facilitating')).toBe('guide/facilitating.md')
  })
})
