/**
 * A learner's TypeScript to CommonJS, in the page, with sucrase: it only strips types (the
 * page does no type check; `npm run kata` and vue-tsc do) and keeps every line where it was,
 * so an error's line is the learner's own. A syntax error becomes one line with its place.
 */
import { transform } from 'sucrase'
import { LearnerCompileError } from './loader.ts'

export function compileLearnerFile(path: string, text: string): string {
  try {
    // disableESTransforms: leave `?.` and class fields to the browser, as vitest does.
    return transform(text, { transforms: ['typescript', 'imports'], disableESTransforms: true, filePath: path }).code
  } catch (error) {
    const message = String((error as Error).message)
    const where = /\((\d+):(\d+)\)\s*$/.exec(message)
    // sucrase's column is 0-based.
    throw new LearnerCompileError(`${path}: ${message}`, path, where ? Number(where[1]) : undefined, where ? Number(where[2]) + 1 : undefined)
  }
}
