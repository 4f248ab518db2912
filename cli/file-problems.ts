/**
 * The file system saying no: a read-only workbook, a file where a folder should be, a full
 * disk. The learner can fix each of these, so each gets one line naming the path and what to
 * do, never "internal error" and a stack trace.
 */
import { relative } from 'node:path'
import { ROOT } from '../workbook/paths.ts'

const FIXES: Record<string, string> = {
  EACCES: 'that folder is read-only for you; make it writable (chmod u+w) or work in a copy of the workbook you own',
  EPERM: 'that folder is read-only for you; make it writable (chmod u+w) or work in a copy of the workbook you own',
  EROFS: 'the workbook is on a read-only file system; copy it somewhere writable',
  ENOTDIR: 'a file stands where a folder should be; move the file away',
  EEXIST: 'a file stands where a folder should be; move the file away',
  EISDIR: 'a folder stands where a file should be; move the folder away',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
}

/** One line for a file-system error the learner can fix; undefined for anything else. */
export function describeFileProblem(error: unknown, verb = 'write'): string | undefined {
  const { code, path: source, dest } = (error ?? {}) as { code?: unknown; path?: unknown; dest?: unknown }
  if (typeof code !== 'string' || !(code in FIXES)) return undefined
  // A failed copy names its source as `path`; what could not be written is its `dest`.
  const path = typeof dest === 'string' ? dest : source
  const where = typeof path === 'string' ? (path.startsWith(ROOT) ? relative(ROOT, path) : path) : 'a file of the workbook'
  return `cannot ${verb} ${where} (${code}): ${FIXES[code]}`
}
