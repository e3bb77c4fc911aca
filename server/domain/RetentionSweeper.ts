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
import { HourlySweep } from './HourlySweep'
import type { WorkshopService } from './WorkshopService'

/** The periodic retention sweep. */
export class RetentionSweeper extends HourlySweep<Date> {
  constructor(
    private readonly workshops: WorkshopService,
    private readonly retentionDays: number,
    logger: Logger,
  ) {
    super(logger, 'retention sweep')
  }

  protected now(): Date {
    return new Date()
  }

  protected sweepAt(now: Date): Promise<string[]> {
    return this.deleteDue(now)
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
