/**
 * A describe block with one real PostgreSQL server on loopback for all its tests, skipped when
 * the PostgreSQL binaries are missing. Tests get a fresh, empty database per call, so every
 * contract test starts from an empty store.
 */
import { afterAll, beforeAll, describe } from 'vitest'
import { findPostgresBinaries, startPostgres, type TestPostgres } from './postgres'

/** Makes a fresh database and returns its connection string. */
export type FreshDatabase = (prefix: string) => Promise<string>

/** Declares `name` with a PostgreSQL server started before and stopped after its tests. */
export function describeWithPostgres(name: string, body: (freshDatabase: FreshDatabase) => void): void {
  describe.skipIf(!findPostgresBinaries())(name, () => {
    let server: TestPostgres
    let n = 0
    beforeAll(async () => {
      server = await startPostgres()
    }, 60_000)
    afterAll(async () => {
      await server?.stop()
    })
    body((prefix) => server.createDatabase(`${prefix}_${++n}`))
  })
}
