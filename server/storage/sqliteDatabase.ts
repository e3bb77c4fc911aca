/**
 * Opening the SQLite file. The composition root (`server/services.ts`) opens `plenum.db` once
 * and hands the one handle to every store; it owns the handle and closes it last. A store
 * given a path instead (tests) opens a handle of its own and closes it itself.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'

/** A better-sqlite3 database handle. */
export type SqliteDatabase = Database.Database

/** A file path (the store opens and owns its handle) or a handle someone else owns. */
export type SqliteSource = string | SqliteDatabase

/**
 * Opens the database at `file` (or `:memory:`), creating its folder. The caller owns the
 * handle and closes it with `closeSqliteDatabase`.
 *
 * Pragmas: WAL lets readers (backups, exports) run while the server writes;
 * `synchronous=NORMAL` in WAL mode keeps every committed transaction across a process crash
 * (kill -9, OOM) and may lose only the last transactions on a power cut or kernel panic,
 * which is the trade-off of a laptop serving a workshop; `busy_timeout` covers a second
 * process (e.g. `sqlite3 .backup`) briefly holding the lock. `secure_delete` overwrites deleted
 * rows and freed pages with zeros, so a deleted workshop leaves no readable bytes in the file
 * once the WAL is checkpointed (`eraseDeleted`).
 */
export function openSqliteDatabase(file: string): SqliteDatabase {
  const memory = file === ':memory:'
  const path = memory ? file : resolve(file)
  if (!memory) mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  db.pragma('secure_delete = ON')
  return db
}

/**
 * Makes deleted rows unreadable on disk: with `secure_delete` the current pages hold zeros where
 * they were, but older versions of those pages still sit in the WAL; a truncating checkpoint
 * copies the current pages into `plenum.db` and empties the WAL file.
 */
export function eraseDeleted(db: SqliteDatabase): void {
  if (db.open && db.name !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)')
}

/** A store's handle: opened from a path (owned, closed by `release`) or borrowed. */
export function sqliteHandleOf(source: SqliteSource): { db: SqliteDatabase; release(): void } {
  if (typeof source !== 'string') return { db: source, release: () => {} }
  const db = openSqliteDatabase(source)
  return { db, release: () => closeSqliteDatabase(db) }
}

/**
 * Checkpoints the WAL into the main file and closes the handle, so after a clean stop
 * `plenum.db` alone holds every committed transaction.
 */
export function closeSqliteDatabase(db: SqliteDatabase): void {
  if (!db.open) return
  try {
    if (db.name !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

/** Base of a store whose tables live in SQLite: holds its handle, shared or its own. */
export abstract class SqliteTables {
  /** The handle the store's statements run on. */
  protected readonly db: SqliteDatabase
  private readonly releaseDb: () => void

  /** Opens the database at a path (`:memory:` for tests) and owns it, or uses an open handle. */
  constructor(source: SqliteSource) {
    const handle = sqliteHandleOf(source)
    this.db = handle.db
    this.releaseDb = handle.release
  }

  /** Closes the handle when the store opened it itself. */
  async close(): Promise<void> {
    this.releaseDb()
  }
}
