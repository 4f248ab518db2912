/**
 * The reference's part of every kata: the node as it runs when nobody has written anything yet.
 * The only module of the workbook's code that names solutions/ (the proof, the CLI's `solution`
 * command and the vitest plugin that swaps implementations point at files, not at this).
 */
import * as pods from '../solutions/01-pods/pods.ts'
import { SandboxService } from '../solutions/03-sandbox/sandbox.ts'
import { RuntimeManager } from '../solutions/04-syncpod/sync-pod.ts'
import * as pause from '../solutions/05-pause/pause.ts'
import * as images from '../solutions/06-airgap/images.ts'
import type { NodeParts } from '../machinery/parts.ts'

export const REFERENCE_PARTS: NodeParts = {
  pods,
  sandbox: { SandboxService },
  kubelet: { RuntimeManager },
  pause,
  images,
}
