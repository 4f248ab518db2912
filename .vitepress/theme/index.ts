/**
 * The default VitePress theme, plus the few components the chapters use, and the print
 * stylesheet (print.css, with print-fit.ts sizing code and link notes just before printing).
 *
 * The components are registered by name for every page, but each one is its own chunk, loaded
 * only by a page that uses it (defineAsyncComponent): the landing page never downloads the lane
 * diagrams. The server renders them whole, so the page reads the same before its scripts run;
 * `<html data-hydrated>` says when they have all arrived and work (hydration.ts). The figures
 * with nothing to click are never run on a page's first load at all (static-figure.ts).
 */
import DefaultTheme from 'vitepress/theme'
import type { Theme } from 'vitepress'
import { defineAsyncComponent, type Component } from 'vue'
import { markWhenHydrated, tracked } from './hydration.ts'
import { endHydrationOnMount, staticFigure } from './static-figure.ts'
import './custom.css'
import './korean.css'
import './print.css'
import './type-hovers.css'
import { installPrintFit } from './print-fit.ts'

const COMPONENTS: Record<string, () => Promise<{ default: Component }>> = {
  ChapterList: () => import('./components/ChapterList.vue'),
  KataCard: () => import('./components/KataCard.vue'),
  // The in-page editor and simulator: small doors that load their code when opened.
  KataInPage: () => import('./components/KataInPage.vue'),
  SimInPage: () => import('./components/SimInPage.vue'),
  PatternDiagram: () => import('./components/PatternDiagram.vue'),
  PodDiagram: () => import('./components/PodDiagram.vue'),
  SandboxLifecycle: () => import('./components/SandboxLifecycle.vue'),
}

/** Drawn by the server from build-time data, and never run on the page's first load (static-figure.ts). */
const STATIC_FIGURES: Record<string, () => Promise<{ default: Component }>> = {
  LaneDiagram: () => import('./components/LaneDiagram.vue'),
  TerminalOutput: () => import('./components/TerminalOutput.vue'),
}

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    installPrintFit()
    for (const [name, load] of Object.entries(COMPONENTS)) app.component(name, defineAsyncComponent(tracked(load)))
    for (const [name, load] of Object.entries(STATIC_FIGURES)) app.component(name, staticFigure(name, load))
  },
  setup() {
    endHydrationOnMount()
    markWhenHydrated()
  },
} satisfies Theme
