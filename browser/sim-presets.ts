/**
 * The stories the chapters tell on the node, as the simulator's switches: each preset is what
 * a reader would type after `npm run sim -- examples/pods/<pod>.yaml`.
 */
import type { SimSwitches } from './messages.ts'

export interface SimPreset {
  id: string
  title: string
  /** A Pod in examples/pods/. */
  pod: string
  switches: SimSwitches
  /** The same run on the command line. */
  command: string
}

const APP_IMAGES = ['nginx:1.27', 'fluent/fluent-bit:3.1']

export const SIM_PRESETS: readonly SimPreset[] = [
  { id: 'healthy', title: 'A healthy pod', pod: 'web', switches: {}, command: 'examples/pods/web.yaml' },
  { id: 'init', title: 'Init containers, one sync each', pod: 'with-init', switches: {}, command: 'examples/pods/with-init.yaml' },
  {
    id: 'startup-probe',
    title: 'A sidecar with a startup probe: the next init container waits',
    pod: 'sidecar-startup-probe',
    switches: {},
    command: 'examples/pods/sidecar-startup-probe.yaml',
  },
  { id: 'crashloop', title: 'A container that keeps crashing', pod: 'crashloop', switches: {}, command: 'examples/pods/crashloop.yaml' },
  {
    // Chapter 4's "When an app image fails": the sandbox comes up, nginx's own pull fails.
    id: 'app-pull',
    title: 'An app image it cannot pull: ErrImagePull, then ImagePullBackOff',
    pod: 'web',
    switches: { connectivity: 'dns-nxdomain', preload: ['registry.k8s.io/pause:3.8', 'fluent/fluent-bit:3.1'], forSeconds: 30 },
    command: 'examples/pods/web.yaml --offline --preload registry.k8s.io/pause:3.8 --preload fluent/fluent-bit:3.1 --for 30',
  },
  { id: 'airgap', title: 'The air gap: no registry, no sandbox', pod: 'web', switches: { connectivity: 'dns-nxdomain' }, command: 'examples/pods/web.yaml --offline' },
  {
    id: 'fix-import',
    title: 'Fix 1: the pause image imported',
    pod: 'web',
    switches: { connectivity: 'dns-nxdomain', preload: ['registry.k8s.io/pause:3.8', ...APP_IMAGES] },
    command: `examples/pods/web.yaml --offline --preload registry.k8s.io/pause:3.8 ${APP_IMAGES.map((i) => `--preload ${i}`).join(' ')}`,
  },
  {
    id: 'fix-mirror',
    title: 'Fix 2: a mirror inside the network',
    pod: 'web',
    switches: { connectivity: 'dns-nxdomain', mirror: 'registry.k8s.io=http://10.0.0.5:5000', preload: APP_IMAGES },
    command: `examples/pods/web.yaml --offline --mirror registry.k8s.io=http://10.0.0.5:5000 ${APP_IMAGES.map((i) => `--preload ${i}`).join(' ')}`,
  },
  {
    id: 'mirror-down',
    title: 'The mirror is down',
    pod: 'web',
    switches: { connectivity: 'dns-nxdomain', mirror: 'registry.k8s.io=http://10.0.0.5:5000', mirrorDown: true, preload: APP_IMAGES },
    command: `examples/pods/web.yaml --offline --mirror registry.k8s.io=http://10.0.0.5:5000 --mirror-down ${APP_IMAGES.map((i) => `--preload ${i}`).join(' ')}`,
  },
  {
    id: 'fix-sandbox-image',
    title: 'Fix 3: the sandbox image the node has',
    pod: 'web',
    switches: { connectivity: 'dns-nxdomain', sandboxImage: 'registry.k8s.io/pause:3.10', preload: ['registry.k8s.io/pause:3.10', ...APP_IMAGES] },
    command: `examples/pods/web.yaml --offline --sandbox-image registry.k8s.io/pause:3.10 --preload registry.k8s.io/pause:3.10 ${APP_IMAGES.map((i) => `--preload ${i}`).join(' ')}`,
  },
  { id: 'crash-container', title: 'An app container crashes', pod: 'web', switches: { crash: 'nginx' }, command: 'examples/pods/web.yaml --crash nginx' },
  { id: 'crash-pause', title: 'The pause container dies', pod: 'web', switches: { crash: 'pause' }, command: 'examples/pods/web.yaml --crash pause' },
  { id: 'invalid', title: 'An invalid Pod', pod: 'invalid', switches: {}, command: 'examples/pods/invalid.yaml' },
  // Chapter 2's Pods, on the node: the patterns' containers side by side, native sidecars in order.
  { id: 'git-sync', title: 'Sidecar: git-sync beside nginx', pod: 'sidecar-git-sync', switches: {}, command: 'examples/pods/sidecar-git-sync.yaml' },
  { id: 'ambassador', title: 'Ambassador: a Redis proxy on localhost', pod: 'ambassador-redis', switches: {}, command: 'examples/pods/ambassador-redis.yaml' },
  { id: 'adapter', title: 'Adapter: a metrics exporter beside Redis', pod: 'adapter-metrics', switches: {}, command: 'examples/pods/adapter-metrics.yaml' },
  { id: 'native-sidecar', title: 'Native sidecars: init containers that keep running', pod: 'native-sidecar', switches: {}, command: 'examples/pods/native-sidecar.yaml' },
]

/**
 * The scenario files of examples/scenarios/ (a story of several steps on one node, played as
 * `npm run sim -- examples/scenarios/<name>.yaml`), in the order chapter 6 tells them. A
 * preset's id is `scenario:<name>`; its title is the file's own `title:`.
 */
export const SCENARIO_ORDER: readonly string[] = [
  'airgap-incident',
  'airgap-import',
  'airgap-mirror',
  'airgap-sandbox-image',
  'airgap-gc-trap',
  'airgap-gc-pinned',
  'airgap-an-hour',
  'airgap-containerd-2',
]

export const scenarioPresetId = (name: string) => `scenario:${name}`

/** Which presets each chapter offers first. */
export const CHAPTER_PRESETS: Record<string, readonly string[]> = {
  sandbox: ['healthy', 'airgap', 'crash-pause'],
  cri: ['healthy', 'init', 'startup-probe', 'crashloop', 'airgap', 'app-pull', 'invalid'],
  pause: ['crash-container', 'crash-pause', 'healthy'],
  airgap: ['airgap', 'fix-import', 'fix-mirror', 'mirror-down', 'fix-sandbox-image', ...SCENARIO_ORDER.map(scenarioPresetId)],
}
