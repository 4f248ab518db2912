/**
 * Questions a facilitator can ask at each kata, with the answers the chapter gives. Asked of a
 * pair that is stuck (before a hint), or of the room when comparing solutions. Keyed by the
 * kata's slug in katas/katas.ts; a test checks that every kata has some and no slug is unknown.
 * Each answer is what the chapter says, in short; none of them is code from the reference.
 */
export interface Question {
  ask: string
  answer: string
}

export const QUESTIONS: Record<string, Question[]> = {
  pods: [
    {
      ask: 'Which namespaces do the containers of a Pod share by default, and which one needs a field in the spec?',
      answer:
        'Network (one IP, one port space, localhost), IPC and UTS (the hostname), plus the volumes. PID is shared only ' +
        'with shareProcessNamespace: true; the kubelet sends CONTAINER for pid otherwise. Mount namespaces are never shared.',
    },
    {
      ask: 'Two app containers ask for 250m and 100m of CPU, an init container for 200m. What does the scheduler reserve?',
      answer:
        '350m. The init container runs alone, before the app containers, so the Pod needs the larger of the two phases, ' +
        'per resource: max(250m + 100m, 200m). CPU and memory may come from different phases.',
    },
    {
      ask: 'An init container has the same name as an app container. Which field does the error name?',
      answer:
        'The init container: spec.initContainers[0].name: Duplicate value: "app". validateInitContainers starts from the ' +
        'set of app container names, so the app container gets no error.',
    },
    {
      ask: 'Each container fits on the node alone, yet the Pod stays Pending. Why?',
      answer:
        'The scheduler places the whole Pod or none of it: it compares the effective request of the Pod with what the node ' +
        'has left, and FailedScheduling says "1 Insufficient cpu".',
    },
  ],
  composite: [
    {
      ask: 'How does nginx serve the files that git-sync clones, when neither knows the other?',
      answer:
        'Both mount the same volume of the Pod (an emptyDir), each at its own path. The volume is declared once, on the Pod; ' +
        'a container that does not mount it does not see it.',
    },
    {
      ask: 'Why can an app talk to its Redis ambassador on localhost?',
      answer: 'Every container of the Pod is in the same network namespace: one IP, one loopback, one port space.',
    },
    {
      ask: 'In what order do native sidecars start and stop?',
      answer:
        'They start in spec order, among the init containers, and keep running; the app containers start after all init ' +
        'containers. They stop after the app containers, in reverse spec order.',
    },
    {
      ask: 'What turns an init container into a native sidecar?',
      answer: 'Its own restartPolicy: Always. The Pod-level restartPolicy has nothing to do with it.',
    },
  ],
  sandbox: [
    {
      ask: 'What does StopPodSandbox give back, and what does it keep?',
      answer:
        'It stops the containers and pause and, for a pod network, gives the IP back (CNI DEL). The record stays, ' +
        'SANDBOX_NOTREADY, and so does the reserved name, until RemovePodSandbox.',
    },
    {
      ask: 'Stop and remove on an id the runtime does not know: what do they answer, and why?',
      answer:
        'Success. They are idempotent, so that the kubelet can retry them safely. PodSandboxStatus on an unknown id is the ' +
        'one that fails, with NotFound.',
    },
    {
      ask: 'Why does a sandbox name end in an attempt number?',
      answer:
        'The name is name_namespace_uid_attempt. A new sandbox for the same Pod needs a new name while the old one, stopped ' +
        'but not removed, still holds its own.',
    },
    {
      ask: 'A hostNetwork Pod: which network namespace and which IP does its sandbox get?',
      answer: "The node's network and UTS namespaces, and no IP from the pod CIDR: nothing is allocated or released for it.",
    },
  ],
  syncpod: [
    {
      ask: 'What is the first CRI call that changes anything for a new Pod, and why that one?',
      answer:
        'RunPodSandbox. The sandbox holds the namespaces and the IP that every container joins, so nothing can be created ' +
        'before it; then PodSandboxStatus, then pull, create and start for each container.',
    },
    {
      ask: 'The sandbox cannot be created. Which events appear, and which never do?',
      answer:
        'Warning FailedCreatePodSandBox, again on every retry. No Pulling, Created or Started for the app containers: the ' +
        'sync ends there, and the Pod stays ContainerCreating.',
    },
    {
      ask: 'imagePullPolicy: Always. Does the kubelet ask ImageStatus before pulling?',
      answer: 'No: it pulls straight away. With IfNotPresent or Never it asks ImageStatus first and pulls only when the image is absent.',
    },
    {
      ask: "One app container's image cannot be pulled. Do the other containers start?",
      answer:
        'Yes: each container is its own step, and the failed one gets ErrImagePull, then ImagePullBackOff. Only a failed ' +
        'sandbox, or a failed regular init container, ends the sync.',
    },
  ],
  pause: [
    {
      ask: 'An app container crashes. Does the Pod get a new IP?',
      answer:
        'No. The sandbox and its pause are untouched: the kubelet restarts that container in the same sandbox, same IP, ' +
        'with its attempt one higher.',
    },
    {
      ask: 'The pause process dies. What does the kubelet do?',
      answer:
        'SandboxChanged: it kills every container, stops the old sandbox, runs a new one with attempt + 1 (usually a new IP) ' +
        'and starts every container again, init containers too.',
    },
    {
      ask: 'Why does pause handle SIGCHLD?',
      answer:
        'With a shared PID namespace pause is PID 1 of the Pod. Orphans are re-parented to it, and it reaps them ' +
        '(waitpid in a loop) so that zombies do not pile up.',
    },
    {
      ask: 'kill -TERM stops pause, kill -HUP does nothing. Why?',
      answer:
        'A PID 1 receives only the signals it has a handler for. pause handles SIGINT and SIGTERM (it exits) and SIGCHLD, ' +
        'and nothing else.',
    },
  ],
  airgap: [
    {
      ask: 'What does the name pause:3.9 mean to containerd?',
      answer:
        'docker.io/library/pause:3.9. The first part is a registry only if it has a "." or a ":" or is localhost; a ' +
        'one-part path on docker.io goes under library/.',
    },
    {
      ask: 'The node cannot reach the registry. Why is there no ErrImagePull or ImagePullBackOff for pause?',
      answer:
        'The kubelet does not pull the sandbox image: the runtime does, inside RunPodSandbox. Its failure comes back as a ' +
        'failed sandbox, FailedCreatePodSandBox, and the Pod stays ContainerCreating.',
    },
    {
      ask: 'Name the three fixes.',
      answer:
        'Import the exact image the runtime wants (ctr -n k8s.io images import), a mirror inside the network (hosts.toml), ' +
        'or configure the runtime to use a sandbox image the node has.',
    },
    {
      ask: 'Weeks after the fix, the same error is back. What happened, and what prevents it?',
      answer:
        'The kubelet\'s image GC deleted pause: sandboxes are not containers, so pause never counts as in use and goes ' +
        'first. Only pinned: true from the runtime spares it (containerd pins its configured sandbox image from 1.6.22 and ' +
        '1.7.3; CRI-O from 1.28).',
    },
  ],
}
