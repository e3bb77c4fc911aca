import { SqliteSeriesStore } from './SqliteSeriesStore'
import { describeSeriesStoreContract } from './seriesStoreContract'

describeSeriesStoreContract('SQLite', () => new SqliteSeriesStore(':memory:'))
