/**
 * Opens the server's storage once: one SQLite handle on `<DATA_DIR>/plenum.db`, or one
 * PostgreSQL pool when DATABASE_URL is set, shared by the document, workshop, snapshot and
 * vote stores. The handle or pool belongs to this object; the stores only borrow it, and
 * `close()` releases the stores first, then the handle (checkpointing SQLite's WAL).
 */
import { join } from 'node:path'
import type { Config } from './config'
import { PostgresSnapshotStore } from './domain/PostgresSnapshotStore'
import { PostgresWorkshopStore } from './domain/PostgresWorkshopStore'
import type { SnapshotStore } from './domain/SnapshotStore'
import { SqliteSnapshotStore } from './domain/SqliteSnapshotStore'
import { SqliteWorkshopStore } from './domain/SqliteWorkshopStore'
import type { WorkshopStore } from './domain/WorkshopStore'
import { PostgresVoteStore } from './rounds/PostgresVoteStore'
import { SqliteVoteStore, type VoteStore } from './rounds/VoteStore'
import { PostgresSeriesStore } from './series/PostgresSeriesStore'
import type { SeriesStore } from './series/SeriesStore'
import { SqliteSeriesStore } from './series/SqliteSeriesStore'
import type { DocumentStore } from './storage/DocumentStore'
import { PostgresDocumentStore } from './storage/PostgresDocumentStore'
import { createPostgresPool } from './storage/postgresPool'
import { SQLITE_FILE_NAME, SqliteDocumentStore } from './storage/SqliteDocumentStore'
import {
  closeSqliteDatabase,
  eraseDeleted,
  openSqliteDatabase,
  type SqliteDatabase,
} from './storage/sqliteDatabase'
import type { Logger } from './sync/types'

/** Every store of one server, over one database connection (or pool). */
export interface Storage {
  documents: DocumentStore
  workshops: WorkshopStore
  snapshots: SnapshotStore
  votes: VoteStore
  /** Series links, homework periods and poster sources. */
  series: SeriesStore
  /** The SQLite handle, when storage is SQLite (secure delete, backups). */
  sqlite: SqliteDatabase | null
  /**
   * Makes rows deleted so far unreadable on disk (SQLite: truncating WAL checkpoint over
   * secure-deleted pages; PostgreSQL: VACUUM of the tables, see docs/OPERATIONS.md).
   */
  erase(): Promise<void>
  /** Closes every store, then the connection. */
  close(): Promise<void>
}

/** Tables that hold personal data, vacuumed after a delete on PostgreSQL. */
const PERSONAL_TABLES = [
  'doc_updates',
  'doc_state',
  'assets',
  'snapshots',
  'votes',
  'workshops',
  'workshop_rounds',
  'workshop_tables',
  'workshop_posters',
  'workshop_participants',
  'join_codes',
]

/** What may replace a default store (tests). A replaced store is not closed by `close()`. */
export interface StorageOverrides {
  documents?: DocumentStore
}

/** Opens and migrates every store for `config`. */
export async function openStorage(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
  overrides: StorageOverrides = {},
): Promise<Storage> {
  let sqlite: SqliteDatabase | null = null
  let releaseConnection: () => Promise<void>
  let erase: () => Promise<void>
  let stores: Omit<Storage, 'close' | 'sqlite' | 'erase'>
  if (config.databaseUrl) {
    const pool = createPostgresPool(config.databaseUrl, {
      onError: (error) => logger.warn('idle database connection failed', { error: String(error) }),
    })
    releaseConnection = () => pool.end()
    erase = async () => {
      await pool.query(`VACUUM ${PERSONAL_TABLES.join(', ')}`)
    }
    stores = {
      documents: overrides.documents ?? new PostgresDocumentStore(pool),
      workshops: new PostgresWorkshopStore(pool),
      snapshots: new PostgresSnapshotStore(pool),
      votes: new PostgresVoteStore(pool),
      series: new PostgresSeriesStore(pool),
    }
  } else {
    const db = openSqliteDatabase(
      config.dataDir === ':memory:' ? ':memory:' : join(config.dataDir, SQLITE_FILE_NAME),
    )
    sqlite = db
    releaseConnection = async () => closeSqliteDatabase(db)
    erase = async () => eraseDeleted(db)
    stores = {
      documents: overrides.documents ?? new SqliteDocumentStore(db),
      workshops: new SqliteWorkshopStore(db),
      snapshots: new SqliteSnapshotStore(db),
      votes: new SqliteVoteStore(db),
      series: new SqliteSeriesStore(db),
    }
  }
  const owned = [
    ...(overrides.documents ? [] : [stores.documents]),
    stores.workshops,
    stores.snapshots,
    stores.votes,
    stores.series,
  ]
  let closing: Promise<void> | null = null
  const close = () => {
    closing ??= (async () => {
      // Documents first: their pending appends complete before the connection goes.
      for (const store of owned) {
        await store.close().catch((error) => logger.warn('store close failed', { error: String(error) }))
      }
      await releaseConnection()
    })()
    return closing
  }
  try {
    // Migrations one after another: the PostgreSQL ones take a shared advisory lock.
    for (const store of [stores.documents, stores.workshops, stores.snapshots, stores.votes, stores.series]) {
      await store.init()
    }
  } catch (error) {
    await close()
    throw error
  }
  return { ...stores, sqlite, erase, close }
}
