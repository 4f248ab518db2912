// Runs collect-verdicts.ts from a bundle (scripts/bundle.mjs) rather than through tsx, whose
// loader would sit under every module vitest and vite load in that process.
import { runBundled } from '../scripts/bundle.mjs'

await runBundled('proof-verdicts', 'proof/collect-verdicts.ts', 'the proof')
