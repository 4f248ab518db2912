/**
 * What the API server fills in when a Pod is created, so that the kubelet never sees a blank:
 * a uid, the namespace, restartPolicy, the grace period and every container's
 * imagePullPolicy (Always for `:latest` or no tag, IfNotPresent otherwise — k/k
 * pkg/apis/core/v1/defaults.go). The sim applies it to manifests read from disk.
 */
import { sha256Hex } from '../node/sha256.ts'
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { parseReference } from '../images/image-ref.ts'

export function withApiDefaults(pod: Pod): Pod {
  const name = pod.metadata?.name ?? ''
  const namespace = pod.metadata?.namespace ?? 'default'
  const spec = pod.spec!
  return {
    ...pod,
    metadata: { ...pod.metadata, name, namespace, uid: pod.metadata?.uid ?? uidFor(namespace, name) },
    spec: {
      ...spec,
      restartPolicy: spec.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
      containers: spec.containers.map(withPullPolicy),
      ...(spec.initContainers ? { initContainers: spec.initContainers.map(withPullPolicy) } : {}),
    },
  }
}

function withPullPolicy(container: Container): Container {
  if (container.imagePullPolicy) return container
  return { ...container, imagePullPolicy: defaultPullPolicy(container.image ?? '') }
}

export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  try {
    const ref = parseReference(image)
    return !ref.digest && (!ref.tag || ref.tag === 'latest') ? 'Always' : 'IfNotPresent'
  } catch {
    return 'IfNotPresent'
  }
}

/** A stable UUID-shaped uid, so a pod gets the same one on every run. */
function uidFor(namespace: string, name: string): string {
  const h = sha256Hex(`uid/${namespace}/${name}`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}
