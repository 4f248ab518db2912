/**
 * The Chromium the browser tests drive through playwright-core (which never downloads a
 * browser of its own): Debian's when it is installed (its headless shell first), otherwise the
 * one that the npm package @sparticuz/chromium ships inside itself (unpacked into the temp
 * folder on first use), so `npm install && npm test` needs nothing else on the machine.
 *
 * global-setup.ts starts one browser for the whole run; each test file connects to it with
 * launchBrowser(), which costs a few milliseconds instead of a browser start per file.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserServer } from 'playwright-core'

/**
 * Where Debian installs Chromium, best first: the headless shell (package
 * chromium-headless-shell, the build Playwright itself drives for headless runs) does the same
 * rendering with about a third less CPU than the full browser (measured here: every page's
 * checks at one width, 42 s of CPU against 60 s). PODKATA_CHROMIUM names the one to use
 * instead (a test points it at nothing).
 */
const systemChromiums = () => (process.env.PODKATA_CHROMIUM ? [process.env.PODKATA_CHROMIUM] : ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'])

/** Set by global-setup.ts for the test workers: the shared browser's address. */
export const SHARED_BROWSER_ENV = 'PODKATA_BROWSER_WS'

/**
 * The flags keep Debian's Chromium quiet on a machine with no network: without them it keeps
 * trying to reach Google's services.
 */
const SYSTEM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
]

export interface FoundChromium {
  executablePath: string
  args: string[]
  /** Which one it is, in words, e.g. `Debian's Chromium (/usr/bin/chromium)`. */
  description: string
}

export async function findChromium(): Promise<FoundChromium> {
  const candidates = systemChromiums()
  const system = candidates.find((path) => existsSync(path))
  if (system) return { executablePath: system, args: SYSTEM_ARGS, description: `the system's Chromium (${system})` }
  // Loaded only when needed: its first use unpacks a 60 MB browser.
  const { default: packaged } = await import('@sparticuz/chromium')
  return {
    executablePath: await packaged.executablePath(),
    // Its own flags, but as several processes: made for one page at a time in a cloud function,
    // its --single-process build crashes ("Browser closed") once tests open pages side by side.
    args: packaged.args.filter((flag) => flag !== '--single-process'),
    description: `the Chromium from @sparticuz/chromium (${candidates.join(' and ')} ${candidates.length > 1 ? 'are' : 'is'} absent)`,
  }
}

/** One browser for a whole test run (global-setup.ts). */
export async function launchBrowserServer(): Promise<{ server: BrowserServer; chromium: FoundChromium }> {
  const found = await findChromium()
  const server = await chromium.launchServer({ executablePath: found.executablePath, args: found.args })
  return { server, chromium: found }
}

/**
 * A browser for one test file: a connection to the run's shared browser when there is one,
 * else a browser of its own. `close()` ends what this file opened, either way.
 */
export async function launchBrowser(): Promise<Browser> {
  const shared = process.env[SHARED_BROWSER_ENV]
  if (shared) return chromium.connect(shared)
  const found = await findChromium()
  return chromium.launch({ executablePath: found.executablePath, args: found.args })
}
