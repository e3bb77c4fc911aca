/**
 * Deletes workshops whose retention period has passed (RETENTION_DAYS after their date, see
 * `shared/retention.ts`): at start and then every hour. Deleting goes through the workshop
 * service like an organizer's delete, so documents, images, votes and snapshots go too and
 * the data is erased on disk. With several instances each sweeps; a workshop another one
 * deleted first is simply gone.
 */
import { dueBefore } from '../../shared/retention'
import type { Logger } from '../sync/types'
import { NotFoundError } from './DomainError'
import type { WorkshopService } from './WorkshopService'

const HOUR_MS = 60 * 60 * 1000

/** The periodic retention sweep. */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<string[]> | null = null

  constructor(
    private readonly workshops: WorkshopService,
    private readonly retentionDays: number,
    private readonly logger: Logger,
  ) {}

  /** Sweeps now and every hour until `stop()`. */
  start(): void {
    const run = () =>
      void this.sweep().catch((err) => this.logger.error('retention sweep failed', { error: String(err) }))
    run()
    this.timer = setInterval(run, HOUR_MS)
    this.timer.unref()
  }

  /** Deletes every workshop due on `now`; resolves with their ids. */
  sweep(now = new Date()): Promise<string[]> {
    this.running ??= this.deleteDue(now).finally(() => {
      this.running = null
    })
    return this.running
  }

  /** Stops sweeping and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running?.catch(() => {})
  }

  private async deleteDue(now: Date): Promise<string[]> {
    const due = await this.workshops.store.workshopsDatedBefore(dueBefore(now, this.retentionDays))
    const deleted: string[] = []
    for (const id of due) {
      try {
        await this.workshops.delete(id)
        deleted.push(id)
        this.logger.info('workshop deleted: retention period passed', { workshopId: id })
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err
      }
    }
    return deleted
  }
}
