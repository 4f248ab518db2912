/**
 * The packages and Node built-ins the workbook's modules import, as the page provides them.
 * The simulator's manifests come from the editor; a scenario's `apply: ../pods/<pod>.yaml`
 * reads the shipped Pods from a read-only table (page-files.ts). Anything else that reaches
 * for files is told the page has none.
 */
import * as yaml from 'yaml'
import * as podSchema from 'kubernetes-models/_schemas/IoK8sApiCoreV1Pod'
import * as vitest from './vitest-shim.ts'
import { pageFs, pagePath } from './page-files.ts'

const noFiles = (name: string, provided: Record<string, unknown> = {}) =>
  new Proxy(provided, {
    get(target, key) {
      if (key in target) return target[key as string]
      if (key === '__esModule') return false
      return () => {
        throw new Error(`${name}.${String(key)} is not available in the page: it reads files, and the page has none`)
      }
    },
  })

export const BUILTINS: Record<string, unknown> = {
  vitest,
  yaml,
  'kubernetes-models/_schemas/IoK8sApiCoreV1Pod': podSchema,
  'kubernetes-types/core/v1': {},
  'node:fs': noFiles('node:fs', pageFs),
  'node:path': pagePath,
}
