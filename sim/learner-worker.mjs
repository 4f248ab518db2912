// Worker threads do not inherit the main thread's `--import tsx`, so the worker registers
// tsx itself before it loads the TypeScript that runs the learner's kubelet.
import { register } from 'tsx/esm/api'

register()
await import('./learner-worker.ts')
