/**
 * Shiki transformers for every fenced block of the site (markdown.codeTransformers in
 * config.ts). They only annotate; custom.css does the wrapping. See code-layout.ts for the rules.
 */
import type { ShikiTransformer } from 'shiki'
import { layoutLines } from './code-layout.ts'

/**
 * Each line gets `--hang` (where its wrapped rows start) and the code element the class `hang`;
 * a block holding a table also gets `--min-columns`, and its <pre> a tab stop, because it may
 * scroll sideways and a keyboard reader must be able to scroll it (axe: scrollable-region-focusable).
 */
export function hangingIndent(): ShikiTransformer {
  return {
    name: 'podkata:hanging-indent',
    code(node) {
      const layout = layoutLines(this.source.replace(/\n$/, '').split('\n'))
      this.addClassToHast(node, 'hang')
      if (layout.minColumns !== undefined) {
        node.properties.style = `--min-columns: ${layout.minColumns}`
        this.addClassToHast(this.pre, 'has-table')
        this.pre.properties.tabindex = '0'
      }
      let index = 0
      for (const child of node.children) {
        if (child.type !== 'element' || !(child.properties.class as string | undefined)?.toString().includes('line')) continue
        const hang = layout.lines[index++]?.hang
        if (hang !== undefined) child.properties.style = `--hang: ${hang}`
      }
    },
  }
}
