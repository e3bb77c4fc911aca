/**
 * Picks the storage adapter from the configuration: PostgreSQL when DATABASE_URL is set
 * (required for several instances), otherwise the embedded SQLite file in DATA_DIR.
 */
import type { Config } from '../config.js'
import type { DocumentStore } from './DocumentStore.js'
import { PostgresDocumentStore } from './PostgresDocumentStore.js'
import { SqliteDocumentStore } from './SqliteDocumentStore.js'

/** Opens and initialises (migrates) the configured document store. */
export async function createDocumentStore(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
): Promise<DocumentStore> {
  const store: DocumentStore = config.databaseUrl
    ? new PostgresDocumentStore(config.databaseUrl)
    : new SqliteDocumentStore(config.dataDir)
  try {
    await store.init()
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}
