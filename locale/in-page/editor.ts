/** The workbench's and playground's words for a page's language: Korean under /ko/, else English. */
import { EN_EDITOR } from './en/editor.ts'
import { KO_EDITOR } from './ko/editor.ts'
import type { EditorWords } from './types.ts'

export function editorWords(lang: string): EditorWords {
  return lang === 'ko' ? KO_EDITOR : EN_EDITOR
}
