/**
 * The default VitePress theme, plus the few components the chapters use, and the print
 * stylesheet (print.css, with print-fit.ts sizing code and link notes just before printing).
 */
import DefaultTheme from 'vitepress/theme'
import type { Theme } from 'vitepress'
import ChapterList from './components/ChapterList.vue'
import KataCard from './components/KataCard.vue'
import KataInPage from './components/KataInPage.vue'
import SimInPage from './components/SimInPage.vue'
import LaneDiagram from './components/LaneDiagram.vue'
import PatternDiagram from './components/PatternDiagram.vue'
import PodDiagram from './components/PodDiagram.vue'
import SandboxLifecycle from './components/SandboxLifecycle.vue'
import TerminalOutput from './components/TerminalOutput.vue'
import './custom.css'
import './korean.css'
import './print.css'
import { installPrintFit } from './print-fit.ts'

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    installPrintFit()
    app.component('ChapterList', ChapterList)
    app.component('KataCard', KataCard)
    // The in-page editor and simulator: small doors that load their code when opened.
    app.component('KataInPage', KataInPage)
    app.component('SimInPage', SimInPage)
    app.component('LaneDiagram', LaneDiagram)
    app.component('PatternDiagram', PatternDiagram)
    app.component('PodDiagram', PodDiagram)
    app.component('SandboxLifecycle', SandboxLifecycle)
    app.component('TerminalOutput', TerminalOutput)
  },
} satisfies Theme
