/**
 * The one place a whole simulated node is put together. Every way the workbook runs a node —
 * the kata specs, the proof, `verify --mine`, `npm run sim` (with `--mine` and `--compare`), the
 * chapters' build-time runs — comes through here and says, per kata's part, whose code to use;
 * any part it does not name is the reference's.
 *
 *   assembleNode({ runtime: 'containerd-1.6', connectivity: 'offline' }, { kubelet: { RuntimeManager } })
 */
import type { NodeParts } from '../machinery/parts.ts'
import { NodeSession, type SessionOptions } from './node-session.ts'
import { REFERENCE_PARTS } from './reference-parts.ts'

export function assembleNode(options: SessionOptions = {}, parts: Partial<NodeParts> = {}): NodeSession {
  return new NodeSession({ ...REFERENCE_PARTS, ...parts }, options)
}

export { REFERENCE_PARTS }
export { NodeSession, SimError, humanSize } from './node-session.ts'
export type { ImageGcResult, ManagerDeps, PodView, SessionOptions } from './node-session.ts'
