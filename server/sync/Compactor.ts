/**
 * Background compaction of one document's update log: after `threshold` appends the store
 * folds the log into one state. It never blocks writes (stores compact concurrently with
 * appends); a failure is logged and retried after the next `threshold` appends.
 */
import type { DocumentStore } from '../storage/DocumentStore'
import type { Logger } from './types'

/** Counts appends and compacts when there are enough. */
export class Compactor {
  private running: Promise<void> | null = null

  constructor(
    private readonly store: DocumentStore,
    private readonly name: string,
    private readonly threshold: number,
    private readonly logger: Logger,
    /** Updates already in the log when the document was loaded. */
    private pending: number,
    /** Called after a successful compaction (to re-measure the document). */
    private readonly onCompacted: () => void = () => {},
  ) {}

  /** Records one append; starts a compaction when the log is long enough. */
  appended(): void {
    this.pending++
    if (this.running || this.pending < this.threshold) return
    this.running = (async () => {
      try {
        await this.store.compact(this.name)
        this.pending = await this.store.pendingUpdates(this.name)
        this.onCompacted()
      } catch (err) {
        this.logger.warn('compaction failed', { doc: this.name, error: String(err) })
        this.pending = 0
      } finally {
        this.running = null
      }
    })()
  }

  /** Resolves when no compaction is running. */
  async idle(): Promise<void> {
    await this.running
  }
}
