/**
 * Values printed the way Go prints them, because the kubelet's messages are Go format strings.
 */

/**
 * A time.Duration as `%v` prints it (Duration.String), for whole milliseconds:
 * 0s, 523ms, 4.213s, 1m2.5s, 1h0m0s.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s'
  if (ms < 1000) return `${ms}ms`
  const hours = Math.floor(ms / 3_600_000)
  const minutes = Math.floor((ms % 3_600_000) / 60_000)
  const seconds = (ms % 60_000) / 1000
  const s = `${trimZeros(seconds.toFixed(3))}s`
  if (hours > 0) return `${hours}h${minutes}m${s}`
  if (minutes > 0) return `${minutes}m${s}`
  return s
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}
