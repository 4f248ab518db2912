/**
 * The packages and Node built-ins the workbook's modules import, as the page provides them.
 * The simulator needs no file system or paths in the page (manifests come from the editor);
 * the stubs say so if something reaches for them.
 */
import * as yaml from 'yaml'
import * as podSchema from 'kubernetes-models/_schemas/IoK8sApiCoreV1Pod'
import * as vitest from './vitest-shim.ts'

const noFiles = (name: string) =>
  new Proxy({}, {
    get(_target, key) {
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
  'node:fs': noFiles('node:fs'),
  'node:path': noFiles('node:path'),
}
