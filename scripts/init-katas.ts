/** Creates the learner's missing working copies (katas/<kata>/<file>) from starters/. */
import { relative } from 'node:path'
import { ROOT } from '../workbook/paths.ts'
import { ensureWorkingCopies } from '../workbook/working-copies.ts'

for (const file of ensureWorkingCopies()) console.log(`podkata: created ${relative(ROOT, file)} from its starter`)
