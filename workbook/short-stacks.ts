/**
 * Loaded into the kata CLI's test worker (a vitest setup file). Stack traces leave out frames
 * inside node_modules (chai, vitest's runner). The CLI only ever points at the learner's file
 * and the spec, and vitest, for every frame it receives from a file it did not transform,
 * reads that file and searches it for a source map: for a starter's 22 failing specs that was
 * about 40 ms of every save, spent on frames nobody sees.
 */
const FILTERED = Symbol.for('podkata.short-stacks')

type PrepareStackTrace = (error: Error, callSites: NodeJS.CallSite[]) => unknown

const current = Error.prepareStackTrace as (PrepareStackTrace & { [FILTERED]?: true }) | undefined

if (!current?.[FILTERED]) {
  const format: PrepareStackTrace = current ?? ((error, callSites) => [String(error), ...callSites.map((site) => `    at ${site}`)].join('\n'))
  const filtered: PrepareStackTrace & { [FILTERED]?: true } = (error, callSites) =>
    format(error, callSites.filter((site) => !site.getFileName()?.includes('/node_modules/')))
  filtered[FILTERED] = true
  Error.prepareStackTrace = filtered as typeof Error.prepareStackTrace
}
