/** Reading a PDF back as a reader's eyes would: its text (pdftotext) and its page size (pdfinfo). */
import { execFileSync } from 'node:child_process'

/**
 * The text of a PDF, or of one page of it, in the order Chromium drew it (-raw: table cells
 * stay whole, and a hyphen at the end of a line is kept rather than taken for a hyphenation).
 */
export function pdfText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : []
  return execFileSync('pdftotext', ['-raw', ...range, file, '-'], { encoding: 'utf8' })
}

/** Every run of white space (line ends too) as one space. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim()

/**
 * Text without any white space, to compare what was written with what was printed: a line
 * that wrapped on paper (at a space, or where the browser may break, as after a quote) still
 * matches, while a character lost at the page edge does not.
 */
export const squash = (text: string) => text.replace(/\s+/g, '')

export function pdfInfo(file: string): { pages: number; size: string } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), size: /^Page size:\s+(.+)$/m.exec(info)![1]!.trim() }
}
