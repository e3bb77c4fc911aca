/** Reconnect delays: exponential with jitter, so a restarted server is not hit by every client at once. */

/** First retry delay before jitter. */
export const BACKOFF_BASE_MS = 300
/** Longest delay before jitter. */
export const BACKOFF_MAX_MS = 10_000

/** Delay before reconnect attempt number `attempt` (0-based): 50–100 % of min(max, base·2^attempt). */
export function nextBackoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt))
  return Math.round(ceiling * (0.5 + 0.5 * random()))
}
