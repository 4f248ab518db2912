/**
 * The runs chapter 4 shows, made at build time by the same code as `npm run sim`: the diagrams
 * and the terminal output on the page are what the reference kubelet and runtime really did,
 * so they cannot drift from the code.
 */
import { simRun, type ChapterRun } from './sim-runs.ts'

export default {
  watch: ['../../examples/pods/*.yaml'],
  load(): Record<string, ChapterRun> {
    return {
      web: simRun('examples/pods/web.yaml', []),
      withInit: simRun('examples/pods/with-init.yaml', []),
      offline: simRun('examples/pods/web.yaml', ['--offline', '--for', '30']),
      appPull: simRun('examples/pods/web.yaml', ['--offline', '--preload', 'registry.k8s.io/pause:3.8', '--preload', 'fluent/fluent-bit:3.1', '--for', '30']),
    }
  },
}

export declare const data: Record<string, ChapterRun>
