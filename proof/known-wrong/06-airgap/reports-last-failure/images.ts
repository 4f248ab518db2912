// Mistake: when every host fails, reports the last host's error (upstream's) instead of the first (the mirror's).
// Caught by: when every host fails, reports the first failure as Go prints it — a dead mirror hides upstream’s error
import { GoError, type Manifest } from '../../../../machinery/images/registry.ts'
import { Resolver as Reference, notFound, splitNormalized } from '../../../../solutions/06-airgap/images.ts'

export * from '../../../../solutions/06-airgap/images.ts'

export class Resolver extends Reference {
  override resolve(normalized: string): Manifest {
    let last: GoError | undefined
    for (const host of this.hosts(splitNormalized(normalized).domain)) {
      const url = this.manifestURL(host, normalized)
      const answer = this.network.head(url)
      if (answer.kind === 'found') return answer.manifest
      if (answer.kind === 'failed') last = new GoError(`failed to do request: Head "${url}": ${answer.error}`, answer.code)
    }
    throw last ?? notFound(normalized)
  }
}
