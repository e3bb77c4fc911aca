/**
 * Chooses where dot votes live: PostgreSQL beside the documents when DATABASE_URL is set
 * (so the dot limit holds across instances), else the shared SQLite file in DATA_DIR.
 */
import { join } from 'node:path'
import type { Config } from '../config'
import { isPgPool } from '../lazyModules'
import type { DocumentStore } from '../storage/DocumentStore'
import { SQLITE_FILE_NAME } from '../storage/SqliteDocumentStore'
import { PostgresVoteStore } from './PostgresVoteStore'
import { SqliteVoteStore, type VoteStore } from './VoteStore'

/** Opens the vote store for `config`, sharing the document store's pool when it has one. */
export function openVoteStore(config: Config, documents: DocumentStore): VoteStore {
  if (!config.databaseUrl) return new SqliteVoteStore(join(config.dataDir, SQLITE_FILE_NAME))
  const pool = (documents as { pool?: unknown }).pool
  return isPgPool(pool) ? new PostgresVoteStore({ pool }) : new PostgresVoteStore({ url: config.databaseUrl })
}
