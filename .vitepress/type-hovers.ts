/**
 * Type hovers (twoslash) on the kata code the chapters import from starters/: hover, focus or
 * tap a name and its type appears, as an editor would show it. The popups are plain HTML made
 * at build time and shown by CSS alone (theme/type-hovers.css), so a chapter page loads no
 * script for them.
 *
 * A chapter imports a region of a starter (`<<< @/../starters/03-sandbox/sandbox.ts#run`), but
 * the compiler needs the whole file: twoslash gets all of it, with everything outside the region
 * cut (`// ---cut-before---`, `// ---cut-after---`), so the page shows the same lines as before
 * and the types are the real ones. The markdown stays as it is, so the English and Korean
 * pages keep the same imports (the locale drift check compares them).
 */
import { readFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Element, ElementContent, Root } from 'hast'
import type { MarkdownRenderer } from 'vitepress'
import type { ShikiTransformer } from 'shiki'
import { createTransformerFactory, rendererRich, type TwoslashShikiFunction, type TwoslashShikiReturn } from '@shikijs/twoslash'
import ts from 'typescript'
import { createTwoslasher } from 'twoslash'
import { interfaceText } from './interface-text.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
/** Only the learner's starting files get hovers: they hold the kata's interfaces and CRI types. */
const HOVERED = join(ROOT, 'starters') + sep

const REGION_START = (name: string) => new RegExp(`^\\s*//\\s*#region\\s+${name.replace(/[.-]/g, '\\$&')}\\s*$`)
const REGION_END = (name: string) => new RegExp(`^\\s*//\\s*#endregion(\\s+${name.replace(/[.-]/g, '\\$&')})?\\s*$`)
const ANY_MARKER = /^\s*\/\/\s*#(end)?region\b/

/** The same common indentation VitePress takes off a region, so the lines read as before. */
function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length)
  const least = Math.min(...indents)
  return Number.isFinite(least) && least > 0 ? lines.map((line) => line.slice(least)) : lines
}

/**
 * The whole file for twoslash, everything but the region cut. `@filename` puts the code where
 * the file is, so its relative imports resolve. Indentation means nothing to TypeScript, so
 * the region can be dedented in place. Undefined when the region is not there (VitePress then
 * reports it its own way).
 */
export function twoslashSource(file: string, region: string): string | undefined {
  const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n')
  const start = lines.findIndex((line) => REGION_START(region).test(line))
  if (start < 0) return undefined
  const end = lines.findIndex((line, index) => index > start && REGION_END(region).test(line))
  if (end < 0) return undefined
  const outside = (part: string[]) => part.filter((line) => !ANY_MARKER.test(line))
  return [
    `// @filename: ${relative(ROOT, file).split(sep).join('/')}`,
    ...outside(lines.slice(0, start)),
    '// ---cut-before---',
    ...dedent(outside(lines.slice(start + 1, end))),
    '// ---cut-after---',
    ...outside(lines.slice(end + 1)),
  ].join('\n')
}

/** The project's own compiler options (tsconfig.json), so a hover shows what the editor shows. */
function compilerOptions(): ts.CompilerOptions {
  const read = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile)
  return ts.convertCompilerOptionsFromJson(read.config.compilerOptions, ROOT).options
}

/**
 * markdown-it: a snippet import of a starter's region becomes a twoslash block of the whole
 * file. Runs before VitePress's own snippet renderer, which then leaves the token alone.
 */
export function typeHoverSnippets(md: MarkdownRenderer): void {
  const render = md.renderer.rules.fence!
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index]!
    const { src, region } = (token.meta ?? {}) as { src?: string; region?: string }
    const source = src?.startsWith(HOVERED) && src.endsWith('.ts') && region ? twoslashSource(src, region) : undefined
    if (source !== undefined) {
      // What VitePress's snippet renderer would do: rebuild the page when the file changes.
      ;(env as { includes?: string[] }).includes?.push(src!)
      token.content = source
      token.info = 'ts twoslash'
      token.meta = { ...token.meta, src: undefined }
    }
    return render(tokens, index, options, env, self)
  }
}

const hasClass = (node: Element, name: string) => String(node.properties.class ?? '').split(' ').includes(name)

function* elements(node: Root | Element): Generator<Element> {
  for (const child of node.children as ElementContent[]) {
    if (child.type !== 'element') continue
    yield child
    yield* elements(child)
  }
}

/**
 * What the CSS-only popups need besides: every hovered name is a tab stop (keyboard and touch
 * reach it by focus) described by its popup; the popup is left out of the copy button's text;
 * the code blocks inside a popup are not tab stops of their own, and are spans.
 */
function focusableHovers(): ShikiTransformer {
  return {
    name: 'podkata:focusable-hovers',
    root(root) {
      let count = 0
      const block = `th${hash(this.source)}`
      for (const node of elements(root)) {
        if (!hasClass(node, 'twoslash-hover')) continue
        const popup = node.children.find((child): child is Element => child.type === 'element' && hasClass(child, 'twoslash-popup-container'))
        if (!popup) continue
        const id = `${block}-${count++}`
        node.properties.tabindex = '0'
        node.properties['aria-describedby'] = id
        popup.properties.id = id
        // No role="tooltip": Vue does not know `role` as an HTML attribute and would then compile
        // the page's markup into script rather than one static string (aria-* it knows).
        popup.properties.class = `${popup.properties.class} vp-copy-ignore`
        // Only phrasing content inside the code line: Vue compiles a page whose markup nests a
        // <pre> or a <div> in a <span> into script instead of one static string (the browser
        // would parse it otherwise), and that script is what a chapter's JS budget pays for.
        for (const inner of elements(popup)) {
          if (inner.tagName === 'pre') delete inner.properties.tabindex
          if (inner.tagName === 'pre' || inner.tagName === 'div') {
            inner.properties.class = `${inner.properties.class ?? ''} twoslash-${inner.tagName}`.trim()
            inner.tagName = 'span'
          }
        }
      }
    },
  }
}

/** A short, stable name for a block, so its popups' ids are the same on every build. */
function hash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(36)
}

/**
 * The English and Korean chapters import the same regions, and local search renders each page
 * again: the compiler runs once per block and build, the rest read this.
 */
const results = new Map<string, TwoslashShikiReturn>()

/** `// @filename: <path>`, the first line of every block twoslashSource makes. */
const FILENAME = /^\/\/ @filename: (\S+)\n/

/**
 * The compiler, and what it says made readable. An interface of the kata's (a CRI message, a
 * record of the machinery) shows its fields (interface-text.ts). `throw new Error(…)`, in
 * every stub of a starter, gets no hover: it says nothing about the kata and would be one more
 * tab stop in every block.
 */
function hoversOfTheKata(): TwoslashShikiFunction {
  const twoslasher = createTwoslasher({ compilerOptions: compilerOptions() })
  return (code, lang, options) => {
    const result = twoslasher(code, lang, options)
    const file = FILENAME.exec(code)?.[1]
    result.nodes = result.nodes.filter((node) => !(node.type === 'hover' && /^var Error: ErrorConstructor\b/.test(node.text)))
    for (const node of result.nodes) {
      const name = node.type === 'hover' ? /^(?:\(alias\) )?interface (\w+)(?:\nimport \w+)?$/.exec(node.text)?.[1] : undefined
      const text = file && name ? interfaceText(join(ROOT, file), name) : undefined
      if (node.type === 'hover' && text !== undefined) node.text = text
    }
    return result
  }
}

/** The shiki transformers for markdown.codeTransformers: twoslash, then the popups' a11y. */
export function typeHoverTransformers(): ShikiTransformer[] {
  return [
    // The popup after the name, not before: CSS puts it under the row where it starts, and a
    // name that wraps onto the next row would be covered by its own popup.
    createTransformerFactory(hoversOfTheKata(), rendererRich({ jsdoc: true, hast: { hoverCompose: ({ popup, token }) => [token, popup] } }))({
      explicitTrigger: true,
      typesCache: {
        read: (code) => results.get(code) ?? null,
        write: (code, data) => void results.set(code, data),
      },
    }),
    focusableHovers(),
  ]
}
