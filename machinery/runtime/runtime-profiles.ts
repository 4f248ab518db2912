/**
 * The container runtimes the simulator can imitate, and what differs between them on the
 * paths this book follows: the sandbox (pause) image they use when nobody configures one,
 * where in RunPodSandbox they make sure they have it, and how they word a failed pull.
 * Sources: ../shared/research/cri-facts.md §3 and §4 (containerd tags v1.6.39 … v2.3.0,
 * CRI-O main); containerd's resolver and CRI image code at those tags for `resolveErrors` and
 * `pinning`; CRI-O v1.36.3 (and containers/image) for CRI-O's wording.
 */

export type RuntimeName = 'containerd-1.6' | 'containerd-1.6.20' | 'containerd-1.7' | 'containerd-2.0' | 'containerd-2.2' | 'containerd-2.3' | 'cri-o'

export const RUNTIME_NAMES: readonly RuntimeName[] = [
  'containerd-1.6',
  'containerd-1.6.20',
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

/**
 * How the runtime tells the kubelet's image GC to leave the sandbox image alone (CRI
 * `Image.pinned`):
 * - `none`: it does not (containerd before 1.6.22 / 1.7.3);
 * - `labels`: the CRI plugin labels an image `io.cri-containerd.pinned=pinned` when it takes the
 *   image under management (a CRI pull, or an image imported into `k8s.io`) and its name is the
 *   configured sandbox image; a restart does not relabel images it already manages
 *   (containerd 1.6.22+ and 1.7.3+: `updateImage` in pkg/cri/server/image_pull.go);
 * - `labels-and-restart`: the same, and at every start it adds missing labels to every image,
 *   so a newly configured sandbox image that is already there becomes pinned (containerd 2.x:
 *   `UpdateImage`, called from internal/cri/server/images/check.go);
 * - `config`: whatever matches the configured pause image is pinned, always (CRI-O 1.28+:
 *   internal/storage/image.go adds pause_image to pinned_images).
 */
export type Pinning = 'none' | 'labels' | 'labels-and-restart' | 'config'

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
  pinning: Pinning
  /**
   * Whether the CRI reads /etc/containerd/certs.d (hosts.toml) with no `config_path` in its
   * config: only containerd 2.2.0 and later, on Linux, when no `registry.mirrors` are set
   * (commit 5386802f8). 1.x, 2.0 and 2.1 default to `config_path = ''`.
   */
  certsDirByDefault: boolean
  /**
   * Which error a resolve reports when every host failed: containerd 1.x the first failure
   * that was not a 404; 2.x the one that got furthest, so a 404 beats a dead connection
   * (core/remotes/docker/resolver.go, `firstErrPriority`).
   */
  resolveErrors: 'first' | 'furthest'
}

export const RUNTIME_PROFILES: Record<RuntimeName, RuntimeProfile> = {
  // Debian 12's containerd (1.6.20~ds1), the one the lab ran: it does not pin yet.
  'containerd-1.6.20': {
    name: 'containerd-1.6.20',
    title: 'containerd 1.6.20',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.6',
    sandboxImageStep: 'before-network',
    transferService: false,
    sandboxImageSetting: '[plugins."io.containerd.grpc.v1.cri"] sandbox_image',
    pinning: 'none',
    certsDirByDefault: false,
    resolveErrors: 'first',
  },
  'containerd-1.6': {
    name: 'containerd-1.6',
    title: 'containerd 1.6',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.6',
    sandboxImageStep: 'before-network',
    transferService: false,
    sandboxImageSetting: '[plugins."io.containerd.grpc.v1.cri"] sandbox_image',
    pinning: 'labels',
    certsDirByDefault: false,
    resolveErrors: 'first',
  },
  'containerd-1.7': {
    name: 'containerd-1.7',
    title: 'containerd 1.7',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.8',
    sandboxImageStep: 'before-network',
    transferService: false,
    sandboxImageSetting: '[plugins."io.containerd.grpc.v1.cri"] sandbox_image',
    pinning: 'labels',
    certsDirByDefault: false,
    resolveErrors: 'first',
  },
  'containerd-2.0': {
    name: 'containerd-2.0',
    title: 'containerd 2.0',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.10',
    sandboxImageStep: 'after-network',
    transferService: false,
    sandboxImageSetting: "[plugins.'io.containerd.cri.v1.images'.pinned_images] sandbox",
    pinning: 'labels-and-restart',
    certsDirByDefault: false,
    resolveErrors: 'furthest',
  },
  'containerd-2.2': {
    name: 'containerd-2.2',
    title: 'containerd 2.2',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.10.1',
    sandboxImageStep: 'after-network',
    transferService: true,
    sandboxImageSetting: "[plugins.'io.containerd.cri.v1.images'.pinned_images] sandbox",
    pinning: 'labels-and-restart',
    certsDirByDefault: true,
    resolveErrors: 'furthest',
  },
  'containerd-2.3': {
    name: 'containerd-2.3',
    title: 'containerd 2.3',
    family: 'containerd',
    defaultSandboxImage: 'registry.k8s.io/pause:3.10.2',
    sandboxImageStep: 'before-start',
    transferService: true,
    sandboxImageSetting: "[plugins.'io.containerd.cri.v1.images'.pinned_images] sandbox",
    pinning: 'labels-and-restart',
    certsDirByDefault: true,
    resolveErrors: 'furthest',
  },
  // CRI-O 1.34 and later (default pause image 3.10.1); error wording from 1.36.
  'cri-o': {
    name: 'cri-o',
    title: 'CRI-O',
    family: 'cri-o',
    defaultSandboxImage: 'registry.k8s.io/pause:3.10.1',
    sandboxImageStep: 'before-network',
    transferService: false,
    sandboxImageSetting: '[crio.image] pause_image',
    pinning: 'config',
    certsDirByDefault: false,
    resolveErrors: 'first',
  },
}

export function isRuntimeName(value: string): value is RuntimeName {
  return (RUNTIME_NAMES as readonly string[]).includes(value)
}
