/**
 * Per-connection rate limit of awareness (presence). A client may send as often as it likes;
 * what it sends is relayed at most `hz` times a second: the first frame at once, later ones
 * within the interval merged into one pending batch (the newest entry per awareness client,
 * so a removal is never lost) and relayed when the interval is over. Peers see the latest
 * cursor, only less often. A connection that keeps sending far more than any client does
 * (`maxPerSecond`, for `strikes` seconds in a row) is reported as an abuser, to be closed.
 */
import type { AwarenessEntry } from './messages'

/** Limits of the awareness throttle. */
export interface AwarenessLimits {
  /** Most awareness relays per connection per second. */
  hz: number
  /** Frames per second above which a second counts as a strike. */
  maxPerSecond: number
  /** Consecutive strikes after which the connection is closed. */
  strikes: number
}

/** The throttle of one connection. */
export class AwarenessThrottle {
  private pending = new Map<number, AwarenessEntry>()
  /** The frame `pending` came from, when it holds one frame's entries and nothing else. */
  private pendingFrame: Uint8Array | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastRelayAt = Number.NEGATIVE_INFINITY
  private windowStart = 0
  private inWindow = 0
  private strikeCount = 0

  constructor(
    private readonly limits: AwarenessLimits,
    /**
     * Relays a batch of entries (applies them to the room's awareness); `frame` is the frame
     * they arrived in when the batch is exactly that frame's entries, else null.
     */
    private readonly relay: (entries: AwarenessEntry[], frame: Uint8Array | null) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * Takes one frame's entries; relays them now or later. Returns false when the connection
   * has been flooding for too long and should be closed.
   */
  offer(entries: AwarenessEntry[], frame: Uint8Array | null = null): boolean {
    const t = this.clock()
    if (t - this.windowStart >= 1000) {
      // A whole quiet second (or more) in between also clears the strikes.
      const overBy = this.inWindow > this.limits.maxPerSecond
      this.strikeCount = overBy && t - this.windowStart < 2000 ? this.strikeCount + 1 : overBy ? 1 : 0
      this.windowStart = t
      this.inWindow = 0
    }
    this.inWindow++
    if (this.inWindow > this.limits.maxPerSecond && this.strikeCount + 1 >= this.limits.strikes) {
      this.cancel()
      return false
    }
    const alone = this.pending.size === 0
    for (const e of entries) {
      const held = this.pending.get(e.clientID)
      if (!held || e.clock >= held.clock) this.pending.set(e.clientID, e)
    }
    this.pendingFrame = alone && this.pending.size === entries.length ? frame : null
    const wait = this.lastRelayAt + 1000 / this.limits.hz - t
    if (wait <= 0) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), wait)
    return true
  }

  /** Drops what is pending (the connection left) and stops the timer. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending.clear()
    this.pendingFrame = null
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.size === 0) return
    const batch = [...this.pending.values()]
    const frame = this.pendingFrame
    this.pending.clear()
    this.pendingFrame = null
    this.lastRelayAt = this.clock()
    this.relay(batch, frame)
  }
}
