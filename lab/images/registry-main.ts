/**
 * `node --import tsx lab/images/registry-main.ts <catalog.json> <port>`: the lab's loopback
 * mirror (registry.ts) as a process of its own, so the lab can start it inside its network
 * namespace and stop it by PID.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { registryHandler, type Catalog } from './registry.ts'

const [catalogFile, port] = process.argv.slice(2)
const catalog = JSON.parse(readFileSync(catalogFile!, 'utf8')) as Catalog
const handle = registryHandler(catalog, (line) => console.log(line))
const server = createServer((request, response) => {
  const answer = handle(request.method ?? 'GET', request.url ?? '/')
  response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) })
  response.end(request.method === 'HEAD' ? undefined : answer.body)
})
server.listen(Number(port), '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`))
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
