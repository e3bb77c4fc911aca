import { afterAll, beforeAll, describe } from 'vitest'
import { findPostgresBinaries, startPostgres, type TestPostgres } from '../testing/postgres'
import { PostgresWorkshopStore } from './PostgresWorkshopStore'
import { describeWorkshopStoreContract } from './workshopStoreContract'

const binaries = findPostgresBinaries()

describe.skipIf(!binaries)('PostgresWorkshopStore', () => {
  let server: TestPostgres
  let n = 0
  beforeAll(async () => {
    server = await startPostgres()
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })

  // A fresh database per test, so every contract test starts from an empty store.
  describeWorkshopStoreContract(
    'PostgreSQL',
    async () => new PostgresWorkshopStore(await server.createDatabase(`ws_${++n}`)),
  )
})
