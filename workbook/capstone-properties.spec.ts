/**
 * Run only by `kata verify --mine`, never by npm test: the node's invariants under random
 * histories (workbook/node-properties.ts), on the node built from the learner's own parts. The
 * CLI runs this file with the `mine` implementation, so the reference parts that assembly/
 * imports from solutions/ are the learner's files for every kata they have written
 * (workbook/implementation-swap.ts).
 */
import { it } from 'vitest'
import { CAPSTONE_HISTORIES, CAPSTONE_MAX_STEPS, CAPSTONE_SPEC_LIMIT_MS, CAPSTONE_TIME_LIMIT_MS, propertiesLine } from './capstone-properties.ts'
import { checkNodeProperties } from './node-properties.ts'

it('your node keeps its invariants under random histories', () => {
  const result = checkNodeProperties({ histories: CAPSTONE_HISTORIES, maxSteps: CAPSTONE_MAX_STEPS, timeLimitMs: CAPSTONE_TIME_LIMIT_MS })
  console.log(propertiesLine(result))
  if (!result.ok) throw new Error(result.problem)
}, CAPSTONE_SPEC_LIMIT_MS)
