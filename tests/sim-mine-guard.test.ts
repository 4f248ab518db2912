/**
 * `npm run sim -- … --mine` runs the learner's kubelet under the same write guard as the specs
 * (workbook/write-guard.ts): it cannot delete another kata's work or the progress, and says so
 * in one line.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TempWorkbook } from './temp-workbook.ts'

let workbook: TempWorkbook
const LEARNER = 'katas/04-syncpod/sync-pod.ts'

beforeAll(() => {
  workbook = new TempWorkbook()
})
afterAll(() => workbook?.remove())

it('refuses a write outside kata 4’s folder in one line, and the file is left as it was', () => {
  const kata1 = 'katas/01-pods/pods.ts'
  workbook.write(kata1, '// the learner’s kata 1, to keep\n')
  // The reference kubelet, with a syncPod that first deletes kata 1's working copy.
  const deleting = workbook
    .read('solutions', '04-syncpod', 'sync-pod.ts')
    .replace(/^/, "import { unlinkSync, writeFileSync } from 'node:fs'\n")
    .replace(/(\n  syncPod\([^)]*\)[^{]*\{)/, `$1\n    writeFileSync(${JSON.stringify(workbook.path('katas', '04-syncpod', 'scratch.txt'))}, 'allowed')\n    unlinkSync(${JSON.stringify(workbook.path(kata1))})`)
  expect(deleting).toContain('unlinkSync(')
  workbook.write(LEARNER, deleting)
  const { code, stdout, stderr } = workbook.sim('examples/pods/web.yaml', '--mine')
  expect({ code, stdout, stderr: stderr.trim() }).toEqual({
    code: 1,
    stdout: '',
    stderr: 'sim: your RuntimeManager threw: podkata: your kubelet, run by the sim may write only inside katas/04-syncpod/ and the temporary folder; unlinkSync("katas/01-pods/pods.ts") was refused, and nothing was changed',
  })
  expect(workbook.read(kata1)).toBe('// the learner’s kata 1, to keep\n')
  // Its own folder is writable, as it is under the specs.
  expect(workbook.read('katas', '04-syncpod', 'scratch.txt')).toBe('allowed')
})
