/**
 * The PostgreSQL connection pool of the stores. The composition root (`server/services.ts`)
 * creates one pool and hands it to every store, so a server holds one set of connections; a
 * store given a URL instead (tests) creates and ends a pool of its own.
 */
import type pg from 'pg'
import { pgModule } from '../lazyModules'

/** A connection string (the store owns its pool) or a pool someone else owns. */
export type PostgresSource = string | pg.Pool

/** Options of a pool created from a URL. */
export interface PostgresPoolOptions {
  /** Pool size (default 10). */
  max?: number
  /** Called when an idle pooled connection fails (e.g. the database restarted). */
  onError?: (error: Error) => void
}

/** Creates a pool for `url`; an idle connection dropping never crashes the process. */
export function createPostgresPool(url: string, options: PostgresPoolOptions = {}): pg.Pool {
  const pool = new (pgModule().Pool)({ connectionString: url, max: options.max ?? 10 })
  // Without a listener an idle connection error would crash the process.
  pool.on('error', (error) => options.onError?.(error))
  return pool
}

/** A store's pool: created from a URL (owned, ended by `release`) or borrowed. */
export function poolHandleOf(
  source: PostgresSource,
  options: PostgresPoolOptions = {},
): { pool: pg.Pool; release(): Promise<void> } {
  if (typeof source !== 'string') return { pool: source, release: async () => {} }
  const pool = createPostgresPool(source, options)
  return { pool, release: () => pool.end() }
}

/** Base of a store whose tables live in PostgreSQL: holds its pool, shared or its own. */
export abstract class PostgresTables {
  /** The pool the store's queries run on. */
  protected readonly pool: pg.Pool
  private readonly releasePool: () => Promise<void>

  /** Uses a shared pool (not ended here) or opens one for a connection string. */
  constructor(source: PostgresSource, options: PostgresPoolOptions = { max: 5 }) {
    const handle = poolHandleOf(source, options)
    this.pool = handle.pool
    this.releasePool = handle.release
  }

  /** Ends the pool when the store opened it itself. */
  async close(): Promise<void> {
    await this.releasePool()
  }
}
