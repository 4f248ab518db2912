/** The in-page proof (in-page-proof.ts) of half of the katas; in-page-proof-1.test.ts has the others. */
import { proofHalf, proveInPage } from './in-page-proof.ts'

proveInPage(proofHalf(1))
