/**
 * The order the site is read in, in one place: the sidebar and every page's "Previous" and
 * "Next" links come from here. Landing → how to work a kata → the chapters in kata order. The
 * workshop guide (each kata's common mistakes, for whoever runs a room) and the real-node lab
 * stand apart: listed in the sidebar, but no reading page leads into them by "Next", and they
 * lead nowhere by "Previous"/"Next" either.
 */
import type { DefaultTheme } from 'vitepress'
import { KATAS } from '../katas/katas.ts'

export interface Stop {
  text: string
  link: string
}

/** Each chapter once, in kata order (a chapter may one day hold several katas). */
export function chapterStops(): Stop[] {
  const stops: Stop[] = []
  for (const kata of KATAS) {
    if (stops.some((stop) => stop.link === kata.chapter.page)) continue
    stops.push({ text: `${stops.length + 1}. ${kata.chapter.title}`, link: kata.chapter.page })
  }
  return stops
}

export const START: Stop = { text: 'Start here', link: '/' }
export const WORKING: Stop = { text: 'How to work a kata', link: '/guide/working-a-kata' }
export const FACILITATING: Stop = { text: 'Running a workshop', link: '/guide/facilitating' }
export const LAB: Stop = { text: 'The real-node lab', link: '/lab' }
export const GLOSSARY: Stop = { text: 'Glossary', link: '/reference/glossary' }
export const PLAYGROUND: Stop = { text: 'Simulator playground', link: '/reference/playground' }

/** The pages read one after the other. */
export function readingOrder(): Stop[] {
  return [START, WORKING, ...chapterStops()]
}

/** Pages that stand apart from the reading order. */
export const APART: readonly Stop[] = [FACILITATING, LAB, PLAYGROUND, GLOSSARY]

export function sidebar(): DefaultTheme.SidebarItem[] {
  return [
    { text: 'Start', items: [START, WORKING] },
    { text: 'Chapters', items: chapterStops() },
    { text: 'Apart from the chapters', items: [{ text: 'Running a workshop (facilitators)', link: FACILITATING.link }, LAB] },
    { text: 'Reference', items: [PLAYGROUND, GLOSSARY] },
  ]
}

/** The page a link names, as VitePress's relativePath: `/` → `index.md`, `/lab` → `lab.md`. */
export function pageFile(link: string): string {
  return link === '/' ? 'index.md' : `${link.replace(/^\//, '')}.md`
}

export type Neighbour = Stop | false

/** "Previous" and "Next" for a page, or undefined for a page this file does not know. */
export function neighbours(relativePath: string): { prev: Neighbour; next: Neighbour } | undefined {
  if (APART.some((stop) => pageFile(stop.link) === relativePath)) return { prev: false, next: false }
  const order = readingOrder()
  const at = order.findIndex((stop) => pageFile(stop.link) === relativePath)
  if (at < 0) return undefined
  return { prev: order[at - 1] ?? false, next: order[at + 1] ?? false }
}
