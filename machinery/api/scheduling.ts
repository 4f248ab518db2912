/**
 * A node as the scheduler's fit check sees it: what it can give (allocatable) and what the
 * pods already bound to it have asked for (requested). Provided machinery.
 */
import type { Resources } from './resources.ts'

export interface NodeResources {
  name: string
  allocatable: Resources
  requested: Resources
}
