/**
 * Chooses where snapshots live: PostgreSQL beside the documents when DATABASE_URL is set
 * (so every instance sees the same snapshots), else the shared SQLite file in DATA_DIR.
 */
import { join } from 'node:path'
import type { Config } from '../config'
import { isPgPool } from '../lazyModules'
import type { DocumentStore } from '../storage/DocumentStore'
import { SQLITE_FILE_NAME } from '../storage/SqliteDocumentStore'
import { PostgresSnapshotStore } from './PostgresSnapshotStore'
import type { SnapshotStore } from './SnapshotStore'
import { SqliteSnapshotStore } from './SqliteSnapshotStore'

/** Opens the snapshot store for `config`, sharing the document store's pool when it has one. */
export function openSnapshotStore(config: Config, documents: DocumentStore): SnapshotStore {
  if (!config.databaseUrl) return new SqliteSnapshotStore(join(config.dataDir, SQLITE_FILE_NAME))
  const pool = (documents as { pool?: unknown }).pool
  return isPgPool(pool)
    ? new PostgresSnapshotStore({ pool })
    : new PostgresSnapshotStore({ url: config.databaseUrl })
}
