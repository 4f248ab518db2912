/**
 * Chapter 5 on a real node: containers inside pause's namespaces, a crash of the app against the
 * death of pause, and pause as the PID 1 that reaps orphans (or, built without its handler, does
 * not).
 */
import { NAMESPACES, type PsRow } from '../backends.ts'
import { PAUSE_NOREAP_IMAGE } from '../images/build-images.ts'
import { ORPHAN_SCRIPT, pausePid, processTree, psText, shortId, startApp, startPod, waitFor, type Scenario } from './common.ts'

export const PAUSE_SCENARIOS: Scenario[] = [
  {
    id: 'app-joins-pause',
    title: "An app container joins pause's namespaces",
    chapter: '5',
    commands: ['crictl create <pod-id> container.json pod.json', 'crictl start <container-id>', 'crictl inspect <container-id>   # .info.pid', 'ls -l /proc/<pid>/ns/'],
    async run(backend, state) {
      const pod = state.pods.get('web')!
      const status = await backend.cri.podSandboxStatus({ podSandboxId: pod.sandboxId, verbose: true })
      const pause = pausePid(status)
      const app = await startApp(backend, state, 'web', 0, 'echo hello from app; exec sleep 3600')
      const { status: container } = await backend.cri.containerStatus({ containerId: app.id })
      const pauseNs = backend.namespaces(pause)
      const appNs = backend.namespaces(app.pid)
      const shared = Object.fromEntries(NAMESPACES.map((type) => [type, pauseNs[type] === appNs[type]]))
      const transcript = [
        '$ crictl create && crictl start',
        app.id,
        `$ crictl inspect  # ${container.state}`,
        ...NAMESPACES.map((type) => `${type}: pause ${pauseNs[type]}  app ${appNs[type]}  ${shared[type] ? 'shared' : 'its own'}`),
      ]
      if (backend.kind === 'containerd') {
        const exec = await backend.cri.execSync({ containerId: app.id, cmd: ['ip', '-o', '-4', 'addr', 'show', 'eth0'], timeout: 10 })
        transcript.push('$ crictl exec <container-id> ip -o -4 addr show eth0', exec.stdout.toString('utf8').trim().replace(/\s+/g, ' '))
      }
      return { observed: { state: container.state, sharedWithPause: shared }, transcript }
    },
  },
  {
    id: 'app-crash',
    title: 'The app crashes: same sandbox, same IP',
    chapter: '5',
    commands: ['kill -9 <app pid>', 'crictl ps -a', 'crictl inspectp <pod-id>   # still SANDBOX_READY, same IP', 'crictl create <pod-id> container.json pod.json   # attempt 1'],
    async run(backend, state) {
      const pod = state.pods.get('web')!
      backend.kill(pod.appPid!)
      const { status: exited } = await waitFor('the app exits', () => backend.cri.containerStatus({ containerId: pod.appId! }), (r) => r.status.state === 'CONTAINER_EXITED')
      const sandbox = (await backend.cri.podSandboxStatus({ podSandboxId: pod.sandboxId })).status
      const restarted = await startApp(backend, state, 'web', 1, 'exec sleep 3600')
      const { status: again } = await backend.cri.containerStatus({ containerId: restarted.id })
      return {
        observed: {
          exited: { state: exited.state, exitCode: exited.exitCode, reason: exited.reason },
          sandbox: { state: sandbox.state, sameIp: sandbox.network.ip === pod.ip },
          restarted: { state: again.state, attempt: again.metadata.attempt },
        },
        transcript: [
          '$ kill -9 <app pid>',
          `$ crictl ps -a  # app attempt 0: ${exited.state} exit code ${exited.exitCode} (${exited.reason})`,
          `$ crictl inspectp  # ${sandbox.state}  ip: ${sandbox.network.ip} (was ${pod.ip})`,
          `$ crictl create && crictl start  # app attempt ${again.metadata.attempt}: ${again.state}`,
        ],
      }
    },
  },
  {
    id: 'sandbox-death',
    title: 'pause dies: a new sandbox, a new IP',
    chapter: '5',
    commands: ['kill -9 <pause pid>', 'crictl pods   # SANDBOX_NOTREADY', 'crictl stopp <pod-id>', 'crictl runp pod.json   # metadata.attempt: 1'],
    async run(backend, state) {
      const pod = state.pods.get('web')!
      const before = await backend.cri.podSandboxStatus({ podSandboxId: pod.sandboxId, verbose: true })
      backend.kill(pausePid(before))
      const dead = (await waitFor('the sandbox is NOTREADY', () => backend.cri.podSandboxStatus({ podSandboxId: pod.sandboxId }), (r) => r.status.state === 'SANDBOX_NOTREADY')).status
      const app = (await backend.cri.containerStatus({ containerId: pod.appId! })).status
      // The kubelet's part (computePodActions: the sandbox changed): kill the pod, then a new
      // sandbox with attempt + 1. The old one is garbage-collected later.
      await backend.cri.stopContainer({ containerId: pod.appId!, timeout: 0 })
      await backend.cri.stopPodSandbox({ podSandboxId: pod.sandboxId })
      const old = pod
      const { sandboxId, status } = await startPod(backend, state, { name: 'web', attempt: 1 })
      await backend.cri.removePodSandbox({ podSandboxId: old.sandboxId })
      const s = status.status
      return {
        observed: {
          oldSandbox: dead.state,
          appWhenPauseDied: app.state,
          newSandbox: { state: s.state, attempt: s.metadata.attempt, ip: s.network.ip, ipChanged: s.network.ip !== old.ip },
        },
        transcript: [
          '$ kill -9 <pause pid>',
          `$ crictl pods  # ${shortId(old.sandboxId)} ${dead.state}; the app is ${app.state}`,
          '$ crictl stopp (the kubelet: SandboxChanged, kill the pod)',
          `$ crictl runp pod.json  # attempt ${s.metadata.attempt}`,
          `${shortId(sandboxId)}  ${s.state}  ip: ${s.network.ip} (was ${old.ip})`,
        ],
      }
    },
  },
  {
    id: 'orphan-reaping',
    title: 'pause reaps an orphan (shared PID namespace)',
    chapter: '5',
    commands: [
      'crictl runp shared-pid-pod.json   # namespace_options.pid: POD',
      `crictl create <pod-id> orphan.json shared-pid-pod.json   # command: sh -c '${ORPHAN_SCRIPT}'`,
      'crictl start <container-id>',
      'crictl exec <container-id> ps -o pid,ppid,stat,comm',
    ],
    async run(backend, state) {
      await startPod(backend, state, { name: 'shared', sharePid: true })
      const app = await startApp(backend, state, 'shared', 0, ORPHAN_SCRIPT)
      // On a busy machine the shells take a little longer: look again, a few times, before
      // concluding that there is no orphan yet, or that it is still there.
      const orphan = (rows: PsRow[]) => rows.find((r) => r.ppid === 1 && r.comm === 'sleep')
      let earlyAt = 500
      let early = await backend.psAfter(app.id, earlyAt)
      while (!orphan(early) && earlyAt < 1_500) early = await backend.psAfter(app.id, (earlyAt += 250))
      let lateAt = 2_700
      let late = await backend.psAfter(app.id, lateAt)
      while (orphan(late) && !orphan(late)!.stat.startsWith('Z') && lateAt < 6_000) late = await backend.psAfter(app.id, (lateAt += 300))
      return {
        observed: { whileOrphanRuns: processTree(early), afterOrphanExits: processTree(late) },
        transcript: [
          `$ crictl exec <app> ps -o pid,ppid,stat,comm   # at ${earlyAt / 1000} s`,
          ...psText(early),
          `$ crictl exec <app> ps -o pid,ppid,stat,comm   # at ${lateAt / 1000} s, after the orphan's sleep 2`,
          ...psText(late),
        ],
      }
    },
  },
  {
    id: 'no-reap',
    title: 'A pause that does not reap: a zombie stays',
    chapter: '5',
    commands: [
      'ctr -n k8s.io images import pause-noreap.tar',
      `# /etc/containerd/config.toml: sandbox_image = "${PAUSE_NOREAP_IMAGE}", then restart containerd`,
      'crictl runp shared-pid-pod.json && crictl create … && crictl start …',
      'crictl exec <container-id> ps -o pid,ppid,stat,comm',
    ],
    realOnly: "the simulator runs the kata's pause program whatever the image, so it has no pause that forgets to reap",
    async run(backend, state) {
      const imported = await backend.importImage(state.images.pauseNoReap)
      await backend.restartWithSandboxImage!(PAUSE_NOREAP_IMAGE)
      await startPod(backend, state, { name: 'no-reap', sharePid: true })
      const app = await startApp(backend, state, 'no-reap', 0, ORPHAN_SCRIPT)
      const orphan = (rows: PsRow[]) => rows.find((r) => r.ppid === 1 && r.comm === 'sleep')
      let at = 2_700
      let rows = await backend.psAfter(app.id, at)
      while (orphan(rows) && !orphan(rows)!.stat.startsWith('Z') && at < 6_000) rows = await backend.psAfter(app.id, (at += 300))
      return {
        observed: { afterOrphanExits: processTree(rows) },
        transcript: [
          '$ ctr -n k8s.io images import pause-noreap.tar',
          imported,
          `$ # sandbox_image = "${PAUSE_NOREAP_IMAGE}"; restart containerd`,
          `$ crictl exec <app> ps -o pid,ppid,stat,comm   # at ${at / 1000} s, after the orphan's sleep 2`,
          ...psText(rows),
        ],
      }
    },
  },
]
