/**
 * What the server's parts share: configuration, logging, storage, rooms and metrics. Route
 * modules (the workshop API, rounds, export) receive this object; the workshop layer
 * installs its own `authorize` and `hooks` here before the first connection arrives.
 */
import type { Config } from './config'
import type { WorkshopService } from './domain/WorkshopService'
import type { AppLogger } from './logger'
import type { Metrics } from './metrics'
import type { DocumentStore } from './storage/DocumentStore'
import type { RoomRegistry } from './sync/RoomRegistry'
import type { Authorize, Fanout, RoomHooks } from './sync/types'

/** The shared parts of one running server. */
export interface ServerContext {
  config: Config
  logger: AppLogger
  /** Documents and assets. */
  store: DocumentStore
  /** Loaded documents; `rooms.transact(docName, fn)` for server-side edits. */
  rooms: RoomRegistry
  metrics: Metrics
  /** Cross-instance fan-out, when REDIS_URL is set. */
  fanout: Fanout | null
  /** Decides who may open a document (called for every new WebSocket). Replaceable. */
  authorize: Authorize
  /** Hooks the rooms call (seeding, activity). Read at call time, so they may be replaced. */
  hooks: RoomHooks
  /** Workshops, rounds, tables, participants and their tokens. */
  workshops: WorkshopService
  /** Closes a document's connections (NotFound), unloads it and deletes it from storage. */
  deleteDocument(docName: string): Promise<void>
}
