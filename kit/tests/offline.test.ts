/**
 * The facilitator guide's recipe for a room without internet, tried for real: make the offline
 * kit (this needs the npm registry once), then install from it in a fresh folder with no
 * network (a network namespace of its own, where the machine allows it) and run the kata list.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { KATAS } from '../../katas/katas.ts'
import { checkKit, makeKit, packagesFor } from '../offline-kit.ts'

const out = mkdtempSync(join(tmpdir(), 'podkata-offline-kit-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

it('finds the packages a platform needs in the lockfile', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
  const mac = packagesFor(lock, 'darwin', 'arm64')
  expect(mac).toContain(`@esbuild/darwin-arm64@${lock.packages['node_modules/esbuild'].version}`)
  expect(mac.some((spec) => spec.includes('linux') || spec.includes('win32'))).toBe(false)
})

it('installs the workbook from the kit with no network, and the kata list runs', () => {
  const log: string[] = []
  makeKit({ out, platforms: [] }, (line) => log.push(line))
  const tarball = readFileSync(join(out, 'tarball.txt'), 'utf8').trim()
  expect(tarball).toMatch(/^podkata-\d+\.\d+\.\d+\.tgz$/)
  expect(existsSync(join(out, 'npm-cache'))).toBe(true)
  expect(readFileSync(join(out, 'README.txt'), 'utf8')).toContain('npm ci --offline --cache ../npm-cache')

  checkKit(out, (line) => log.push(line))
  const output = log.join('\n')
  expect(output).toMatch(/npm ci --offline: installed in [\d.]+ s/)
  for (const kata of KATAS) expect(output).toContain(kata.slug)
  expect(output).toContain(`0 of ${KATAS.length} solved`)
}, 300_000)
