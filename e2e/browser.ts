/**
 * Debian's Chromium, driven by playwright-core (which never downloads a browser of its own).
 * The flags keep it quiet on a machine with no network: without them Chromium keeps trying
 * to reach Google's services.
 */
import { chromium, type Browser } from 'playwright-core'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}
