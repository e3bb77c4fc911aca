import { describeWithPostgres } from '../testing/postgresSuite'
import { PostgresWorkshopStore } from './PostgresWorkshopStore'
import { describeWorkshopStoreContract } from './workshopStoreContract'

describeWithPostgres('PostgresWorkshopStore', (freshDatabase) => {
  describeWorkshopStoreContract(
    'PostgreSQL',
    async () => new PostgresWorkshopStore(await freshDatabase('ws')),
  )
})
