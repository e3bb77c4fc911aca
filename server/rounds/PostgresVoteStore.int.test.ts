import { afterAll, beforeAll, describe } from 'vitest'
import { findPostgresBinaries, startPostgres, type TestPostgres } from '../testing/postgres'
import { PostgresVoteStore } from './PostgresVoteStore'
import { describeVoteStoreContract } from './voteStoreContract'

const binaries = findPostgresBinaries()

describe.skipIf(!binaries)('PostgresVoteStore', () => {
  let server: TestPostgres
  let n = 0
  beforeAll(async () => {
    server = await startPostgres()
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })

  // A fresh database per test, so every contract test starts from an empty store.
  describeVoteStoreContract(
    'PostgreSQL',
    async () => new PostgresVoteStore(await server.createDatabase(`votes_${++n}`)),
  )
})
