/**
 * Limits wrong join codes per client address. Join codes are short enough to type, so without
 * a limit someone could walk the code space; a person who mistypes a few times is not slowed.
 */

/** Sliding-window count of failed join attempts per address. */
export class JoinRateLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    /** Wrong codes allowed per address within the window. */
    private readonly maxAttempts: number,
    /** Window length in milliseconds. */
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this address may try again, or 0 when it may try now. */
  retryAfterMs(address: string): number {
    const recent = this.recent(address)
    if (recent.length < this.maxAttempts) return 0
    return Math.max(1, recent[recent.length - this.maxAttempts] + this.windowMs - this.now())
  }

  /** Counts one wrong code from this address. */
  recordFailure(address: string): void {
    const recent = this.recent(address)
    recent.push(this.now())
    this.failures.set(address, recent)
    if (this.failures.size > 10_000) this.prune()
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs
    return (this.failures.get(address) ?? []).filter((t) => t > since)
  }

  private prune(): void {
    for (const address of [...this.failures.keys()]) {
      const recent = this.recent(address)
      if (recent.length === 0) this.failures.delete(address)
      else this.failures.set(address, recent)
    }
  }
}
