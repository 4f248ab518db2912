/**
 * The capstone's property check (`kata verify --mine`): workbook/capstone-properties.spec.ts
 * plays random histories on the node assembled from the learner's own parts and hands its
 * result to the CLI as one marked line of console output; this file is what both sides share.
 */
import { join } from 'node:path'
import type { PropertiesResult } from './node-properties.ts'
import { ROOT } from './paths.ts'

export const CAPSTONE_PROPERTIES_SPEC = join(ROOT, 'workbook', 'capstone-properties.spec.ts')

/** As many as npm test plays on the reference; well under a second on it. */
export const CAPSTONE_HISTORIES = 150
export const CAPSTONE_MAX_STEPS = 30
/**
 * The property spec's own limit, longer than a kata spec's: 150 histories take well under a
 * second on the reference, but a busy machine or a slow part of the learner's may take many
 * times that, and the same histories should be played every time. An endless loop is still
 * stopped (by the watchdog, at this limit).
 */
export const CAPSTONE_SPEC_LIMIT_MS = 30_000
/** Search and shrinking together end before that, keeping what they found. */
export const CAPSTONE_TIME_LIMIT_MS = 20_000

const MARK = 'podkata:node-properties '

export function propertiesLine(result: PropertiesResult): string {
  return MARK + JSON.stringify(result)
}

/** The result, if `text` is the spec's marked line. */
export function readPropertiesLine(text: string): PropertiesResult | undefined {
  if (!text.startsWith(MARK)) return undefined
  try {
    return JSON.parse(text.slice(MARK.length)) as PropertiesResult
  } catch {
    return undefined
  }
}
