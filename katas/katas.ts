/**
 * The one list of katas. The kata CLI, the docs sidebar, the chapter links and the proof in
 * `npm test` all read it; nothing else names a kata.
 */

export interface Kata {
  /** Position in the book, from 1. Learners may type it: `npm run kata -- verify 1`. */
  number: number
  /** Short name learners may type: `npm run kata -- hint pods`. */
  slug: string
  /** Folder under katas/ and solutions/, e.g. `01-pods`. */
  folder: string
  /** What the learner builds, starting with a verb. */
  title: string
  /** The chapter this kata belongs to. */
  chapter: { title: string; page: string }
  /** The files the learner edits, relative to the kata folder; each has a twin in solutions/. */
  files: string[]
  /** The spec file, relative to the kata folder. */
  spec: string
  /** Hints from gentle to nearly the answer. `h` in the watch loop shows the next one. */
  hints: string[]
}

export const KATAS: readonly Kata[] = [
  {
    number: 1,
    slug: 'pods',
    folder: '01-pods',
    title: 'Model a Pod: validation, shared namespaces, requests, fit',
    chapter: { title: 'Pods', page: '/chapters/01-pods' },
    files: ['pods.ts'],
    spec: 'pods.spec.ts',
    hints: [
      'Work through the file top to bottom: validatePod, then namespaceOptionsFor, effectiveRequests and ' +
        'insufficientResources. Each spec name says one rule; the failing one is shown with the value it expected.',
      'validatePod: build errors with required(), duplicate(), invalid() and notSupported() from ' +
        'machinery/field-errors.ts, and use isDNS1123Subdomain (Pod names) and isDNS1123Label (container names) ' +
        'from machinery/names.ts. Field paths look like spec.initContainers[0].name. Keep ONE set of names ' +
        'for containers and initContainers, filled with the app containers first.',
      'namespaceOptionsFor: network is NODE with hostNetwork, else POD; ipc is NODE with hostIPC, else POD; ' +
        'pid is NODE with hostPID, POD with shareProcessNamespace, and otherwise CONTAINER, because a ' +
        'process namespace is private to each container by default.',
      'effectiveRequests: sum containerRequests() over spec.containers; an ordinary init container runs ' +
        'alone, so the pod needs max(sum of app containers, largest init container), per resource ' +
        '(maxResources). A native sidecar (initContainers[*].restartPolicy: Always) keeps running: add it ' +
        'to the running sum, and count it beside every init container that starts after it. Add podOverhead(pod) last.',
      'insufficientResources: for cpu and memory, free = node.allocatable - node.requested; a resource the pod ' +
        'requests (more than 0) that is larger than free gives "Insufficient cpu" / "Insufficient memory".',
    ],
  },
]
