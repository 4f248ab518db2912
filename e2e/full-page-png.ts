/**
 * A full-page PNG of a page, for a person to look at (issue 12: screenshots of every page at
 * both widths, written for review). PNG because the review tools here open PNG only (they
 * refused JPEG). Chromium's fast PNG encoder (CDP's `optimizeForSpeed`, which page.screenshot
 * cannot ask for) took a long chapter's capture from ~1.45 s to ~0.85 s; the files are about a
 * quarter bigger. Before the capture, what `page.screenshot({ animations: 'disabled', caret:
 * 'hide' })` does: animations and transitions finished or stopped (restAnimations), no caret,
 * fonts loaded.
 */
import { writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'

/** Finishes every finite animation and transition, and stops the endless ones: the page at rest. */
export async function restAnimations(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) {
      if (Number.isFinite(animation.effect?.getComputedTiming().endTime)) animation.finish()
      else animation.cancel()
    }
  })
}

export async function fullPagePng(page: Page, path: string): Promise<void> {
  await restAnimations(page)
  const size = await page.evaluate(async () => {
    if (!document.getElementById('podkata-no-caret')) {
      const style = document.createElement('style')
      style.id = 'podkata-no-caret'
      style.textContent = 'input, textarea, [contenteditable] { caret-color: transparent !important; }'
      document.head.append(style)
    }
    await document.fonts.ready
    const { body, documentElement: root } = document
    // As Playwright measures a full page.
    return {
      width: Math.max(body.scrollWidth, root.scrollWidth, body.offsetWidth, root.offsetWidth, body.clientWidth, root.clientWidth),
      height: Math.max(body.scrollHeight, root.scrollHeight, body.offsetHeight, root.offsetHeight, body.clientHeight, root.clientHeight),
    }
  })
  const cdp = await page.context().newCDPSession(page)
  try {
    const { data } = await cdp.send('Page.captureScreenshot', {
      format: 'png',
      optimizeForSpeed: true,
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width: size.width, height: size.height, scale: 1 },
    })
    writeFileSync(path, Buffer.from(data, 'base64'))
  } finally {
    await cdp.detach()
  }
}
