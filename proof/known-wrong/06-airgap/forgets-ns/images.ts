// Mistake: sends a mirror the same URL as the registry, without ?ns=<registry>.
// Caught by: tells a mirror which registry the image belongs to, with ?ns=
import { Resolver as Reference, type RegistryHost } from '../../../../solutions/06-airgap/images.ts'

export * from '../../../../solutions/06-airgap/images.ts'

export class Resolver extends Reference {
  override manifestURL(host: RegistryHost, normalized: string): string {
    return super.manifestURL(host, normalized).replace(/\?ns=.*$/, '')
  }
}
