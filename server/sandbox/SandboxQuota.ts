/**
 * Quotas of the anonymous sandbox posters (`/p/s-…`, no token) and the images uploaded without
 * a key: anyone who reaches the server may use them, so what one address and everyone together
 * may store is bounded, and a refusal says which bound was reached.
 *
 * - sandbox posters: `perAddress` new ones per address per day, `total` on the server (the
 *   posters already stored count from the start); a poster already known opens as before.
 * - bytes per sandbox poster: enforced by the room (`MAX_SANDBOX_BYTES`), not here.
 * - images without a key: `assetBytesPerAddress` per address per day and `assetBytesTotal`
 *   per day on the server.
 */
import { addressGroup } from '../api/JoinGuard'

/** The sandbox quotas. */
export interface SandboxLimits {
  perAddress: number
  total: number
  assetBytesPerAddress: number
  assetBytesTotal: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Sums of amounts per key over the last day. */
class DayWindow {
  private readonly entries = new Map<string, Array<[number, number]>>()
  constructor(private readonly now: () => number) {}

  sum(key: string): number {
    const since = this.now() - DAY_MS
    const list = (this.entries.get(key) ?? []).filter(([t]) => t > since)
    if (list.length === 0) this.entries.delete(key)
    else this.entries.set(key, list)
    return list.reduce((n, [, amount]) => n + amount, 0)
  }

  add(key: string, amount: number): void {
    const list = this.entries.get(key) ?? []
    list.push([this.now(), amount])
    this.entries.set(key, list)
    if (this.entries.size > 50_000) for (const k of [...this.entries.keys()]) this.sum(k)
  }
}

/** Thrown when a quota is reached; the message says which. */
export class QuotaError extends Error {
  override name = 'QuotaError'
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/** Admits new sandbox posters and anonymous images, or refuses them with a reason. */
export class SandboxQuota {
  private known: Promise<Set<string>> | null = null
  private readonly created: DayWindow
  private readonly assets: DayWindow

  constructor(
    private readonly limits: SandboxLimits,
    /** Names of the sandbox posters already stored (read once). */
    private readonly stored: () => Promise<string[]>,
    now: () => number = Date.now,
  ) {
    this.created = new DayWindow(now)
    this.assets = new DayWindow(now)
  }

  /** Admits opening sandbox poster `docName` from `address`; throws `QuotaError` when refused. */
  async admitPoster(address: string, docName: string): Promise<void> {
    this.known ??= this.stored().then((names) => new Set(names))
    const known = await this.known
    if (known.has(docName)) return
    if (known.size >= this.limits.total) {
      throw new QuotaError(
        `this server keeps at most ${this.limits.total} free posters, and they are all in use`,
      )
    }
    const group = addressGroup(address)
    if (this.created.sum(group) >= this.limits.perAddress) {
      throw new QuotaError(`at most ${this.limits.perAddress} new free posters a day from one address`)
    }
    this.created.add(group, 1)
    known.add(docName)
  }

  /** Admits an image of `bytes` uploaded without a key from `address`; throws `QuotaError` when refused. */
  admitAsset(address: string, bytes: number): void {
    const group = addressGroup(address)
    if (this.assets.sum(group) + bytes > this.limits.assetBytesPerAddress) {
      throw new QuotaError(
        `images without a workshop key are limited to ${mb(this.limits.assetBytesPerAddress)} a day from one address`,
      )
    }
    if (this.assets.sum('') + bytes > this.limits.assetBytesTotal) {
      throw new QuotaError(
        `images without a workshop key are limited to ${mb(this.limits.assetBytesTotal)} a day`,
      )
    }
    this.assets.add(group, bytes)
    this.assets.add('', bytes)
  }

  /** Forgets a deleted sandbox poster. */
  async forget(docName: string): Promise<void> {
    ;(await this.known)?.delete(docName)
  }
}
