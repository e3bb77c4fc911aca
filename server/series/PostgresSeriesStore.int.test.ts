import { afterAll, beforeAll, describe } from 'vitest'
import { findPostgresBinaries, startPostgres, type TestPostgres } from '../testing/postgres'
import { PostgresSeriesStore } from './PostgresSeriesStore'
import { describeSeriesStoreContract } from './seriesStoreContract'

const binaries = findPostgresBinaries()

describe.skipIf(!binaries)('PostgresSeriesStore', () => {
  let server: TestPostgres
  let n = 0
  beforeAll(async () => {
    server = await startPostgres()
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })

  // A fresh database per test, so every contract test starts from an empty store.
  describeSeriesStoreContract(
    'PostgreSQL',
    async () => new PostgresSeriesStore(await server.createDatabase(`series_${++n}`)),
  )
})
