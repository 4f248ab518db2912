/**
 * Chapter 6 on a real node: the air gap, the import of the exact sandbox image, and the fix
 * through a private mirror.
 */
import { PAUSE_IMAGE } from '../images/build-images.ts'
import { sandboxConfig } from '../pods.ts'
import { ensureLogDirectory } from '../backends.ts'
import { failure, MIRROR, said, startPod, type Scenario } from './common.ts'

export const IMAGES_SCENARIOS: Scenario[] = [
  {
    id: 'airgap',
    title: 'Air-gapped RunPodSandbox',
    chapter: '6',
    commands: ['crictl images', 'crictl runp airgap-pod.json'],
    async run(backend) {
      const { images } = await backend.cri.listImages()
      const run = await failure(backend.cri.runPodSandbox({ config: sandboxConfig({ name: 'airgap' }, backend.logRoot) }))
      return {
        observed: { imagesBefore: images.length, runPodSandbox: run },
        transcript: ['$ crictl images', `(${images.length} images)`, '$ crictl runp airgap-pod.json', said(run)],
      }
    },
  },
  {
    id: 'import',
    title: 'Import the exact sandbox image',
    chapter: '6',
    commands: ['ctr -n k8s.io images import pause.tar', 'crictl images --pinned', 'crictl pull registry.k8s.io/pause:3.6'],
    async run(backend, state) {
      const imported = [await backend.importImage(state.images.pause), await backend.importImage(state.images.app)]
      const { images } = await backend.cri.listImages()
      const listed = images.map((i) => ({ repoTags: i.repoTags, pinned: i.pinned })).sort((a, b) => (a.repoTags[0] ?? '').localeCompare(b.repoTags[0] ?? ''))
      // PullImage always asks the registry, even for an image that is there.
      const pull = await failure(backend.cri.pullImage({ image: { image: PAUSE_IMAGE } }))
      return {
        observed: { images: listed, pullWhilePresent: pull },
        transcript: [
          '$ ctr -n k8s.io images import pause.tar',
          imported[0]!,
          '$ ctr -n k8s.io images import busybox.tar',
          imported[1]!,
          '$ crictl images --pinned',
          ...listed.map((i) => `${i.repoTags.join(', ')}  pinned: ${i.pinned}`),
          `$ crictl pull ${PAUSE_IMAGE}`,
          said(pull),
        ],
      }
    },
  },
  {
    id: 'mirror',
    title: 'The fix through a private mirror (hosts.toml)',
    chapter: '6',
    commands: [
      'crictl rmi registry.k8s.io/pause:3.6',
      'mkdir -p /etc/containerd/certs.d/registry.k8s.io && cp hosts.toml /etc/containerd/certs.d/registry.k8s.io/',
      'crictl runp pod.json   # the mirror is down, then up',
      'crictl images',
    ],
    async run(backend, state) {
      for (const [name, pod] of state.pods) {
        await backend.cri.stopPodSandbox({ podSandboxId: pod.sandboxId })
        await backend.cri.removePodSandbox({ podSandboxId: pod.sandboxId })
        state.pods.delete(name)
      }
      await backend.cri.removeImage({ image: { image: PAUSE_IMAGE } })
      await backend.setMirror('registry.k8s.io', MIRROR, false)
      const shape = { name: 'mirrored' }
      ensureLogDirectory(backend, 'default_mirrored_podkata-lab-mirrored')
      const down = await failure(backend.cri.runPodSandbox({ config: sandboxConfig(shape, backend.logRoot) }))
      await backend.setMirror('registry.k8s.io', MIRROR, true)
      const { status } = await startPod(backend, state, shape)
      const image = (await backend.cri.imageStatus({ image: { image: PAUSE_IMAGE } })).image
      return {
        observed: { mirrorDown: down, mirrorUp: status.status.state, pulled: image ? { repoTags: image.repoTags, pinned: image.pinned } : null },
        transcript: [
          `$ crictl rmi ${PAUSE_IMAGE}`,
          `$ cat /etc/containerd/certs.d/registry.k8s.io/hosts.toml`,
          'server = "https://registry.k8s.io"',
          `[host."${MIRROR}"]`,
          '  capabilities = ["pull", "resolve"]',
          '$ crictl runp pod.json   # mirror down',
          said(down),
          '$ crictl runp pod.json   # mirror up',
          status.status.state,
          ...backend.registryLog().map((line) => `mirror: ${line}`),
          '$ crictl images',
          image ? `${image.repoTags.join(', ')}  pinned: ${image.pinned}` : '(not there)',
        ],
      }
    },
  },
]
