/**
 * containerd's configuration for the lab: `containerd config default`, with every path moved
 * into the scratch folder so that nothing of a system containerd is touched. Each change must
 * find its line exactly once; if containerd's defaults change shape, the lab says so rather
 * than start a containerd that writes to /var/lib.
 */

export interface LabPaths {
  root: string
  state: string
  socket: string
  opt: string
  cniConfDir: string
  certsDir: string
  runcRoot: string
}

export class ConfigShapeError extends Error {
  override name = 'ConfigShapeError'
}

/** Whether this process may raise oom_score_adj (CAP_SYS_RESOURCE, bit 24 of CapEff). */
export function hasSysResource(procStatus: string): boolean {
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(procStatus)?.[1]
  return hex !== undefined && ((BigInt(`0x${hex}`) >> 24n) & 1n) === 1n
}

export function labConfig(defaults: string, paths: LabPaths, options: { restrictOomScoreAdj: boolean; cniBinDir: string; sandboxImage?: string }): string {
  const changes: [RegExp, string][] = [
    ...(options.sandboxImage ? ([[/^( {4}sandbox_image = )".*"$/m, `$1${q(options.sandboxImage)}`]] as [RegExp, string][]) : []),
    [/^root = ".*"$/m, `root = ${q(paths.root)}`],
    [/^state = ".*"$/m, `state = ${q(paths.state)}`],
    [/^(\[grpc\]\n  address = )".*"$/m, `$1${q(paths.socket)}`],
    [/^( {4}netns_mounts_under_state_dir = )false$/m, '$1true'],
    [/^( {4}restrict_oom_score_adj = )false$/m, `$1${options.restrictOomScoreAdj}`],
    [/^( {6}bin_dir = )".*"$/m, `$1${q(options.cniBinDir)}`],
    [/^( {6}conf_dir = )".*"$/m, `$1${q(paths.cniConfDir)}`],
    [/^(\s+\[plugins\."io\.containerd\.grpc\.v1\.cri"\.registry\]\n\s+config_path = )".*"$/m, `$1${q(paths.certsDir)}`],
    [/^(\s+\[plugins\."io\.containerd\.grpc\.v1\.cri"\.containerd\.runtimes\.runc\.options\](?:\n.*?)*?\n\s+Root = )".*"$/m, `$1${q(paths.runcRoot)}`],
    [/^(\s+\[plugins\."io\.containerd\.internal\.v1\.opt"\]\n\s+path = )".*"$/m, `$1${q(paths.opt)}`],
  ]
  let config = defaults
  for (const [pattern, replacement] of changes) {
    const global = new RegExp(pattern.source, 'gm')
    const count = [...config.matchAll(global)].length
    if (count !== 1) throw new ConfigShapeError(`containerd's default config has ${count} lines matching ${pattern.source}; expected exactly one`)
    config = config.replace(pattern, replacement)
  }
  return config
}

function q(value: string): string {
  return JSON.stringify(value)
}
