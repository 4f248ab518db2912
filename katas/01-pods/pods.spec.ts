/**
 * Kata 1 — Pods. Run with `npm run kata` (watch loop) or `npm run kata -- verify pods`.
 * Every manifest below is a real `v1` Pod you could `kubectl apply`.
 */
import { describe, expect, it } from 'vitest'
import { formatFieldError } from '../../machinery/api/field-errors.ts'
import { parsePod } from '../../machinery/api/manifest.ts'
import { effectiveRequests, insufficientResources, namespaceOptionsFor, validatePod } from './pods.ts'

const pod = (yaml: string) => parsePod(yaml, 'spec manifest')
/** What `kubectl apply` would print after `The Pod "…" is invalid: `, one error a line. */
const rejections = (yaml: string) => validatePod(pod(yaml)).map(formatFieldError)

const MiB = 2 ** 20
const GiB = 2 ** 30

describe('validatePod: what the API server rejects', () => {
  it('accepts a valid Pod with two containers', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: nginx, image: nginx:1.27 }
    - { name: log-shipper, image: fluent/fluent-bit:3.1 }
`),
    ).toEqual([])
  })

  it('requires at least one container: spec.containers: Required value', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: empty }
spec:
  containers: []
`),
    ).toEqual(['spec.containers: Required value'])
  })

  it('requires an image for every container, naming the container by its index', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: nginx, image: nginx:1.27 }
    - { name: log-shipper }
`),
    ).toEqual(['spec.containers[1].image: Required value'])
  })

  it('rejects a container name that is not a DNS-1123 label', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: Log_Shipper, image: fluent/fluent-bit:3.1 }
`),
    ).toEqual([
      'spec.containers[0].name: Invalid value: "Log_Shipper": a lowercase RFC 1123 label must consist of lower case ' +
        "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  " +
        "or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ])
  })

  it('rejects a Pod name that is not a DNS-1123 subdomain', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: Web.Frontend }
spec:
  containers:
    - { name: nginx, image: nginx:1.27 }
`),
    ).toEqual([
      'metadata.name: Invalid value: "Web.Frontend": a lowercase RFC 1123 subdomain must consist of lower case ' +
        "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. " +
        "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ])
  })

  it('rejects two app containers with the same name, on the second one', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: app, image: nginx:1.27 }
    - { name: app, image: busybox:1.36 }
`),
    ).toEqual(['spec.containers[1].name: Duplicate value: "app"'])
  })

  it('rejects an init container that reuses an app container name, on the init container', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  initContainers:
    - { name: app, image: busybox:1.36, command: [sh, -c, "echo preparing"] }
  containers:
    - { name: app, image: nginx:1.27 }
`),
    ).toEqual(['spec.initContainers[0].name: Duplicate value: "app"'])
  })

  it('rejects an unknown restartPolicy and lists the supported values', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  restartPolicy: Sometimes
  containers:
    - { name: nginx, image: nginx:1.27 }
`),
    ).toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'])
  })

  it('reports every problem at once, not just the first', () => {
    expect(
      rejections(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: app }
    - { name: app, image: nginx:1.27 }
`),
    ).toEqual(['spec.containers[0].image: Required value', 'spec.containers[1].name: Duplicate value: "app"'])
  })
})

describe('namespaceOptionsFor: which namespaces the containers share', () => {
  it('shares network and IPC across the pod, but gives each container its own PID namespace', () => {
    expect(
      namespaceOptionsFor(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: nginx, image: nginx:1.27 }
    - { name: log-shipper, image: fluent/fluent-bit:3.1 }
`),
      ),
    ).toEqual({ network: 'POD', ipc: 'POD', pid: 'CONTAINER' })
  })

  it('shares one PID namespace across the pod with shareProcessNamespace: true', () => {
    expect(
      namespaceOptionsFor(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: debuggable }
spec:
  shareProcessNamespace: true
  containers:
    - { name: app, image: nginx:1.27 }
`),
      ),
    ).toEqual({ network: 'POD', ipc: 'POD', pid: 'POD' })
  })

  it("uses the node's network namespace with hostNetwork: true", () => {
    expect(
      namespaceOptionsFor(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: node-exporter }
spec:
  hostNetwork: true
  containers:
    - { name: exporter, image: quay.io/prometheus/node-exporter:v1.8.2 }
`),
      ),
    ).toEqual({ network: 'NODE', ipc: 'POD', pid: 'CONTAINER' })
  })

  it("uses the node's PID and IPC namespaces with hostPID and hostIPC", () => {
    expect(
      namespaceOptionsFor(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: node-debugger }
spec:
  hostPID: true
  hostIPC: true
  containers:
    - { name: debug, image: busybox:1.36 }
`),
      ),
    ).toEqual({ network: 'POD', ipc: 'NODE', pid: 'NODE' })
  })
})

describe('effectiveRequests: what the pod asks for as a whole', () => {
  it('adds up the requests of all app containers', () => {
    expect(
      effectiveRequests(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      resources: { requests: { cpu: 250m, memory: 64Mi } }
    - name: log-shipper
      image: fluent/fluent-bit:3.1
      resources: { requests: { cpu: 100m, memory: 32Mi } }
`),
      ),
    ).toEqual({ cpu: 350, memory: 96 * MiB })
  })

  it('uses the largest init container when it asks for more than the app containers together', () => {
    expect(
      effectiveRequests(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  initContainers:
    - name: migrate
      image: migrate/migrate:v4.17.1
      resources: { requests: { cpu: "1", memory: 256Mi } }
    - name: warm-cache
      image: busybox:1.36
      resources: { requests: { cpu: 500m, memory: 512Mi } }
  containers:
    - name: app
      image: nginx:1.27
      resources: { requests: { cpu: 250m, memory: 64Mi } }
`),
      ),
    ).toEqual({ cpu: 1000, memory: 512 * MiB })
  })

  it('compares CPU and memory separately', () => {
    expect(
      effectiveRequests(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  initContainers:
    - name: migrate
      image: migrate/migrate:v4.17.1
      resources: { requests: { cpu: "2", memory: 16Mi } }
  containers:
    - name: app
      image: nginx:1.27
      resources: { requests: { cpu: 500m, memory: 1Gi } }
`),
      ),
    ).toEqual({ cpu: 2000, memory: 1 * GiB })
  })

  it('counts a native sidecar for the whole life of the pod, beside every later init container', () => {
    expect(
      effectiveRequests(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  initContainers:
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      restartPolicy: Always
      resources: { requests: { cpu: 200m, memory: 128Mi } }
    - name: migrate
      image: migrate/migrate:v4.17.1
      resources: { requests: { cpu: 900m, memory: 64Mi } }
  containers:
    - name: app
      image: nginx:1.27
      resources: { requests: { cpu: 300m, memory: 256Mi } }
`),
      ),
    ).toEqual({ cpu: 1100, memory: 384 * MiB })
  })

  it('does not count a sidecar beside the init containers that run before it starts', () => {
    expect(
      effectiveRequests(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  initContainers:
    - name: migrate
      image: migrate/migrate:v4.17.1
      resources: { requests: { cpu: 900m, memory: 64Mi } }
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      restartPolicy: Always
      resources: { requests: { cpu: 200m, memory: 128Mi } }
  containers:
    - name: app
      image: nginx:1.27
      resources: { requests: { cpu: 300m, memory: 256Mi } }
`),
      ),
    ).toEqual({ cpu: 900, memory: 384 * MiB })
  })

  it('adds the pod overhead of its RuntimeClass', () => {
    expect(
      effectiveRequests(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: sandboxed }
spec:
  runtimeClassName: kata
  overhead: { cpu: 250m, memory: 120Mi }
  containers:
    - name: app
      image: nginx:1.27
      resources: { requests: { cpu: 500m, memory: 128Mi } }
`),
      ),
    ).toEqual({ cpu: 750, memory: 248 * MiB })
  })
})

describe('effectiveRequests with pod-level resources (spec.resources, beta since 1.34)', () => {
  it('takes the pod-level request instead of the containers\' total, per resource, and then adds the overhead', () => {
    expect(
      effectiveRequests(
        pod(`
apiVersion: v1
kind: Pod
metadata: { name: pooled }
spec:
  resources: { requests: { cpu: "1" } }
  overhead: { cpu: 100m, memory: 20Mi }
  containers:
    - name: nginx
      image: nginx:1.27
      resources: { requests: { cpu: 250m, memory: 64Mi } }
    - name: log-shipper
      image: fluent/fluent-bit:3.1
      resources: { requests: { cpu: 100m, memory: 32Mi } }
`),
      ),
      // cpu from the pod level (1000m) + overhead; memory, not set at pod level, from the containers (96Mi) + overhead
    ).toEqual({ cpu: 1100, memory: 116 * MiB })
  })
})

describe('insufficientResources: a Pod is scheduled as one unit', () => {
  const twoContainers = pod(`
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      resources: { requests: { cpu: 600m, memory: 256Mi } }
    - name: log-shipper
      image: fluent/fluent-bit:3.1
      resources: { requests: { cpu: 600m, memory: 256Mi } }
`)

  it('fits when the whole pod fits in what the node has left', () => {
    const node = { name: 'node-1', allocatable: { cpu: 4000, memory: 8 * GiB }, requested: { cpu: 2000, memory: 4 * GiB } }
    expect(insufficientResources(twoContainers, node)).toEqual([])
  })

  it('does not fit when each container would fit alone but the pod does not: Insufficient cpu', () => {
    const node = { name: 'node-1', allocatable: { cpu: 2000, memory: 8 * GiB }, requested: { cpu: 1000, memory: 1 * GiB } }
    expect(insufficientResources(twoContainers, node)).toEqual(['Insufficient cpu'])
  })

  it('names every resource that is short', () => {
    const node = { name: 'node-1', allocatable: { cpu: 2000, memory: 1 * GiB }, requested: { cpu: 1500, memory: 768 * MiB } }
    expect(insufficientResources(twoContainers, node)).toEqual(['Insufficient cpu', 'Insufficient memory'])
  })
})
