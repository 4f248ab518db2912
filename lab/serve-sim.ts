/**
 * `npm run sim -- --serve <socket>`: the simulator's runtime on a CRI v1 unix socket, until
 * Ctrl-C. Point the lab's client or crictl at it:
 *   crictl --runtime-endpoint unix://<socket> --image-endpoint unix://<socket> pods
 */
import { resolve } from 'node:path'
import { serveCri } from './cri-server.ts'
import { simulatedNode, type SimNodeOptions } from './sim-node.ts'

export async function serveSimulator(socket: string, options: SimNodeOptions, say: (line: string) => void = console.log): Promise<void> {
  const sim = simulatedNode(options)
  const path = resolve(socket)
  const server = await serveCri(sim.runtime, path, sim.served)
  const endpoint = `unix://${path}`
  say(`sim: serving CRI v1 as ${sim.served.runtimeVersion} on ${endpoint} (Ctrl-C stops)`)
  say(`sim: try  crictl --runtime-endpoint ${endpoint} --image-endpoint ${endpoint} pods`)
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void server.close().then(done)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
