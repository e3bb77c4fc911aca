import pg from 'pg'
import { expect, it } from 'vitest'
import { describeWithPostgres } from '../testing/postgresSuite'
import { PostgresSnapshotStore } from './PostgresSnapshotStore'
import { describeSnapshotStoreContract, sampleSnapshot } from './snapshotStoreContract'

describeWithPostgres('PostgresSnapshotStore', (freshDatabase) => {
  describeSnapshotStoreContract(
    'PostgreSQL',
    async () => new PostgresSnapshotStore(await freshDatabase('snap')),
  )

  it('refuses an UPDATE even from outside the store', async () => {
    const url = await freshDatabase('snap')
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
