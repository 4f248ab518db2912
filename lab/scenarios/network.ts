/**
 * Chapter 3 on a real node: a sandbox without a CNI config, on the host's network, and on a
 * bridge with a pod IP.
 */
import { ensureLogDirectory } from '../backends.ts'
import { sandboxConfig } from '../pods.ts'
import { failure, pausePid, said, shortId, startPod, type Scenario } from './common.ts'

export const NETWORK_SCENARIOS: Scenario[] = [
  {
    id: 'cni-not-initialized',
    title: 'No CNI config yet: cni plugin not initialized',
    chapter: '3',
    commands: ['crictl runp pod.json', 'crictl info   # .status.conditions', 'crictl stopp <pod-id>'],
    realOnly: 'the simulated runtime always has its pod network, so it cannot be without a CNI config',
    async run(backend, state) {
      const shape = { name: 'no-cni' }
      ensureLogDirectory(backend, `default_no-cni_podkata-lab-no-cni`)
      const run = await failure(backend.cri.runPodSandbox({ config: sandboxConfig(shape, backend.logRoot) }))
      const { status } = await backend.cri.status()
      const network = status.conditions.find((c) => c.type === 'NetworkReady')
      const { items } = await backend.cri.listPodSandbox({ filter: { labelSelector: { 'io.kubernetes.pod.name': 'no-cni' } } })
      const stuck = items[0]
      const stop = stuck ? await failure(backend.cri.stopPodSandbox({ podSandboxId: stuck.id })) : 'succeeded'
      if (stuck) state.pods.set('no-cni', { shape, sandboxId: stuck.id, ip: '' })
      return {
        observed: { runPodSandbox: run, networkReady: network, leftBehind: stuck?.state ?? 'nothing', stopPodSandbox: stop },
        transcript: [
          '$ crictl runp pod.json',
          said(run),
          '$ crictl info   # NetworkReady',
          JSON.stringify(network),
          '$ crictl pods',
          ...items.map((i) => `${shortId(i.id)}  ${i.metadata.name}  ${i.state}`),
          `$ crictl stopp ${stuck ? shortId(stuck.id) : ''}`,
          said(stop),
        ],
      }
    },
  },
  {
    id: 'host-network',
    title: 'Host network: no CNI needed',
    chapter: '3',
    commands: ['crictl runp hostnet-pod.json   # namespace_options.network: NODE, no hostname', 'crictl inspectp <pod-id>', 'crictl stopp <pod-id> && crictl rmp <pod-id>'],
    async run(backend, state) {
      const { sandboxId, status } = await startPod(backend, state, { name: 'hostnet', hostNetwork: true })
      const pause = pausePid(status)
      const inNodeNetwork = backend.namespaces(pause).net === backend.nodeNetNamespace()
      const stop = await failure(backend.cri.stopPodSandbox({ podSandboxId: sandboxId }))
      const remove = await failure(backend.cri.removePodSandbox({ podSandboxId: sandboxId }))
      state.pods.delete('hostnet')
      const s = status.status
      const transcript: string[] = []
      if (backend.kind === 'containerd') {
        // What happens when a client sets a hostname anyway (the kubelet never does for hostNetwork).
        const named = sandboxConfig({ name: 'hostnet-named', hostNetwork: true }, backend.logRoot)
        ensureLogDirectory(backend, 'default_hostnet-named_podkata-lab-hostnet-named')
        const withHostname = await failure(backend.cri.runPodSandbox({ config: { ...named, hostname: 'hostnet-named' } }))
        const left = (await backend.cri.listPodSandbox({ filter: { labelSelector: { 'io.kubernetes.pod.name': 'hostnet-named' } } })).items
        for (const item of left) await backend.cri.removePodSandbox({ podSandboxId: item.id })
        transcript.push('$ crictl runp hostnet-pod-with-hostname.json', said(withHostname))
      }
      return {
        observed: { state: s.state, ip: s.network.ip, network: s.linux.namespaces.options.network, pauseInNodeNetwork: inNodeNetwork, stop, remove },
        transcript: [
          ...transcript,
          '$ crictl runp hostnet-pod.json',
          sandboxId,
          '$ crictl inspectp  # state, network.ip, namespace options',
          `${s.state}  ip: "${s.network.ip}"  network: ${s.linux.namespaces.options.network}`,
          `pause (pid ${pause}) is in the node's network namespace: ${inNodeNetwork}`,
          '$ crictl stopp && crictl rmp',
          `${said(stop)}, ${said(remove)}`,
        ],
      }
    },
  },
  {
    id: 'bridge',
    title: 'Bridge CNI: a pod IP',
    chapter: '3',
    commands: ['cp 10-bridge.conflist /etc/cni/net.d/', 'crictl info   # NetworkReady true', 'crictl runp pod.json', "crictl inspectp -o go-template --template '{{.status.network.ip}}' <pod-id>"],
    async run(backend, state) {
      await backend.enablePodNetwork()
      const transcript = ['$ cp 10-bridge.conflist /etc/cni/net.d/', '$ crictl info   # NetworkReady', 'true']
      // The sandbox stuck without a network can go now that CNI can tear it down.
      const stuck = state.pods.get('no-cni')
      if (stuck) {
        await backend.cri.stopPodSandbox({ podSandboxId: stuck.sandboxId })
        await backend.cri.removePodSandbox({ podSandboxId: stuck.sandboxId })
        state.pods.delete('no-cni')
        transcript.push(`$ crictl stopp ${shortId(stuck.sandboxId)} && crictl rmp ${shortId(stuck.sandboxId)}`, 'ok (the stuck sandbox can be removed now)')
      }
      const { sandboxId, status } = await startPod(backend, state, { name: 'web' })
      const s = status.status
      transcript.push('$ crictl runp pod.json', sandboxId, '$ crictl inspectp  # state, network.ip', `${s.state}  ip: ${s.network.ip}`)
      return { observed: { state: s.state, ip: s.network.ip, network: s.linux.namespaces.options.network }, transcript }
    },
  },
]
