// Mistake: keeps a sandbox SANDBOX_READY until StopPodSandbox, though its pause process has died.
// Caught by: once pause has died on its own: SANDBOX_NOTREADY, pid 0 and "deleted", but still the IP, as the netns stays until Stop
import { SandboxService as Reference, type SandboxRecord } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  /** No exit monitor: the state changes only when stopPodSandbox sets it. */
  protected override noticeExit(_sandbox: SandboxRecord): void {}
}
