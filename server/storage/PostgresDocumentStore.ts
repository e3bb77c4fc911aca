/**
 * The store for several server instances: PostgreSQL via `pg`. Any number of instances may
 * append to and compact the same document at once.
 */
import type pg from 'pg'
import { compactUpdates, mergeStoredUpdates } from './compactUpdates.js'
import type { DocumentStore, StoredAsset } from './DocumentStore.js'
import { type PostgresMigration, runPostgresMigrations } from './postgresMigrations.js'
import { type PostgresPoolOptions, type PostgresSource, poolHandleOf } from './postgresPool.js'
import { StoreClosedError } from './StoreClosedError.js'

/** Schema history of the document store; append new steps, never edit released ones. */
export const documentStoreMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE doc_updates (
        seq BIGSERIAL PRIMARY KEY,
        doc TEXT NOT NULL,
        data BYTEA NOT NULL
      );
      CREATE INDEX doc_updates_doc_seq ON doc_updates (doc, seq);
      CREATE TABLE doc_state (
        doc TEXT PRIMARY KEY,
        state BYTEA NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE assets (
        key TEXT PRIMARY KEY,
        content_type TEXT NOT NULL,
        data BYTEA NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
]

/** Options of a pool the store opens itself. */
export type PostgresDocumentStoreOptions = PostgresPoolOptions

/** `DocumentStore` over PostgreSQL. */
export class PostgresDocumentStore implements DocumentStore {
  /** The connection pool. */
  readonly pool: pg.Pool
  private readonly releasePool: () => Promise<void>
  private closed = false
  private readonly inFlight = new Set<Promise<unknown>>()

  /** Uses a shared pool (not ended here) or connects lazily to a postgres:// URL. */
  constructor(source: PostgresSource, options: PostgresDocumentStoreOptions = {}) {
    const use = poolHandleOf(source, options)
    this.pool = use.pool
    this.releasePool = use.release
  }

  async init(): Promise<void> {
    await this.track(runPostgresMigrations(this.pool, 'documents', documentStoreMigrations))
  }

  async load(docName: string): Promise<Uint8Array | null> {
    // One statement sees one snapshot, so a compaction committing meanwhile is seen whole or not at all.
    const result = await this.track(
      this.pool.query<{ data: Buffer }>(
        `SELECT data FROM (
           SELECT 0::bigint AS seq, state AS data FROM doc_state WHERE doc = $1
           UNION ALL SELECT seq, data FROM doc_updates WHERE doc = $1
         ) parts ORDER BY seq`,
        [docName],
      ),
    )
    if (result.rows.length === 0) return null
    return mergeStoredUpdates(result.rows.map((row) => bytes(row.data)))
  }

  async append(docName: string, update: Uint8Array): Promise<void> {
    this.assertOpen()
    await this.track(
      this.pool.query('INSERT INTO doc_updates (doc, data) VALUES ($1, $2)', [docName, Buffer.from(update)]),
    )
  }

  async pendingUpdates(docName: string): Promise<number> {
    const result = await this.track(
      this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = $1', [docName]),
    )
    return Number(result.rows[0]?.n ?? 0)
  }

  async compact(docName: string): Promise<void> {
    this.assertOpen()
    await this.track(
      this.inDocTransaction(docName, async (client) => {
        // Sequence numbers are handed out before commit, so a later-committing append can
        // carry a smaller seq than one already read: delete exactly the rows merged.
        const rows = await client.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM doc_updates WHERE doc = $1 ORDER BY seq',
          [docName],
        )
        if (rows.rows.length === 0) return
        const state = await client.query<{ state: Buffer }>('SELECT state FROM doc_state WHERE doc = $1', [
          docName,
        ])
        const parts = state.rows[0] ? [bytes(state.rows[0].state)] : []
        for (const row of rows.rows) parts.push(bytes(row.data))
        const merged = compactUpdates(parts)
        await client.query(
          `INSERT INTO doc_state (doc, state, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (doc) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
          [docName, Buffer.from(merged)],
        )
        await client.query('DELETE FROM doc_updates WHERE doc = $1 AND seq = ANY($2::bigint[])', [
          docName,
          rows.rows.map((row) => row.seq),
        ])
      }),
    )
  }

  async compactedAt(docName: string): Promise<number | null> {
    const result = await this.track(
      this.pool.query<{ at: Date }>('SELECT updated_at AS at FROM doc_state WHERE doc = $1', [docName]),
    )
    const row = result.rows[0]
    return row ? row.at.getTime() : null
  }

  async delete(docName: string): Promise<void> {
    await this.track(
      this.inDocTransaction(docName, async (client) => {
        await client.query('DELETE FROM doc_updates WHERE doc = $1', [docName])
        await client.query('DELETE FROM doc_state WHERE doc = $1', [docName])
      }),
    )
  }

  async list(prefix: string): Promise<string[]> {
    // left() instead of LIKE: `_` in document names would act as a wildcard.
    const result = await this.track(
      this.pool.query<{ doc: string }>(
        `SELECT doc FROM (
           SELECT doc FROM doc_state WHERE left(doc, $2) = $1
           UNION SELECT doc FROM doc_updates WHERE left(doc, $2) = $1
         ) docs ORDER BY doc COLLATE "C"`,
        [prefix, prefix.length],
      ),
    )
    return result.rows.map((row) => row.doc)
  }

  async putAsset(key: string, asset: StoredAsset): Promise<void> {
    this.assertOpen()
    await this.track(
      this.pool.query(
        `INSERT INTO assets (key, content_type, data) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET content_type = excluded.content_type, data = excluded.data`,
        [key, asset.contentType, Buffer.from(asset.data)],
      ),
    )
  }

  async getAsset(key: string): Promise<StoredAsset | null> {
    const result = await this.track(
      this.pool.query<{ content_type: string; data: Buffer }>(
        'SELECT content_type, data FROM assets WHERE key = $1',
        [key],
      ),
    )
    const row = result.rows[0]
    return row ? { contentType: row.content_type, data: bytes(row.data) } : null
  }

  async deleteAssets(prefix: string): Promise<void> {
    await this.track(this.pool.query('DELETE FROM assets WHERE left(key, $2) = $1', [prefix, prefix.length]))
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false
    try {
      await this.pool.query('SELECT 1')
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.allSettled([...this.inFlight])
    await this.releasePool()
  }

  /** Runs `work` in a transaction holding the document's advisory lock (compaction, delete). */
  private async inDocTransaction(
    docName: string,
    work: (client: pg.PoolClient) => Promise<void>,
  ): Promise<void> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [docName])
      await work(client)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise)
    const done = () => this.inFlight.delete(promise)
    promise.then(done, done)
    return promise
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError()
  }
}

/** A plain Uint8Array view of a Buffer returned by the driver. */
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
