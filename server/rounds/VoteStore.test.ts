import { SqliteVoteStore } from './VoteStore'
import { describeVoteStoreContract } from './voteStoreContract'

describeVoteStoreContract('SQLite', () => new SqliteVoteStore(':memory:'))
