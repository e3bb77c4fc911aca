/**
 * One shared better-sqlite3 handle per database file. The document store and the domain
 * tables live in the same `plenum.db`, so they share a connection: one writer per process,
 * no `SQLITE_BUSY` between our own modules, and a backup copies everything at once.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'

/** A better-sqlite3 database handle. */
export type SqliteDatabase = Database.Database

interface Entry {
  db: SqliteDatabase
  refs: number
}

const open = new Map<string, Entry>()
let memoryCount = 0

/**
 * Opens (or reuses) the database at `file`, creating its folder. Every call must be paired
 * with one `releaseSqliteDatabase`; the handle closes when the last user releases it.
 *
 * Pragmas: WAL lets readers (backups, exports) run while the server writes;
 * `synchronous=NORMAL` in WAL mode keeps every committed transaction across a process crash
 * (kill -9, OOM) and may lose only the last transactions on a power cut or kernel panic,
 * which is the trade-off of a laptop serving a workshop; `busy_timeout` covers a second
 * process (e.g. `sqlite3 .backup`) briefly holding the lock.
 */
export function openSqliteDatabase(file: string): SqliteDatabase {
  // Each in-memory database is its own, so it is never shared.
  const memory = file === ':memory:'
  const key = memory ? `:memory:#${++memoryCount}` : resolve(file)
  const existing = open.get(key)
  if (existing?.db.open) {
    existing.refs++
    return existing.db
  }
  if (!memory) mkdirSync(dirname(key), { recursive: true })
  const db = new Database(memory ? ':memory:' : key)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  open.set(key, { db, refs: 1 })
  return db
}

/** Gives back a handle obtained from `openSqliteDatabase`; closes it when nobody else uses it. */
export function releaseSqliteDatabase(db: SqliteDatabase): void {
  for (const [key, entry] of open) {
    if (entry.db !== db) continue
    entry.refs--
    if (entry.refs <= 0) {
      open.delete(key)
      if (db.open) db.close()
    }
    return
  }
  if (db.open) db.close()
}
