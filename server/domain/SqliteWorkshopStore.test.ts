import { SqliteWorkshopStore } from './SqliteWorkshopStore'
import { describeWorkshopStoreContract } from './workshopStoreContract'

describeWorkshopStoreContract('SQLite', () => new SqliteWorkshopStore(':memory:'))
