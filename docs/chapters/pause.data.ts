/**
 * The runs chapter 5 shows: a container that crashes, and a pause process that dies, made at
 * build time by the same code as `npm run sim -- … --crash`.
 */
import { simRun, type ChapterRun } from './sim-runs.ts'

export default {
  watch: ['../../examples/pods/*.yaml'],
  load(): Record<string, ChapterRun> {
    return {
      crashContainer: simRun('examples/pods/web.yaml', ['--crash', 'nginx'], { afterCrash: true }),
      crashPause: simRun('examples/pods/web.yaml', ['--crash', 'pause'], { afterCrash: true }),
      crashPauseInit: simRun('examples/pods/with-init.yaml', ['--crash', 'pause'], { afterCrash: true }),
    }
  },
}

export declare const data: Record<string, ChapterRun>
