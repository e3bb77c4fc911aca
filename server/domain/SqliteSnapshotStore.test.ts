import { SqliteSnapshotStore } from './SqliteSnapshotStore'
import { describeSnapshotStoreContract } from './snapshotStoreContract'

describeSnapshotStoreContract('SQLite', () => new SqliteSnapshotStore(':memory:'))
