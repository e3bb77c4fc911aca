/**
 * The composition root: builds every part of one server exactly once, in dependency order,
 * and hands the finished set to the routes. Storage is opened once (`openStorage`); the room
 * registry gets its final `authorize` and its ordered list of hooks at construction; the
 * domain's reactions to a deleted workshop or an edited template are registered here, so
 * building a route has no side effects. Nothing is replaced after it is built.
 */
import { CloseCode } from '../shared/closeCodes'
import { DocKind, docKindPrefix } from '../shared/docNames'
import { registerDocumentCleanup } from './api/documentCleanup'
import { registerTemplateUpdates } from './api/templateUpdates'
import type { Config } from './config'
import { createAuthorize } from './domain/access'
import { createInitialState, posterInitialState } from './domain/posterSeed'
import { upgradePoster } from './domain/posterUpgrade'
import { RetentionSweeper } from './domain/RetentionSweeper'
import { WorkshopService } from './domain/WorkshopService'
import { votesFromTallies } from './export/posterContent'
import { SnapshotService } from './export/SnapshotService'
import { createAddressResolver, type ResolveAddress } from './http/clientAddress'
import type { AppLogger } from './logger'
import { Metrics } from './metrics'
import { openStorage, type Storage } from './openStorage'
import { followControlDocs } from './rounds/followControlDocs'
import { keepPosterRecords } from './rounds/posterRecords'
import { RoundService } from './rounds/RoundService'
import { SandboxQuota } from './sandbox/SandboxQuota'
import { SandboxSweeper } from './sandbox/SandboxSweeper'
import { Mailer } from './series/homeworkMail'
import { SeriesService } from './series/SeriesService'
import type { DocumentStore } from './storage/DocumentStore'
import { RedisFanout } from './sync/RedisFanout'
import { RoomRegistry } from './sync/RoomRegistry'
import type { Authorize, Fanout } from './sync/types'
import { SynthesisService } from './synthesis/SynthesisService'

/** Parts a test may supply instead of the defaults. */
export interface ServiceOverrides {
  /** The document store; by default the configured SQLite or PostgreSQL one. Not closed by `close()`. */
  store?: DocumentStore
  /** Fan-out; by default Redis when REDIS_URL is set. */
  fanout?: Fanout | null
  /** Access decision for every connection; by default the workshop roles (`domain/access.ts`). */
  authorize?: Authorize
}

/** Everything the routes of one server use. */
export interface Services {
  config: Config
  logger: AppLogger
  metrics: Metrics
  /** Every store, over one database connection. */
  storage: Storage
  /** Documents and assets (`storage.documents`). */
  documents: DocumentStore
  /** Cross-instance fan-out, when REDIS_URL is set. */
  fanout: Fanout | null
  /** Loaded documents: `authorize`, `connect`, and `transact` for server-side edits. */
  rooms: RoomRegistry
  /** Workshops, rounds, tables, participants and their tokens. */
  workshops: WorkshopService
  /** Snapshots: take, list, restore. */
  snapshots: SnapshotService
  /** Round control: phases, timer, presentation, votes. */
  rounds: RoundService
  /** The room-wide synthesis poster: gathering notes, themes, conclusions. */
  synthesis: SynthesisService
  /** Homework between workshops and follow-up workshops. */
  series: SeriesService
  /** Sends the homework letters; null when the server has no SMTP setting. */
  mailer: Mailer | null
  /** Deletes workshops past RETENTION_DAYS; null when no retention period is set. */
  retention: RetentionSweeper | null
  /** Seeded state of a poster nobody has opened yet. */
  posterInitialState(posterId: string): Promise<Uint8Array | null>
  /** The client's address from a TCP peer and a forwarded header (the trusted-proxy policy). */
  resolveAddress: ResolveAddress
  /** Quotas of anonymous sandbox posters and images. */
  sandboxQuota: SandboxQuota
  /** Deletes sandbox posters idle for SANDBOX_IDLE_HOURS. */
  sandboxSweeper: SandboxSweeper
  /** Closes a document's connections (NotFound), unloads it and deletes it from storage. */
  deleteDocument(docName: string): Promise<void>
  /** Closes the rooms (Restarting), the fan-out and the storage. */
  close(): Promise<void>
}

/** Builds the services of one server for `config`. */
export async function createServices(
  config: Config,
  logger: AppLogger,
  overrides: ServiceOverrides = {},
): Promise<Services> {
  const storage = await openStorage(config, logger, { documents: overrides.store })
  const documents = storage.documents
  const { allowSandbox } = config
  const metrics = new Metrics()
  const workshops = new WorkshopService(storage.workshops)
  const seedContext = {
    workshops,
    documents,
    allowSandbox,
    posterSources: (posterId: string) => storage.series.posterSources(posterId),
  }

  // The fan-out re-reads documents after a broker reconnect; it reaches the registry built
  // just below only from that (asynchronous) event.
  const fanout =
    overrides.fanout !== undefined
      ? overrides.fanout
      : config.redisUrl
        ? new RedisFanout(config.redisUrl, {
            logger: logger.child({ part: 'fanout' }),
            onResubscribed: (docNames) => void rooms.resync(docNames),
          })
        : null
  const rooms: RoomRegistry = new RoomRegistry({
    store: documents,
    config,
    logger: logger.child({ part: 'sync' }),
    fanout,
    observer: metrics,
    authorize: overrides.authorize ?? createAuthorize({ workshops, allowSandbox }),
    hooks: [
      { initialState: createInitialState(seedContext), upgrade: upgradePoster },
      followControlDocs(workshops.live),
      keepPosterRecords,
    ],
  })
  metrics.setSources({ rooms: () => rooms.size, connections: () => rooms.connectionCount })
  const deleteDocument = (docName: string) => rooms.deleteDocument(docName)
  const seed = (posterId: string) => posterInitialState(seedContext, posterId)

  const snapshots = new SnapshotService({
    snapshots: storage.snapshots,
    workshops: storage.workshops,
    documents,
    allowSandbox,
    votes: votesFromTallies((posterId) => storage.votes.tallies(posterId)),
    initialState: seed,
  })
  const rounds = new RoundService({
    workshops,
    documents,
    rooms,
    deleteDocument,
    takeSnapshot: (posterId, reason) => snapshots.takeSnapshot(posterId, reason),
    votes: storage.votes,
    logger,
  })

  const synthesis = new SynthesisService({ workshops, documents, rooms, posterInitialState: seed })
  const series = new SeriesService({ workshops, rounds, series: storage.series, documents, logger })
  // Homework closes on time on every instance, also homework opened before a restart.
  series.start()
  const mailer = config.smtpUrl ? new Mailer(config.smtpUrl, config.mailFrom) : null

  // What deleting a workshop or editing a template does beyond the workshop rows, in order.
  registerDocumentCleanup({ workshops, store: documents, deleteDocument })
  registerTemplateUpdates({ workshops, store: documents, rooms })
  workshops.onWorkshopDeleted(async (a) => {
    await snapshots.deleteWorkshop(a.workshop.id)
    await storage.votes.deleteWorkshop(a.workshop.id)
    await storage.series.deleteWorkshop(a.workshop.id)
  })
  // Last: once every row and document of the workshop is gone, no readable trace stays on disk.
  const erase = async () => {
    const started = performance.now()
    await storage.erase()
    logger.info('deleted data erased from disk', { ms: Math.round(performance.now() - started) })
  }
  workshops.onWorkshopDeleted(erase)
  workshops.onPostersRemoved(erase)

  const retention =
    config.retentionDays === null ? null : new RetentionSweeper(workshops, config.retentionDays, logger)
  retention?.start()

  const sandboxQuota = new SandboxQuota(
    {
      perAddress: config.maxSandboxesPerIp,
      total: config.maxSandboxes,
      assetBytesPerAddress: config.maxAnonymousAssetBytesPerIp,
      assetBytesTotal: config.maxAnonymousAssetBytes,
    },
    () => documents.list(docKindPrefix(DocKind.Sandbox)),
  )
  const sandboxSweeper = new SandboxSweeper({
    documents,
    idleMs: config.sandboxIdleHours * 60 * 60 * 1000,
    remove: async (docName) => {
      await deleteDocument(docName)
      await sandboxQuota.forget(docName)
    },
    logger,
  })
  sandboxSweeper.start()

  let closing: Promise<void> | null = null
  return {
    config,
    logger,
    metrics,
    storage,
    documents,
    fanout,
    rooms,
    workshops,
    snapshots,
    rounds,
    synthesis,
    series,
    mailer,
    retention,
    posterInitialState: seed,
    resolveAddress: createAddressResolver(config),
    sandboxQuota,
    sandboxSweeper,
    deleteDocument,
    close: () => {
      closing ??= (async () => {
        series.stop()
        mailer?.close()
        await retention?.stop()
        await sandboxSweeper.stop()
        await rooms.closeAll(CloseCode.Restarting)
        await fanout?.close().catch((err) => logger.warn('fanout close failed', { error: String(err) }))
        await storage.close()
      })()
      return closing
    },
  }
}
