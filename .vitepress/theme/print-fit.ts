/**
 * Gets a page ready for paper just before it prints (the browser's `beforeprint`; the kit's
 * PDF builder fires the same event). CSS alone cannot do two things print.css relies on:
 *
 * 1. Size each code block by its longest line, so a kubectl table keeps its columns: the font
 *    shrinks (down to a floor) until the widest line fits the narrowest paper we print on (A4),
 *    and each line records its indent, so a line that must still wrap continues under itself.
 *    Counting characters needs no layout, so this works before the print layout exists.
 * 2. Turn link targets into numbered notes at the end of the page (or of each booklet chapter),
 *    instead of long URLs in the middle of sentences.
 *
 * 3. Put the page's own title in the running header (print.css's margin box says only "podkata").
 *
 * `afterprint` takes the notes away again; the code sizes only matter on paper.
 */

/** Usable width of a code line on A4 with 15 mm margins and the block's padding, in points. */
const CODE_WIDTH_PT = 470
/** Advance of one monospace character, in em (Liberation Mono, DejaVu Sans Mono, Menlo). */
const CHAR_EM = 0.602
const LARGEST_PT = 8.5
const SMALLEST_PT = 6.3
const TAB = 4
/** The longest word that still fits one line at the smallest size; only a longer one would break. */
export const MAX_UNBROKEN_COLUMNS = Math.floor(CODE_WIDTH_PT / (CHAR_EM * SMALLEST_PT))

/** Character columns of a line, with tabs expanded the way `tab-size: 4` draws them. */
export function columns(line: string): number {
  let width = 0
  for (const char of line) width = char === '\t' ? width + TAB - (width % TAB) : width + 1
  return width
}

/** The font size (pt) that lets a block whose widest line has this many columns fit. */
export function codeSizeFor(widest: number): number {
  if (widest <= 0) return LARGEST_PT
  const fit = CODE_WIDTH_PT / (CHAR_EM * widest)
  return Math.round(Math.min(LARGEST_PT, Math.max(SMALLEST_PT, fit)) * 10) / 10
}

/** Elements matching a selector, as an array (the DOM lib here has no iterable NodeList). */
const all = <T extends Element = HTMLElement>(root: ParentNode, selector: string) =>
  Array.from(root.querySelectorAll(selector)) as T[]

function fitCode(root: ParentNode): void {
  for (const block of all(root, '.vp-doc div[class*="language-"]')) {
    const lines = all(block, 'pre > code > span')
    const texts = lines.length ? lines.map((l) => l.textContent ?? '') : (block.textContent ?? '').split('\n')
    block.style.setProperty('--print-code-size', `${codeSizeFor(Math.max(0, ...texts.map(columns)))}pt`)
    lines.forEach((line, i) => {
      const indent = columns(/^[\t ]*/.exec(texts[i]!)![0])
      if (indent) line.style.setProperty('--indent', String(indent))
    })
  }
}

const NOTES_CLASS = 'print-link-notes'

/** Numbers the external links of each part (a booklet chapter, or the page) and lists them. */
function addLinkNotes(doc: Document): void {
  for (const content of all(doc, '.vp-doc')) {
    const parts = all(content, '.print-part')
    for (const part of parts.length ? parts : [content]) {
      const numbers = new Map<string, number>()
      for (const link of all<HTMLAnchorElement>(part, 'a[href^="http"]')) {
        if (link.closest('pre, .kata-card, .' + NOTES_CLASS)) continue
        if (!numbers.has(link.href)) numbers.set(link.href, numbers.size + 1)
        link.dataset.printNote = String(numbers.get(link.href))
      }
      if (!numbers.size) continue
      const list = doc.createElement('ol')
      list.className = `${NOTES_CLASS} print-only`
      for (const url of numbers.keys()) {
        const item = doc.createElement('li')
        item.textContent = url
        list.append(item)
      }
      // On a handout the notes go before the hint ladder, which must stay the last page.
      const hints = part.querySelector('.handout-hints')
      if (hints) hints.before(list)
      else part.append(list)
    }
    content.classList.add('print-notes-ready')
  }
}

function removeLinkNotes(doc: Document): void {
  all(doc, `ol.${NOTES_CLASS}`).forEach((list) => list.remove())
  all(doc, '[data-print-note]').forEach((link) => delete link.dataset.printNote)
  all(doc, '.print-notes-ready').forEach((content) => content.classList.remove('print-notes-ready'))
}

const TITLE_STYLE_ID = 'print-running-title'

/** The page's title in the top margin of every sheet (print.css alone can only say "podkata"). */
function setRunningTitle(doc: Document): void {
  const title = doc.querySelector('.vp-doc h1')?.textContent?.replace(/[\u200b#]/g, '').trim()
  if (!title) return
  let style = doc.getElementById(TITLE_STYLE_ID)
  if (!style) {
    style = doc.createElement('style')
    style.id = TITLE_STYLE_ID
    doc.head.append(style)
  }
  style.textContent = `@page { @top-left { content: ${JSON.stringify(`podkata · ${title}`)}; } }`
}

export function preparePrint(doc: Document = document): void {
  removeLinkNotes(doc)
  fitCode(doc)
  addLinkNotes(doc)
  setRunningTitle(doc)
}

/** Called once from the theme, in the browser only. */
export function installPrintFit(): void {
  if (typeof window === 'undefined') return
  window.addEventListener('beforeprint', () => preparePrint())
  window.addEventListener('afterprint', () => removeLinkNotes(document))
}
