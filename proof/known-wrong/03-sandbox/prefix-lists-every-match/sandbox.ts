// Mistake: lists every sandbox whose id starts with the filter's id, so a shared prefix lists several.
// Caught by: lists nothing for an id prefix that several sandboxes share, rather than all of them
import type { ListPodSandboxRequest, ListPodSandboxResponse } from '../../../../machinery/runtime/cri.ts'
import { SandboxService as Reference } from '../../../../solutions/03-sandbox/sandbox.ts'

export class SandboxService extends Reference {
  override listPodSandbox(request: ListPodSandboxRequest): ListPodSandboxResponse {
    const prefix = request.filter?.id ?? ''
    const { items } = super.listPodSandbox({ ...request, filter: { ...request.filter, id: '' } })
    return { items: items.filter((s) => s.id.startsWith(prefix)) }
  }
}
