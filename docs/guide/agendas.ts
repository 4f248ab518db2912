/**
 * Two plans for a day with podkata, as blocks of minutes; the clock times are added up here, so
 * they cannot disagree with the durations. The facilitator guide prints both as tables.
 *
 * Every chapter follows the same rhythm: about ten minutes at the screen (the chapter's diagram
 * and one `npm run sim` command), the kata in pairs, then a few minutes comparing with
 * `npm run kata -- solution <kata>`.
 */

export interface Block {
  minutes: number
  /** What happens, in a few words. */
  what: string
  /** The kata worked in this block, if any (its slug). */
  kata?: string
  /** What to show or run, if anything. */
  show?: string
}

export interface Agenda {
  id: string
  title: string
  /** Who it suits and what it leaves out. */
  summary: string
  /** Start, as HH:MM. */
  start: string
  blocks: Block[]
}

export const AGENDAS: Agenda[] = [
  {
    id: 'three-hours',
    title: 'Three hours: why every Pod starts with pause',
    summary:
      'Chapters 1 and 3 at the screen, katas 4 and 5 in pairs, chapter 6 as a live demo. For engineers who run ' +
      'clusters and have met the air-gapped error; no kata needs the ones before it.',
    start: '13:00',
    blocks: [
      { minutes: 10, what: 'Welcome; the incident on screen; every laptop runs the kata list', show: 'npm run kata -- list' },
      { minutes: 15, what: 'At the screen: what a Pod shares (chapter 1) and who holds it, the sandbox (chapter 3)', show: 'npm run sim -- examples/pods/web.yaml' },
      { minutes: 10, what: 'At the screen: the CRI sequence, one lane diagram read call by call (chapter 4)', show: 'npm run sim -- examples/pods/web.yaml --offline' },
      { minutes: 50, what: 'Kata 4 in pairs: the kubelet’s SyncPod', kata: 'syncpod' },
      { minutes: 10, what: 'Compare: the reference as a diff; yours next to it in the sim', show: 'npm run sim -- examples/pods/web.yaml --compare' },
      { minutes: 10, what: 'Break' },
      { minutes: 10, what: 'At the screen: a crashed container against a dead pause (chapter 5)', show: 'npm run sim -- examples/pods/web.yaml --crash pause' },
      { minutes: 40, what: 'Kata 5 in pairs: pause, and sandbox death against a crash', kata: 'pause' },
      { minutes: 5, what: 'Compare kata 5', show: 'npm run kata -- solution pause' },
      { minutes: 15, what: 'Demo (chapter 6): the error chain link by link, then the three fixes and the GC trap', show: 'npm run sim -- examples/scenarios/airgap-incident.yaml' },
      { minutes: 5, what: 'Wrap-up: what to check on your own nodes (sandbox image, mirror, pinning)' },
    ],
  },
  {
    id: 'full-day',
    title: 'A full day: all six chapters',
    summary:
      'Every chapter and every kata, ending with each pair’s whole node on their own code. Chapters 1 and 2 move ' +
      'fast; 4 and 6 get the most time.',
    start: '09:00',
    blocks: [
      { minutes: 15, what: 'Welcome; every laptop runs the kata list; how the watch loop works', show: 'npm run kata' },
      { minutes: 10, what: 'At the screen: chapter 1, Pods', show: 'npm run sim -- examples/pods/web.yaml' },
      { minutes: 35, what: 'Kata 1 in pairs: the Pod model', kata: 'pods' },
      { minutes: 5, what: 'Compare kata 1', show: 'npm run kata -- solution pods' },
      { minutes: 10, what: 'At the screen: chapter 2, composite containers', show: 'npm run sim -- examples/pods/native-sidecar.yaml' },
      { minutes: 30, what: 'Kata 2 in pairs: one network, shared volumes, sidecar order', kata: 'composite' },
      { minutes: 15, what: 'Break' },
      { minutes: 10, what: 'At the screen: chapter 3, the PodSandbox' },
      { minutes: 40, what: 'Kata 3 in pairs: the runtime’s sandbox calls', kata: 'sandbox' },
      { minutes: 10, what: 'Compare kata 3; what crictl pods shows on a real node', show: 'npm run kata -- solution sandbox' },
      { minutes: 60, what: 'Lunch' },
      { minutes: 15, what: 'At the screen: chapter 4, the CRI sequence, and a sandbox that fails', show: 'npm run sim -- examples/pods/web.yaml --offline' },
      { minutes: 55, what: 'Kata 4 in pairs: the kubelet’s SyncPod', kata: 'syncpod' },
      { minutes: 10, what: 'Compare kata 4 in the sim', show: 'npm run sim -- examples/pods/web.yaml --compare' },
      { minutes: 10, what: 'At the screen: chapter 5, the pause container', show: 'npm run sim -- examples/pods/web.yaml --crash pause' },
      { minutes: 40, what: 'Kata 5 in pairs: pause', kata: 'pause' },
      { minutes: 15, what: 'Break' },
      { minutes: 15, what: 'At the screen: chapter 6, the air-gapped incident', show: 'npm run sim -- examples/scenarios/airgap-incident.yaml' },
      { minutes: 60, what: 'Kata 6 in pairs: fix the air-gapped node', kata: 'airgap' },
      { minutes: 10, what: 'The capstone: every kata on your own code', show: 'npm run kata -- verify --mine' },
      { minutes: 10, what: 'Wrap-up: what to check on your own nodes' },
    ],
  },
]

export interface TimedBlock extends Block {
  /** HH:MM */
  at: string
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** The blocks with their start times, and the time the day ends. */
export function timed(agenda: Agenda): { blocks: TimedBlock[]; end: string; minutes: number } {
  const [h, m] = agenda.start.split(':').map(Number) as [number, number]
  let now = h * 60 + m
  const blocks = agenda.blocks.map((block) => {
    const at = clock(now)
    now += block.minutes
    return { ...block, at }
  })
  return { blocks, end: clock(now), minutes: now - (h * 60 + m) }
}
