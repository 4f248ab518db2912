/**
 * One page of the built site to one PDF, through Chromium's own print path (`page.pdf`), with
 * a running header (the document's title) and footer (the workbook's version and date, and
 * the page number) on every page.
 */
import type { Page } from 'playwright-core'
import { editionLine, type Edition } from './edition.ts'

export type Paper = 'A4' | 'Letter'

export const PAPERS: readonly { paper: Paper; folder: string }[] = [
  { paper: 'A4', folder: 'a4' },
  { paper: 'Letter', folder: 'letter' },
]

/** The same margins as print.css's @page, so the site and the kit paginate alike. */
const MARGIN = { top: '14mm', bottom: '14mm', left: '15mm', right: '15mm' }

/**
 * Chromium draws the header and footer below; print.css's own margin boxes (for printing from
 * the site) would be drawn on top of them.
 */
const KIT_PAGE_RULES = `@page { margin: ${MARGIN.top} ${MARGIN.right} ${MARGIN.bottom} ${MARGIN.left};
  @top-left { content: none } @bottom-right { content: none } }`

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

function band(left: string, right: string): string {
  // Header and footer templates have no page styles: every size is set here, in px of a 96 dpi page.
  return `<div style="width:100%;margin:0 15mm;display:flex;justify-content:space-between;font:9px sans-serif;color:#333">
<span>${left}</span><span>${right}</span></div>`
}

/** Loads a page of the built site and readies it for paper, once for every paper size. */
export async function openForPrint(page: Page, url: string, waitFor?: string): Promise<void> {
  // The page loads and hydrates as on a screen, then turns to paper. It waits until the network
  // is idle: the diagrams are async components, and a page printed while one of them was still
  // arriving and hydrating printed part of itself twice (seen: the hint ladder on two sheets).
  await page.emulateMedia({ media: 'screen' })
  const response = await page.goto(url, { waitUntil: 'networkidle' })
  if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`)
  // Content that appears once the page has hydrated (the booklet's page numbers).
  if (waitFor) await page.waitForSelector(waitFor, { state: 'attached', timeout: 10_000 })
  await page.emulateMedia({ media: 'print', colorScheme: 'light' })
  // The theme's print-fit.ts listens for this: code sizes, numbered link notes, running title.
  await page.evaluate(async () => {
    await document.fonts.ready
    window.dispatchEvent(new Event('beforeprint'))
  })
  // After print-fit's own @page rule, so that this one wins.
  await page.addStyleTag({ content: KIT_PAGE_RULES })
}

export interface PrintRequest {
  paper: Paper
  /** The running title, e.g. "Chapter 1 · Pods — learner handout". */
  title: string
  edition: Edition
}

/** The open page as a PDF on one paper size. */
export function printPdf(page: Page, request: PrintRequest): Promise<Buffer> {
  return page.pdf({
    format: request.paper,
    printBackground: true,
    margin: MARGIN,
    displayHeaderFooter: true,
    headerTemplate: band(escape(request.title), 'podkata'),
    footerTemplate: band(
      escape(editionLine(request.edition)),
      'page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    ),
  })
}

/** Pages in a PDF Chromium wrote (its page objects are plain dictionaries). */
export function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
}
