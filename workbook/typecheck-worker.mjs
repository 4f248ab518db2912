// The kata CLI's type check of a learner's files, in a worker thread so the CLI's own event
// loop (its keys, the next save) stays free while TypeScript works. Plain JavaScript: the CLI
// runs from a bundle without a TypeScript loader, and TypeScript itself is JavaScript.
//
// Each request names the files to check; the answer lists their errors only (a learner's file
// is not to blame for the workbook's). The previous program is handed to the next one, so
// the standard library and the machinery's types are parsed once, not on every save.
import { parentPort } from 'node:worker_threads'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
const parsed = ts.parseJsonConfigFileContent(config.config ?? {}, ts.sys, root)
// A learner's file runs on Node, never in a page: without the DOM's and vite's types a cold
// check parses a third as much.
const options = { ...parsed.options, lib: ['lib.es2023.d.ts'], types: ['node'] }
/** The answer stays short: the first few errors are what anyone reads. */
const MAX_ERRORS = 5

let previous

parentPort.on('message', ({ id, files }) => {
  try {
    const program = ts.createProgram({ rootNames: files, options: { ...options, noEmit: true }, oldProgram: previous })
    previous = program
    const errors = []
    let total = 0
    for (const file of files) {
      const source = program.getSourceFile(file)
      if (!source) continue
      for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
        if (diagnostic.category !== ts.DiagnosticCategory.Error) continue
        total++
        if (errors.length >= MAX_ERRORS) continue
        const { line, character } = ts.getLineAndCharacterOfPosition(source, diagnostic.start ?? 0)
        errors.push({
          file: relative(root, file),
          line: line + 1,
          column: character + 1,
          code: diagnostic.code,
          message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\s+/g, ' '),
        })
      }
    }
    parentPort.postMessage({ id, errors, total })
  } catch (error) {
    parentPort.postMessage({ id, failed: String(error?.message ?? error).split('\n')[0] })
  }
})
