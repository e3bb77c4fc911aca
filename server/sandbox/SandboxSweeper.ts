/**
 * Deletes sandbox posters nobody has written to for a while (`SANDBOX_IDLE_HOURS`, default 24),
 * so the server-wide cap on sandboxes (`MAX_SANDBOXES`) does not fill up for good: at start and
 * then every hour.
 *
 * The clock is storage's, so it holds across restarts and across instances: a sweep first folds
 * any sandbox's pending update log into its compacted state (that sandbox was written since the
 * last sweep, so it is not idle), and a sandbox whose compacted state is older than the idle time
 * and has no update since is deleted like any document (connections closed, rows erased) and
 * forgotten by the quota. A sandbox is thus kept at least the idle time after its last write,
 * and at most an hour longer.
 */
import { DocKind, docKindPrefix } from '../../shared/docNames'
import { HourlySweep } from '../domain/HourlySweep'
import type { DocumentStore } from '../storage/DocumentStore'
import type { Logger } from '../sync/types'

const HOUR_MS = 60 * 60 * 1000

/** What the sweeper needs. */
export interface SandboxSweeperOptions {
  documents: Pick<DocumentStore, 'list' | 'pendingUpdates' | 'compact' | 'compactedAt'>
  /** Time without a write after which a sandbox is deleted. */
  idleMs: number
  /** Deletes a sandbox poster everywhere (its room, its rows, the quota's count). */
  remove(docName: string): Promise<void>
  logger: Logger
}

/** The periodic sweep of idle sandbox posters. */
export class SandboxSweeper extends HourlySweep<number> {
  constructor(private readonly options: SandboxSweeperOptions) {
    super(options.logger, 'sandbox sweep')
  }

  protected now(): number {
    return Date.now()
  }

  protected sweepAt(now: number): Promise<string[]> {
    return this.deleteIdle(now)
  }

  private async deleteIdle(now: number): Promise<string[]> {
    const { documents, idleMs, remove, logger } = this.options
    const deleted: string[] = []
    for (const docName of await documents.list(docKindPrefix(DocKind.Sandbox))) {
      if ((await documents.pendingUpdates(docName)) > 0) {
        // Written since the last sweep: its compacted state now dates from this sweep.
        await documents.compact(docName)
        continue
      }
      const at = await documents.compactedAt(docName)
      if (at === null || now - at < idleMs) continue
      await remove(docName)
      deleted.push(docName)
      logger.info('sandbox poster deleted: idle', {
        doc: docName,
        idleHours: Math.floor((now - at) / HOUR_MS),
      })
    }
    return deleted
  }
}
