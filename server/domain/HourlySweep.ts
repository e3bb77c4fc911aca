/**
 * A clean-up that runs at start and then every hour (retention, idle sandboxes): one sweep at a
 * time, a failed sweep logged and tried again the next hour, and `stop()` waits for the one in
 * progress. A subclass says what one sweep does at a given time; tests call `sweep(at)`.
 */
import type { Logger } from '../sync/types'

const HOUR_MS = 60 * 60 * 1000

/** The periodic part of a sweep; `At` is the time type the sweep reads (a Date, ms). */
export abstract class HourlySweep<At> {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<string[]> | null = null

  constructor(
    protected readonly logger: Logger,
    /** Named in the log line of a failed sweep. */
    private readonly what: string,
  ) {}

  /** The current time, as the sweep reads it. */
  protected abstract now(): At

  /** One sweep at `at`; resolves with what it deleted. */
  protected abstract sweepAt(at: At): Promise<string[]>

  /** Sweeps now and every hour until `stop()`. */
  start(): void {
    const run = () =>
      void this.sweep().catch((err) => this.logger.error(`${this.what} failed`, { error: String(err) }))
    run()
    this.timer = setInterval(run, HOUR_MS)
    this.timer.unref()
  }

  /** Sweeps at `at` (default now), or joins the sweep in progress; resolves with what it deleted. */
  sweep(at: At = this.now()): Promise<string[]> {
    this.running ??= this.sweepAt(at).finally(() => {
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
}
