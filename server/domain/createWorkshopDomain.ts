/**
 * Wires the workshop domain into a running server: opens the workshop store next to the
 * documents, and installs access control and poster seeding into the server context.
 */
import { join } from 'node:path'
import type { Config } from '../config'
import { isPgPool } from '../lazyModules'
import type { DocumentStore } from '../storage/DocumentStore'
import type { Authorize, RoomHooks } from '../sync/types'
import { createAuthorize } from './access'
import { PostgresWorkshopStore } from './PostgresWorkshopStore'
import { createInitialState } from './posterSeed'
import { upgradePoster } from './posterUpgrade'
import { SqliteWorkshopStore } from './SqliteWorkshopStore'
import { WorkshopService } from './WorkshopService'
import type { WorkshopStore } from './WorkshopStore'

/** The parts of the server context the domain plugs into. */
export interface DomainHost {
  config: Config
  store: DocumentStore
  authorize: Authorize
  hooks: RoomHooks
}

/**
 * The workshop store beside the documents: PostgreSQL (sharing the document store's pool)
 * when DATABASE_URL is set, so every instance sees the same workshops; else SQLite.
 */
function openWorkshopStore(host: DomainHost): WorkshopStore {
  if (!host.config.databaseUrl) return new SqliteWorkshopStore(join(host.config.dataDir, 'plenum.db'))
  const pool = (host.store as { pool?: unknown }).pool
  return isPgPool(pool)
    ? new PostgresWorkshopStore({ pool })
    : new PostgresWorkshopStore({ url: host.config.databaseUrl })
}

/**
 * Opens the workshop store, replaces `host.authorize` and sets `host.hooks.initialState` and
 * `host.hooks.upgrade`;
 * returns the service to put on the context as `workshops`.
 */
export async function createWorkshopDomain(host: DomainHost): Promise<WorkshopService> {
  const store = openWorkshopStore(host)
  await store.init()
  const workshops = new WorkshopService(store)
  const allowSandbox = host.config.allowSandbox
  host.authorize = createAuthorize({ workshops, allowSandbox })
  host.hooks.initialState = createInitialState({ workshops, documents: host.store, allowSandbox })
  host.hooks.upgrade = upgradePoster
  return workshops
}
