/**
 * The configs the kubelet sends with RunPodSandbox and CreateContainer, built from the Pod
 * the way kuberuntime's generatePodSandboxConfig and generateContainerConfig do — reduced to
 * the fields the simulated runtime uses. Provided machinery: chapter 4's kata calls these.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import type { ContainerConfig, ImageService, NamespaceOption, PodSandboxConfig } from '../runtime/cri.ts'

/** The labels the kubelet puts on sandboxes and containers, to find a pod's pieces again. */
export const LABELS = {
  podName: 'io.kubernetes.pod.name',
  podNamespace: 'io.kubernetes.pod.namespace',
  podUid: 'io.kubernetes.pod.uid',
  containerName: 'io.kubernetes.container.name',
} as const

/** `name_namespace(uid)`: how the kubelet names a pod in its errors and logs (format.Pod). */
export function podFullName(pod: Pod): string {
  return `${pod.metadata?.name}_${namespaceOf(pod)}(${pod.metadata?.uid ?? ''})`
}

export function namespaceOf(pod: Pod): string {
  return pod.metadata?.namespace ?? 'default'
}

/**
 * The sandbox config for this pod's `attempt`-th sandbox (0 for the first). `namespaceOptions`
 * is chapter 1's answer for the pod (namespaceOptionsFor), which the kubelet is handed.
 */
export function generatePodSandboxConfig(pod: Pod, attempt: number, namespaceOptions: NamespaceOption): PodSandboxConfig {
  const name = pod.metadata?.name ?? ''
  const namespace = namespaceOf(pod)
  const uid = pod.metadata?.uid ?? ''
  const spec = pod.spec
  return {
    metadata: { name, namespace, uid, attempt },
    // A pod on the node's network has the node's hostname, so the kubelet sends none.
    ...(spec?.hostNetwork ? {} : { hostname: spec?.hostname ?? name }),
    logDirectory: `/var/log/pods/${namespace}_${name}_${uid}`,
    labels: {
      ...(pod.metadata?.labels ?? {}),
      [LABELS.podName]: name,
      [LABELS.podNamespace]: namespace,
      [LABELS.podUid]: uid,
    },
    annotations: { ...(pod.metadata?.annotations ?? {}) },
    linux: { securityContext: { namespaceOptions } },
  }
}

/**
 * The config for one container. `imageRef` is the image id the pull (or ImageStatus)
 * returned: the kubelet creates the container from exactly that image, and keeps the
 * reference as written in `userSpecifiedImage`.
 *
 * Like the kubelet's generateContainerConfig, it asks the runtime once more about the image
 * (ImageStatus, with the name exactly as the Pod writes it): the image's user decides whether
 * runAsNonRoot can be honoured. That call shows up in every trace just before CreateContainer.
 */
export function generateContainerConfig(
  images: Pick<ImageService, 'imageStatus'>,
  pod: Pod,
  container: Container,
  restartCount: number,
  imageRef: string,
  namespaceOptions: NamespaceOption,
): ContainerConfig {
  images.imageStatus({ image: { image: container.image ?? '' } })
  return {
    metadata: { name: container.name, attempt: restartCount },
    image: { image: imageRef, userSpecifiedImage: container.image ?? '' },
    ...(container.command ? { command: container.command } : {}),
    ...(container.args ? { args: container.args } : {}),
    ...(container.workingDir ? { workingDir: container.workingDir } : {}),
    envs: (container.env ?? []).map((e) => ({ key: e.name, value: e.value ?? '' })),
    labels: {
      [LABELS.containerName]: container.name,
      [LABELS.podName]: pod.metadata?.name ?? '',
      [LABELS.podNamespace]: namespaceOf(pod),
      [LABELS.podUid]: pod.metadata?.uid ?? '',
    },
    annotations: { 'io.kubernetes.container.restartCount': String(restartCount) },
    logPath: `${container.name}/${restartCount}.log`,
    linux: { securityContext: { namespaceOptions } },
  }
}
