import { describeWithPostgres } from '../testing/postgresSuite'
import { PostgresVoteStore } from './PostgresVoteStore'
import { describeVoteStoreContract } from './voteStoreContract'

describeWithPostgres('PostgresVoteStore', (freshDatabase) => {
  describeVoteStoreContract('PostgreSQL', async () => new PostgresVoteStore(await freshDatabase('votes')))
})
