/**
 * Wires the workshop domain into a running server: opens the workshop store next to the
 * documents, and installs access control and poster seeding into the server context.
 */
import { join } from 'node:path'
import type { Config } from '../config'
import type { DocumentStore } from '../storage/DocumentStore'
import type { Authorize, RoomHooks } from '../sync/types'
import { createAuthorize } from './access'
import { createInitialState } from './posterSeed'
import { SqliteWorkshopStore } from './SqliteWorkshopStore'
import { WorkshopService } from './WorkshopService'

/** The parts of the server context the domain plugs into. */
export interface DomainHost {
  config: Config
  store: DocumentStore
  authorize: Authorize
  hooks: RoomHooks
}

/**
 * Opens `<dataDir>/plenum.db` for the workshop tables, replaces `host.authorize` and sets
 * `host.hooks.initialState`; returns the service to put on the context as `workshops`.
 */
export async function createWorkshopDomain(host: DomainHost): Promise<WorkshopService> {
  const store = new SqliteWorkshopStore(join(host.config.dataDir, 'plenum.db'))
  await store.init()
  const workshops = new WorkshopService(store)
  const allowSandbox = host.config.allowSandbox
  host.authorize = createAuthorize({ workshops, allowSandbox })
  host.hooks.initialState = createInitialState({ workshops, documents: host.store, allowSandbox })
  return workshops
}
