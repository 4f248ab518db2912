/**
 * The sandbox and container configs the lab sends, shaped as the kubelet builds them
 * (machinery/kubelet/pod-configs.ts does the same for the simulated kubelet): kubelet labels,
 * a hostname only for pod-network pods, namespace options, a log directory per pod.
 */
import type { ContainerConfig, NamespaceMode, PodSandboxConfig } from '../machinery/runtime/cri.ts'
import { APP_IMAGE } from './images/build-images.ts'

export interface PodShape {
  name: string
  attempt?: number
  hostNetwork?: boolean
  /** shareProcessNamespace: one PID namespace for the pod, with pause as its PID 1. */
  sharePid?: boolean
}

export function podUid(name: string): string {
  return `podkata-lab-${name}`
}

function namespaceOptions(pod: PodShape): { network: NamespaceMode; pid: NamespaceMode; ipc: NamespaceMode } {
  return { network: pod.hostNetwork ? 'NODE' : 'POD', pid: pod.sharePid ? 'POD' : 'CONTAINER', ipc: 'POD' }
}

export function sandboxConfig(pod: PodShape, logRoot: string): PodSandboxConfig {
  const uid = podUid(pod.name)
  return {
    metadata: { name: pod.name, uid, namespace: 'default', attempt: pod.attempt ?? 0 },
    // kubelet sets a hostname for pod-network pods only: with the node's network there is no
    // UTS namespace of the pod's own to put it in (runc refuses: "unable to set hostname
    // without a private UTS namespace").
    ...(pod.hostNetwork ? {} : { hostname: pod.name }),
    logDirectory: `${logRoot}/default_${pod.name}_${uid}`,
    labels: { 'io.kubernetes.pod.name': pod.name, 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.pod.uid': uid },
    annotations: {},
    linux: { securityContext: { namespaceOptions: namespaceOptions(pod) } },
  }
}

export function appConfig(pod: PodShape, name: string, attempt: number, script: string): ContainerConfig {
  return {
    metadata: { name, attempt },
    image: { image: APP_IMAGE },
    command: ['/bin/sh', '-c', script],
    logPath: `${name}/${attempt}.log`,
    labels: { 'io.kubernetes.container.name': name, 'io.kubernetes.pod.name': pod.name, 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.pod.uid': podUid(pod.name) },
    annotations: {},
    linux: { securityContext: { namespaceOptions: namespaceOptions(pod) } },
  }
}
