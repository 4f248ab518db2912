/**
 * The kata CLI: `npm run kata [-- <verb> …]`. This file only reads the command line and hands
 * over to one command; each command lives in cli/commands/.
 */
import { parseArgs } from 'node:util'
import { hint } from './commands/hint.ts'
import { list } from './commands/list.ts'
import { reset } from './commands/reset.ts'
import { solution } from './commands/solution.ts'
import { verify } from './commands/verify.ts'
import { watch } from './commands/watch.ts'
import { UserError } from './errors.ts'
import { describeFileProblem } from './file-problems.ts'
import { findKata } from './find-kata.ts'
import { readerLang } from './reader-lang.ts'

const USAGE = `Usage: npm run kata [-- <verb> [arguments]]

  (no verb)               the watch loop: runs the first unsolved kata on every save
  <kata>                  the watch loop, opened at that kata (e.g. npm run kata -- 5)
  list                    every kata: ✓ solved, ✗ failing, · not tried
  verify [kata]           run one kata's specs on your code, or every kata
  verify --mine           the capstone: every kata on your own code only
  hint <kata> [level]     the next hint, or the hint of that level
  reset <kata>            restore the starter (your file is backed up first)
  solution <kata>         the reference as a diff of your file (after you pass; --force before)

A kata is named by its number (1), its name (pods) or its folder (01-pods).
Options: --manual (watch loop: run only when you press r), --help,
  --lang ko (or PODKATA_LANG=ko): also say where the Korean chapter is (한국어 챕터)`

const VERBS = ['watch', 'list', 'verify', 'hint', 'reset', 'solution', 'help'] as const
type Verb = (typeof VERBS)[number]

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseCommandLine(argv)
  // Every verb may say where the Korean chapter is; the rest of the CLI reads PODKATA_LANG.
  process.env.PODKATA_LANG = readerLang(values.lang)
  if (values.help || positionals[0] === 'help') {
    console.log(USAGE)
    return 0
  }
  // `npm run kata -- 5` opens the loop at kata 5: a kata's name where a verb would be.
  const startsWithKata = positionals[0] !== undefined && !VERBS.some((v) => v === positionals[0]) && isKataName(positionals[0])
  const [verbText = 'watch', ...rest] = startsWithKata ? ['watch', ...positionals] : positionals
  const verb = VERBS.find((v) => v === verbText)
  if (!verb) {
    throw new UserError(`"${verbText}" is neither a verb nor a kata. Verbs: ${VERBS.filter((v) => v !== 'help').join(', ')}; katas: 1 to 6 by number, name or folder (see --help)`, 2)
  }
  checkArity(verb, rest)
  checkOptions(verb, values)
  switch (verb) {
    case 'watch': {
      const code = await watch({ manual: values.manual ?? false, ...(rest[0] === undefined ? {} : { kata: findKata(rest[0]) }) })
      // The loop has saved everything and closed vitest; some of vitest's handles can keep
      // the process alive after its close(), so leave explicitly.
      process.exit(code)
    }
    case 'list':
      return list()
    case 'verify':
      return verify(rest[0], { mine: values.mine ?? false })
    case 'hint':
      return hint(rest[0], rest[1])
    case 'reset':
      return reset(rest[0])
    case 'solution':
      return solution(rest[0], { force: values.force ?? false })
    default:
      return 0
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        mine: { type: 'boolean' },
        force: { type: 'boolean' },
        manual: { type: 'boolean' },
        lang: { type: 'string' },
      },
    })
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--frce'"; keep its words, drop its advice about "--".
    const message = (error as Error).message.split('. ')[0] ?? 'cannot read the command line'
    throw new UserError(`${message}. See --help.`, 2)
  }
}

const MAX_ARGUMENTS: Record<Verb, number> = { watch: 1, list: 0, verify: 1, hint: 2, reset: 1, solution: 1, help: 0 }

/** Which verb each option belongs to: an option given to another verb is a mistake worth saying. */
const OPTION_VERB = { mine: 'verify', force: 'solution', manual: 'watch' } as const

function checkOptions(verb: Verb, values: Partial<Record<keyof typeof OPTION_VERB, boolean>>): void {
  for (const [option, owner] of Object.entries(OPTION_VERB)) {
    if (values[option as keyof typeof OPTION_VERB] && owner !== verb) {
      const where = owner === 'watch' ? 'the watch loop (npm run kata -- --manual)' : `"${owner}"`
      throw new UserError(`--${option} belongs to ${where}, not to "${verb}". See --help.`, 2)
    }
  }
}

function isKataName(name: string): boolean {
  try {
    findKata(name)
    return true
  } catch {
    return false
  }
}

function checkArity(verb: Verb, rest: string[]): void {
  if (rest.length > MAX_ARGUMENTS[verb]) {
    throw new UserError(`"${verb}" takes at most ${MAX_ARGUMENTS[verb]} argument(s); got: ${rest.join(' ')}`, 2)
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UserError) {
      console.error(`podkata: ${error.message}`)
      process.exitCode = error.exitCode
      return
    }
    const fileProblem = describeFileProblem(error)
    if (fileProblem) {
      console.error(`podkata: ${fileProblem}`)
      process.exitCode = 73 // EX_CANTCREAT
      return
    }
    // A fault of the workbook, not of the learner: still one line, the detail on request.
    console.error(`podkata: internal error: ${(error as Error)?.message ?? String(error)} (run with PODKATA_DEBUG=1 for details)`)
    if (process.env.PODKATA_DEBUG) console.error(error)
    process.exitCode = 70
  },
)
