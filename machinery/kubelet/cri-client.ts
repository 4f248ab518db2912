/**
 * The kubelet's end of the CRI socket. Every call goes through here, so every call is recorded
 * in the trace with a short label and answer, and every failure reaches the caller the way
 * grpc-go delivers it: a GrpcError, printed `rpc error: code = … desc = …`, whatever the
 * runtime threw.
 *
 * One exception, as in the kubelet's CRI client (k8s.io/cri-client remote_image.go, since
 * Kubernetes 1.28): a failed PullImage with code Unknown comes back as a plain error holding
 * only the runtime's text, "since they add no value". So `Failed to pull image` events read
 * `… : failed to pull and unpack image …`, while RunPodSandbox errors keep their `rpc error:`.
 */
import { CRI_METHODS, type CriMethod, type CriRuntime } from '../runtime/cri.ts'
import { GrpcError } from '../runtime/grpc.ts'
import type { CriFaults } from '../runtime/faults.ts'
import { shortId } from '../node/ids.ts'
import type { Trace } from '../node/trace.ts'

type Method = keyof CriRuntime

/** `faults`: errors armed on the runtime for the kubelet's next calls (machinery/runtime/faults.ts). */
export function criClient(runtime: CriRuntime, trace: Trace, faults?: CriFaults): CriRuntime {
  const client = {} as Record<Method, (request: unknown) => unknown>
  for (const method of Object.keys(CRI_METHODS) as Method[]) {
    client[method] = (request: unknown) => {
      const name = CRI_METHODS[method]
      const entry = trace.beginCall(name, label(name, request), request)
      try {
        const fault = faults?.take(name)
        if (fault) throw fault
        const response = (runtime[method] as (r: unknown) => unknown).call(runtime, request)
        trace.endCall(entry, { response, result: result(name, response) })
        return response
      } catch (error) {
        const grpc = error instanceof GrpcError ? error : new GrpcError('Unknown', (error as Error)?.message ?? String(error))
        trace.endCall(entry, { error: grpc.message })
        if (method === 'pullImage' && grpc.code === 'Unknown') throw new Error(grpc.desc)
        throw grpc
      }
    }
  }
  return client as unknown as CriRuntime
}

/** The arrow's text: the method and what it is about. */
function label(method: CriMethod, request: unknown): string {
  const r = request as Record<string, any>
  switch (method) {
    case 'RunPodSandbox': {
      const m = r['config']?.metadata ?? {}
      return `RunPodSandbox ${m.name} (attempt ${m.attempt ?? 0})`
    }
    case 'CreateContainer': {
      const m = r['config']?.metadata ?? {}
      return `CreateContainer ${m.name} (attempt ${m.attempt ?? 0})`
    }
    case 'StopPodSandbox':
    case 'RemovePodSandbox':
    case 'PodSandboxStatus':
      return `${method} ${shortId(String(r['podSandboxId'] ?? ''))}`
    case 'StartContainer':
    case 'StopContainer':
    case 'RemoveContainer':
    case 'ContainerStatus':
      return `${method} ${shortId(String(r['containerId'] ?? ''))}`
    case 'ImageStatus':
    case 'PullImage':
    case 'RemoveImage':
      return `${method} ${shortImageId(String(r['image']?.image ?? ''))}`
    default:
      return method
  }
}

/** The answer's text. */
function result(method: CriMethod, response: unknown): string {
  const r = response as Record<string, any>
  switch (method) {
    case 'RunPodSandbox':
      return shortId(r['podSandboxId'])
    case 'CreateContainer':
      return shortId(r['containerId'])
    case 'PodSandboxStatus': {
      const s = r['status']
      return [s.state, s.network?.ip].filter(Boolean).join(' ')
    }
    case 'ImageStatus':
      return r['image'] ? `${shortImageId(r['image'].id)} (${r['image'].size} bytes)` : 'image: null (not present)'
    case 'PullImage':
      return shortImageId(r['imageRef'])
    case 'ContainerStatus':
      return r['status'].state
    case 'ListPodSandbox':
      return `${r['items'].length} sandbox(es)`
    case 'ListContainers':
      return `${r['containers'].length} container(s)`
    case 'ListImages':
      return `${r['images'].length} image(s)`
    default:
      return 'ok'
  }
}

/** `sha256:5ef79149e0ec…` → `sha256:5ef79149e0ec`, as crictl shortens image ids; a name stays. */
export function shortImageId(id: string): string {
  return id.startsWith('sha256:') ? id.slice(0, 'sha256:'.length + 12) : id
}
