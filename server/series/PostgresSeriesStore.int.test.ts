import { describeWithPostgres } from '../testing/postgresSuite'
import { PostgresSeriesStore } from './PostgresSeriesStore'
import { describeSeriesStoreContract } from './seriesStoreContract'

describeWithPostgres('PostgresSeriesStore', (freshDatabase) => {
  describeSeriesStoreContract(
    'PostgreSQL',
    async () => new PostgresSeriesStore(await freshDatabase('series')),
  )
})
