/**
 * The command line the playground shows under its Run button: what a reader types to get the
 * same run from `npm run sim`. A manifest that is an example as shipped is named by its path in
 * examples/pods/; an edited one is `pod.yaml`, the reader's own file.
 */
import type { SimSwitches } from './messages.ts'

/** The items of a comma-separated field (preloaded images, mirrors), trimmed, empty ones left out. */
export const listOf = (field: string | undefined): string[] => (field ?? '').split(',').map((item) => item.trim()).filter(Boolean)

export function simCommand(podFile: string, switches: SimSwitches, compare = false): string {
  const parts = [`npm run sim -- ${podFile}`]
  const runtime = switches.runtime ?? 'containerd-1.7'
  const connectivity = switches.connectivity ?? 'online'
  if (runtime !== 'containerd-1.7') parts.push(`--runtime ${runtime}`)
  if (connectivity === 'dns-nxdomain') parts.push('--offline')
  else if (connectivity !== 'online') parts.push(`--cut-off ${connectivity}`)
  for (const image of switches.preload ?? []) if (image.trim()) parts.push(`--preload ${image.trim()}`)
  if (switches.sandboxImage?.trim()) parts.push(`--sandbox-image ${switches.sandboxImage.trim()}`)
  // The CLI takes --mirror once per mirror; the page's field takes them separated by commas.
  for (const mirror of listOf(switches.mirror)) parts.push(`--mirror ${mirror}`)
  if (switches.mirrorDown) parts.push('--mirror-down')
  if (switches.crash?.trim()) parts.push(`--crash ${switches.crash.trim()}`)
  if ((switches.forSeconds ?? 120) !== 120) parts.push(`--for ${switches.forSeconds}`)
  if (compare) parts.push('--compare')
  return parts.join(' ')
}
