/**
 * The container runtimes the simulator can imitate, and what differs between them on the
 * paths this book follows: the sandbox (pause) image they use when nobody configures one,
 * where in RunPodSandbox they make sure they have it, and how they word a failed pull.
 * Sources: ../shared/research/cri-facts.md §3 and §4 (containerd tags v1.6.39 … v2.3.0,
 * CRI-O main).
 */

export type RuntimeName = 'containerd-1.6' | 'containerd-1.7' | 'containerd-2.0' | 'containerd-2.2' | 'containerd-2.3' | 'cri-o'

export const RUNTIME_NAMES: readonly RuntimeName[] = [
  'containerd-1.6',
  'containerd-1.7',
  'containerd-2.0',
  'containerd-2.2',
  'containerd-2.3',
  'cri-o',
]

export const DEFAULT_RUNTIME: RuntimeName = 'containerd-1.7'

/**
 * When RunPodSandbox gets the pause image:
 * - `before-network`: first thing, before the network namespace and CNI (containerd 1.x, CRI-O);
 * - `after-network`: after CNI ADD, inside "start sandbox" (containerd 2.0–2.2), so a failure
 *   has already allocated — and given back — an IP;
 * - `before-start`: after CNI and creating the sandbox, just before starting it, and the error
 *   is returned without any sandbox prefix (containerd 2.3).
 */
export type SandboxImageStep = 'before-network' | 'after-network' | 'before-start'

export interface RuntimeProfile {
  name: RuntimeName
  /** As people say it: `containerd 1.7`. */
  title: string
  family: 'containerd' | 'cri-o'
  defaultSandboxImage: string
  sandboxImageStep: SandboxImageStep
  /**
   * containerd 2.1+ pulls through the transfer service, whose resolve error reads
   * `failed to resolve image: …` instead of `failed to resolve reference "<ref>": …`.
   */
  transferService: boolean
  /** Where the sandbox image is configured, for messages and docs. */
  sandboxImageSetting: string
}

export const RUNTIME_PROFILES: Record<RuntimeName, RuntimeProfile> = {
  'containerd-1.6': {
    name: 'containerd-1.6',
    title: 'containerd 1.6',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.6',
    sandboxImageStep: 'before-network',
    transferService: false,
    sandboxImageSetting: '[plugins."io.containerd.grpc.v1.cri"] sandbox_image',
  },
  'containerd-1.7': {
    name: 'containerd-1.7',
    title: 'containerd 1.7',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.8',
    sandboxImageStep: 'before-network',
    transferService: false,
    sandboxImageSetting: '[plugins."io.containerd.grpc.v1.cri"] sandbox_image',
  },
  'containerd-2.0': {
    name: 'containerd-2.0',
    title: 'containerd 2.0',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.10',
    sandboxImageStep: 'after-network',
    transferService: false,
    sandboxImageSetting: "[plugins.'io.containerd.cri.v1.images'.pinned_images] sandbox",
  },
  'containerd-2.2': {
    name: 'containerd-2.2',
    title: 'containerd 2.2',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.10.1',
    sandboxImageStep: 'after-network',
    transferService: true,
    sandboxImageSetting: "[plugins.'io.containerd.cri.v1.images'.pinned_images] sandbox",
  },
  'containerd-2.3': {
    name: 'containerd-2.3',
    title: 'containerd 2.3',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.10.2',
    sandboxImageStep: 'before-start',
    transferService: true,
    sandboxImageSetting: "[plugins.'io.containerd.cri.v1.images'.pinned_images] sandbox",
  },
  'cri-o': {
    name: 'cri-o',
    title: 'CRI-O',
    family: 'cri-o',
    defaultSandboxImage: 'registry.k8s.io/pause:3.10.1',
    sandboxImageStep: 'before-network',
    transferService: false,
    sandboxImageSetting: '[crio.image] pause_image',
  },
}

export function isRuntimeName(value: string): value is RuntimeName {
  return (RUNTIME_NAMES as readonly string[]).includes(value)
}
