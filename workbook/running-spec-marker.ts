/**
 * Loaded into the test worker by the kata CLI (a vitest setup file). Before each spec it
 * writes, synchronously, which spec is starting. A spec stuck in an endless loop blocks the
 * worker, so it can no longer report anything itself; this marker is how the CLI's watchdog
 * learns what is stuck and since when (it then ends the worker through its pool).
 */
import { writeFileSync } from 'node:fs'
import { beforeEach } from 'vitest'

const markerFile = process.env.PODKATA_RUNNING_SPEC_FILE

function mark(spec: string | null): void {
  if (!markerFile) return
  writeFileSync(markerFile, JSON.stringify({ spec, since: Date.now() }))
}

// Written before the spec file is imported: a loop at the top level of a learner's file
// hangs while loading, before any spec starts.
mark(null)

beforeEach((context) => {
  mark(context.task.fullName)
})
