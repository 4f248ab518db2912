/**
 * `npm run test:kit`: the workshop kit, printed and read back (poppler-utils' pdftotext and
 * pdfinfo), and the offline install tried for real. Slower than `npm test` and needs Chromium
 * and the npm registry, so CI runs it after `npm test` (.ci/run) rather than inside it.
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['kit/tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
})
