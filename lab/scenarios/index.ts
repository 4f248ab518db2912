/**
 * The chapters' story, replayed step by step against a backend (the real containerd or the
 * simulator) through the same CRI client. Each scenario returns what it observed — the parts a
 * reader would compare — and a transcript of what the runtime answered, for the lab page.
 *
 * Scenarios run in this order and build on each other, as on a node: the air gap, the import,
 * the network, pods, the mirror, and last a restart with another sandbox image.
 */
import type { Scenario } from './common.ts'
import { IMAGES_SCENARIOS } from './images.ts'
import { NETWORK_SCENARIOS } from './network.ts'
import { PAUSE_SCENARIOS } from './pause.ts'

const ORDER = ['airgap', 'import', 'cni-not-initialized', 'host-network', 'bridge', 'app-joins-pause', 'app-crash', 'sandbox-death', 'orphan-reaping', 'mirror', 'no-reap']

const ALL = [...IMAGES_SCENARIOS, ...NETWORK_SCENARIOS, ...PAUSE_SCENARIOS]

export const SCENARIOS: Scenario[] = ORDER.map((id) => {
  const scenario = ALL.find((s) => s.id === id)
  if (!scenario) throw new Error(`no lab scenario "${id}"`)
  return scenario
})

export type { LabImages, Outcome, RunState, Scenario } from './common.ts'
