/**
 * The in-page runner, as a module Web Worker: one request per worker (a kata's specs may bring
 * their lanes of the node along), so a learner's endless loop can be ended by the page
 * (worker.terminate()) without freezing the tab, and every run gets a fresh module graph. The
 * page side is runner-client.ts.
 */
import { MODULES } from 'virtual:podkata-modules'
import { BUILTINS } from './builtins.ts'
import { compileLearnerFile } from './compile.ts'
import { createLoader, type ModuleFunction } from './loader.ts'
import { lanesFollow, type RunMode, type RunRequest, type WorkerMessage } from './messages.ts'
import { playScenarioInPage, runSimInPage } from './sim-run.ts'
import { runSpecFile } from './spec-run.ts'

const post = (message: WorkerMessage) => postMessage(message)

function loader(mode: RunMode, learner: Record<string, string>) {
  return createLoader({ modules: MODULES as Record<string, ModuleFunction>, builtins: BUILTINS, learner, mode, compile: compileLearnerFile })
}

addEventListener('message', async (event: MessageEvent<RunRequest>) => {
  const request = event.data
  try {
    if (request.kind === 'specs') {
      const result = await runSpecFile(request.spec, loader(request.mode, request.files), Object.keys(request.files), {
        onStart: (spec) => post({ kind: 'start', spec }),
        onCollected: (specs) => post({ kind: 'collected', specs }),
        onFinished: (spec) => post({ kind: 'finished', spec }),
      })
      post({ kind: 'specs-done', result })
      if (request.lanes && lanesFollow(result)) {
        // Each side loads afresh, as in a run of its own; only the worker is shared (starting one parses the whole runner).
        post({ kind: 'sim-done', result: runSimInPage(loader('mine', request.files), request.lanes.manifest, request.lanes.options, loader('reference', {})) })
      }
    } else if (request.kind === 'scenario') {
      const mine = request.mode === 'mine' && Object.keys(request.files ?? {}).length > 0
      const result = mine
        ? playScenarioInPage(loader('mine', request.files ?? {}), request.text, request.source, loader('reference', {}))
        : playScenarioInPage(loader('reference', {}), request.text, request.source)
      post({ kind: 'sim-done', result })
    } else {
      const mine = request.mode === 'mine' && Object.keys(request.files).length > 0
      const result = runSimInPage(loader(request.mode, request.files), request.manifest, request.options, mine ? loader('reference', {}) : undefined)
      post({ kind: 'sim-done', result })
    }
  } catch (error) {
    post({ kind: 'crashed', message: String((error as Error)?.message ?? error).split('\n')[0]! })
  }
})

post({ kind: 'ready' })
