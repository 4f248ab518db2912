/**
 * What `npm run lab` needs before it starts anything, checked without changing the machine: a
 * Linux kernel, root (for network namespaces and containerd), and the Debian packages.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** What the lab runs, and the Debian package that brings it. */
const NEEDS: { what: string; package: string; present: () => boolean }[] = [
  { what: 'containerd', package: 'containerd', present: () => onPath('containerd') && onPath('ctr') },
  { what: 'runc', package: 'runc', present: () => onPath('runc') },
  { what: 'CNI plugins in /usr/lib/cni', package: 'containernetworking-plugins', present: () => ['bridge', 'host-local', 'loopback'].every((p) => existsSync(`/usr/lib/cni/${p}`)) },
  { what: 'a static /bin/busybox', package: 'busybox-static', present: () => existsSync('/bin/busybox') && isStatic('/bin/busybox') },
  { what: 'gcc', package: 'gcc', present: () => onPath('gcc') && onPath('strip') },
  { what: 'libc.a for gcc -static', package: 'libc6-dev', present: () => staticLibc() },
  { what: 'ip (network namespaces)', package: 'iproute2', present: () => onPath('ip') },
  { what: 'nsenter, umount', package: 'util-linux', present: () => onPath('nsenter') && onPath('umount') },
]

export const LAB_PACKAGES = NEEDS.map((n) => n.package)

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'pipe' })
    return true
  } catch {
    return false
  }
}

function isStatic(file: string): boolean {
  try {
    return !execFileSync('sh', ['-c', `ldd ${file} 2>&1 || true`], { encoding: 'utf8' }).includes('=>')
  } catch {
    return false
  }
}

function staticLibc(): boolean {
  try {
    const path = execFileSync('gcc', ['-print-file-name=libc.a'], { encoding: 'utf8' }).trim()
    return path.startsWith('/') && existsSync(path)
  } catch {
    return false
  }
}

/** Undefined when the lab can run; otherwise one line saying what it needs. */
export function whatIsMissing(machine: { platform: string; uid: number | undefined } = { platform: process.platform, uid: process.getuid?.() }): string | undefined {
  const install = `apt-get install -y ${LAB_PACKAGES.join(' ')}`
  if (machine.platform !== 'linux') return `the lab runs a real containerd, so it needs Linux as root (this is ${machine.platform}); on a Debian 12 machine: ${install}`
  if (machine.uid !== 0) return `the lab needs root (network namespaces, containerd): sudo npm run lab; it needs ${install}`
  const missing = NEEDS.filter((n) => !n.present())
  if (missing.length > 0) return `missing ${missing.map((n) => n.what).join(', ')}: ${install}`
  return undefined
}
