/**
 * Versioned schema migrations for PostgreSQL. Each component (document store, domain
 * tables) keeps its own numbered list; applied versions are recorded in
 * `plenum_schema_versions`, so a server start applies exactly what is missing.
 */
import type { Pool } from 'pg'

/** One schema step; `version` numbers start at 1 and never change once released. */
export interface PostgresMigration {
  /** Position in the component's history. */
  version: number
  /** SQL run inside the migration's transaction. */
  sql: string
}

// Any fixed number works; it only has to be the same for every instance.
const MIGRATION_LOCK_KEY = 7_261_001

/**
 * Applies the missing migrations of `component` in order, each in its own transaction.
 * A session advisory lock serialises instances that start at the same moment.
 */
export async function runPostgresMigrations(
  pool: Pool,
  component: string,
  migrations: readonly PostgresMigration[],
): Promise<number[]> {
  const client = await pool.connect()
  const applied: number[] = []
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS plenum_schema_versions (
        component TEXT NOT NULL,
        version INTEGER NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version)
      )`)
      const done = await client.query<{ version: number }>(
        'SELECT version FROM plenum_schema_versions WHERE component = $1',
        [component],
      )
      const have = new Set(done.rows.map((row) => row.version))
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (have.has(migration.version)) continue
        await client.query('BEGIN')
        try {
          await client.query(migration.sql)
          await client.query('INSERT INTO plenum_schema_versions (component, version) VALUES ($1, $2)', [
            component,
            migration.version,
          ])
          await client.query('COMMIT')
          applied.push(migration.version)
        } catch (error) {
          await client.query('ROLLBACK')
          throw new MigrationError(component, migration.version, error)
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
    }
  } finally {
    client.release()
  }
  return applied
}

/** A migration failed; the database stays at the previous version. */
export class MigrationError extends Error {
  override name = 'MigrationError'
  constructor(
    readonly component: string,
    readonly version: number,
    cause: unknown,
  ) {
    super(
      `migration ${component} v${version} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    )
  }
}
