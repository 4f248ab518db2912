/**
 * Which workbook a printed page comes from: the version in package.json and the date of the
 * commit it was built from (the build date when there is no git history, e.g. an unpacked
 * tarball), so a facilitator can tell an old handout from a current one.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../workbook/paths.ts'

export interface Edition {
  version: string
  /** YYYY-MM-DD */
  date: string
  /** Short commit id, or '' outside a git checkout. */
  commit: string
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return ''
  }
}

export function edition(): Edition {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const date = git('log', '-1', '--format=%cd', '--date=short') || new Date().toISOString().slice(0, 10)
  return { version, date, commit: git('rev-parse', '--short', 'HEAD') }
}

export const editionLine = (e: Edition) => `podkata ${e.version} · ${e.date}${e.commit ? ` · ${e.commit}` : ''}`
