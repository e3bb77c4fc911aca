import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findPostgresBinaries, startPostgres, type TestPostgres } from '../testing/postgres'
import { PostgresSnapshotStore } from './PostgresSnapshotStore'
import { describeSnapshotStoreContract, sampleSnapshot } from './snapshotStoreContract'

const binaries = findPostgresBinaries()

describe.skipIf(!binaries)('PostgresSnapshotStore', () => {
  let server: TestPostgres
  let n = 0
  beforeAll(async () => {
    server = await startPostgres()
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })

  // A fresh database per test, so every contract test starts from an empty store.
  describeSnapshotStoreContract(
    'PostgreSQL',
    async () => new PostgresSnapshotStore(await server.createDatabase(`snap_${++n}`)),
  )

  it('refuses an UPDATE even from outside the store', async () => {
    const url = await server.createDatabase(`snap_${++n}`)
    const pool = new pg.Pool({ connectionString: url, max: 2 })
    const store = new PostgresSnapshotStore(pool)
    try {
      await store.init()
      const s = sampleSnapshot('w1')
      await store.insert(s)
      await expect(pool.query(`UPDATE snapshots SET reason = 'lock' WHERE id = $1`, [s.id])).rejects.toThrow(
        /immutable/,
      )
      expect((await store.get(s.id))?.reason).toBe('manual')
    } finally {
      await store.close()
      await pool.end()
    }
  })
})
