/**
 * `npm run backup -- <file>`: a consistent copy of the SQLite database while the server runs,
 * through SQLite's online backup API (pages are copied in steps, so the server keeps writing
 * meanwhile). Reads DATA_DIR like the server does. With DATABASE_URL set, use pg_dump instead.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { readConfig } from '../server/config'
import { SQLITE_FILE_NAME } from '../server/storage/SqliteDocumentStore'

const target = process.argv[2]
const config = readConfig()
if (!target) {
  process.stderr.write('usage: npm run backup -- <file>\n')
  process.exit(2)
}
if (config.databaseUrl) {
  process.stderr.write('DATABASE_URL is set: back up PostgreSQL with pg_dump (docs/OPERATIONS.md)\n')
  process.exit(2)
}
const source = join(config.dataDir, SQLITE_FILE_NAME)
if (!existsSync(source)) {
  process.stderr.write(`no database at ${resolve(source)} (DATA_DIR=${config.dataDir})\n`)
  process.exit(1)
}
const db = new Database(source, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')
try {
  const result = await db.backup(resolve(target))
  const copy = new Database(resolve(target), { readonly: true })
  const check = copy.pragma('integrity_check', { simple: true })
  copy.close()
  process.stdout.write(
    `backed up ${result.totalPages} pages of ${resolve(source)} to ${resolve(target)} (integrity: ${check})\n`,
  )
  if (check !== 'ok') process.exit(1)
} finally {
  db.close()
}
