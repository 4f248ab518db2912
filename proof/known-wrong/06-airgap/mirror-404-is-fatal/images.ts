// Mistake: a 404 from a mirror ends the resolve with "not found" instead of asking the next host.
// Caught by: goes on to the next host when a mirror answers 404
import { GoError, type Manifest } from '../../../../machinery/images/registry.ts'
import { Resolver as Reference, notFound, splitNormalized } from '../../../../solutions/06-airgap/images.ts'

export * from '../../../../solutions/06-airgap/images.ts'

export class Resolver extends Reference {
  override resolve(normalized: string): Manifest {
    let first: GoError | undefined
    for (const host of this.hosts(splitNormalized(normalized).domain)) {
      const url = this.manifestURL(host, normalized)
      const answer = this.network.head(url)
      if (answer.kind === 'found') return answer.manifest
      if (answer.kind === 'not-found') throw notFound(normalized)
      first ??= new GoError(`failed to do request: Head "${url}": ${answer.error}`, answer.code)
    }
    throw first ?? notFound(normalized)
  }
}
