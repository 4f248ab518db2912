// `npm start`: opens the workbook. Serves the docs site on 127.0.0.1 (live: editing a
// chapter or a kata file updates the page) and says how to start the kata loop.
import { createServer } from 'vitepress'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const port = Number(process.env.PORT ?? 5173)

let server
try {
  server = await createServer(root, { host: '127.0.0.1', port })
  await server.listen()
} catch (error) {
  console.error(`podkata: cannot serve the workbook on 127.0.0.1:${port}: ${error.message}. Try PORT=5174 npm start.`)
  process.exit(1)
}
const address = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`
console.log(`
  podkata is open at ${address}

  Start with "How to work a kata": ${address}guide/working-a-kata
  Then, in a second terminal, start the kata loop:

      npm run kata

  Press Ctrl-C here to stop the site.
`)
