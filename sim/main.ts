/**
 * `npm run sim`: sim/command.ts as a process. Output piped into `head` that closes early is
 * not an error: the command stops quietly, as `cat` does.
 */
import { simCommand } from './command.ts'

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

process.exitCode = await simCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
})
