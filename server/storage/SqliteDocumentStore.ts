/**
 * The embedded default store: one SQLite file `<dataDir>/plenum.db` holding document logs,
 * compacted states and uploaded assets.
 *
 * Assets are rows of a table rather than files beside the database: uploads are small
 * (bounded by MAX_ASSET_BYTES), and one file means one online backup (`VACUUM INTO`) copies
 * the posters together with the images they reference, consistently.
 */
import { join } from 'node:path'
import type { Statement } from 'better-sqlite3'
import { compactUpdates, mergeStoredUpdates } from './compactUpdates.js'
import type { DocumentStore, StoredAsset } from './DocumentStore.js'
import { StoreClosedError } from './StoreClosedError.js'
import { type SqliteDatabase, sqliteHandleOf } from './sqliteDatabase.js'

/** Name of the database file inside the data folder. */
export const SQLITE_FILE_NAME = 'plenum.db'

/**
 * `doc_updates` is each document's update log, clustered by (doc, seq): an append writes one
 * b-tree page, and a load reads one contiguous range. `seq` counts per document (the next is
 * one past the document's last; after a compaction removed them all it starts again, behind
 * nothing). An earlier layout (a rowid table with AUTOINCREMENT and an index on (doc, seq))
 * made every append write three pages: the table, the index and `sqlite_sequence`.
 */
const LOG_TABLE = `
CREATE TABLE IF NOT EXISTS doc_updates (
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
`

const SCHEMA = `${LOG_TABLE}
CREATE TABLE IF NOT EXISTS doc_state (
  doc TEXT PRIMARY KEY,
  state BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS assets (
  key TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
`

interface UpdateRow {
  seq: number
  data: Buffer
}

/** `DocumentStore` over better-sqlite3; every call runs synchronously inside its promise. */
export class SqliteDocumentStore implements DocumentStore {
  /** The database handle. */
  readonly db: SqliteDatabase
  private readonly releaseDb: () => void
  private closed = false
  private readonly statements = new Map<string, Statement>()

  /**
   * Opens `<dataDir>/plenum.db` (`:memory:` when dataDir is ':memory:') and owns it, or uses
   * an open handle owned by the caller.
   */
  constructor(source: string | SqliteDatabase) {
    const use = sqliteHandleOf(
      typeof source !== 'string' || source === ':memory:' ? source : join(source, SQLITE_FILE_NAME),
    )
    this.db = use.db
    this.releaseDb = use.release
  }

  async init(): Promise<void> {
    this.db
      .transaction(() => {
        migrateRowidLog(this.db)
        this.db.exec(SCHEMA)
      })
      .immediate()
  }

  async load(docName: string): Promise<Uint8Array | null> {
    // One read transaction, so a compaction by another process cannot fall between the reads.
    const parts = this.db.transaction(() => {
      const state = this.sql('SELECT state FROM doc_state WHERE doc = ?').get(docName) as
        | { state: Buffer }
        | undefined
      const rows = this.db
        .prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq')
        .all(docName) as {
        data: Buffer
      }[]
      const list: Uint8Array[] = state ? [bytes(state.state)] : []
      for (const row of rows) list.push(bytes(row.data))
      return list
    })()
    if (parts.length === 0) return null
    return mergeStoredUpdates(parts)
  }

  async append(docName: string, update: Uint8Array): Promise<void> {
    this.assertOpen()
    // A view of the update's bytes, not a copy: SQLite copies them into the row itself.
    const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength)
    this.sql(
      `INSERT INTO doc_updates (doc, seq, data)
       VALUES (@doc, (SELECT ifnull(max(seq), 0) + 1 FROM doc_updates WHERE doc = @doc), @data)`,
    ).run({ doc: docName, data })
  }

  async pendingUpdates(docName: string): Promise<number> {
    const row = this.sql('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?').get(docName) as {
      n: number
    }
    return row.n
  }

  async compact(docName: string): Promise<void> {
    this.assertOpen()
    // IMMEDIATE takes the write lock before reading, so no other writer can slip in between
    // reading the log and deleting it; only the rows actually merged are deleted anyway.
    const run = this.db.transaction(() => {
      const rows = this.db
        .prepare('SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq')
        .all(docName) as UpdateRow[]
      if (rows.length === 0) return
      const state = this.sql('SELECT state FROM doc_state WHERE doc = ?').get(docName) as
        | { state: Buffer }
        | undefined
      const parts = state ? [bytes(state.state)] : []
      for (const row of rows) parts.push(bytes(row.data))
      const merged = compactUpdates(parts)
      this.db
        .prepare(
          `INSERT INTO doc_state (doc, state, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (doc) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        )
        .run(docName, Buffer.from(merged), Date.now())
      const last = (rows[rows.length - 1] as UpdateRow).seq
      this.sql('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?').run(docName, last)
    })
    run.immediate()
  }

  async compactedAt(docName: string): Promise<number | null> {
    const row = this.sql('SELECT updated_at FROM doc_state WHERE doc = ?').get(docName) as
      | { updated_at: number }
      | undefined
    return row ? row.updated_at : null
  }

  async delete(docName: string): Promise<void> {
    this.db.transaction(() => {
      this.sql('DELETE FROM doc_updates WHERE doc = ?').run(docName)
      this.sql('DELETE FROM doc_state WHERE doc = ?').run(docName)
    })()
  }

  async list(prefix: string): Promise<string[]> {
    // substr comparison instead of LIKE: LIKE ignores ASCII case and treats `_` as a wildcard.
    const rows = this.db
      .prepare(
        `SELECT doc FROM doc_state WHERE substr(doc, 1, ?) = ?
         UNION SELECT doc FROM doc_updates WHERE substr(doc, 1, ?) = ?
         ORDER BY doc`,
      )
      .all(prefix.length, prefix, prefix.length, prefix) as { doc: string }[]
    return rows.map((row) => row.doc)
  }

  async putAsset(key: string, asset: StoredAsset): Promise<void> {
    this.assertOpen()
    this.db
      .prepare(
        `INSERT INTO assets (key, content_type, data, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET content_type = excluded.content_type, data = excluded.data`,
      )
      .run(key, asset.contentType, Buffer.from(asset.data), Date.now())
  }

  async getAsset(key: string): Promise<StoredAsset | null> {
    const row = this.sql('SELECT content_type, data FROM assets WHERE key = ?').get(key) as
      | { content_type: string; data: Buffer }
      | undefined
    return row ? { contentType: row.content_type, data: bytes(row.data) } : null
  }

  async deleteAssets(prefix: string): Promise<void> {
    this.sql('DELETE FROM assets WHERE substr(key, 1, ?) = ?').run(prefix.length, prefix)
  }

  async ping(): Promise<boolean> {
    if (this.closed || !this.db.open) return false
    try {
      this.sql('SELECT 1').get()
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    // Every write is synchronous, so nothing is pending once this runs.
    if (this.closed) return
    this.closed = true
    this.releaseDb()
  }

  /** A prepared statement, compiled once per store: appends and loads are the hot path. */
  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError()
  }
}

/** A plain Uint8Array view of a Buffer returned by the driver. */
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/**
 * Rewrites a log table of the earlier layout (rowid, AUTOINCREMENT, separate index) into the
 * clustered one, keeping every row and its `seq`, so a document's updates keep their order and
 * its next append follows its last. Runs inside `init`'s transaction: all or nothing.
 */
function migrateRowidLog(db: SqliteDatabase): void {
  const table = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'doc_updates'")
    .get() as { sql: string } | undefined
  if (!table || /WITHOUT ROWID/i.test(table.sql)) return
  db.exec('ALTER TABLE doc_updates RENAME TO doc_updates_rowid')
  db.exec(LOG_TABLE)
  // Dropping the table also drops its index and its AUTOINCREMENT counter.
  db.exec(`INSERT INTO doc_updates (doc, seq, data) SELECT doc, seq, data FROM doc_updates_rowid;
           DROP TABLE doc_updates_rowid;`)
}
