/**
 * Limits guessing of join codes without locking a venue out. Codes are short enough to type,
 * so wrong codes are counted in a sliding window, three ways:
 *
 * - per address and code prefix (the first two characters typed): past `perPrefix` failures,
 *   that address may not try codes with that prefix. People behind one venue NAT mistyping
 *   their own tables' codes do not block a neighbour whose code starts differently.
 * - per address: past `perAddress` failures (far above what a room of phones mistypes), that
 *   address may not try any code.
 * - in total: past `global` failures, addresses that failed recently may not try any code;
 *   an address without failures is still heard, so people arriving keep joining while an
 *   attack from many addresses is slowed to one guess per address per window.
 *
 * A refused attempt is not checked at all, so a guess while refused teaches nothing.
 * IPv6 addresses count per /64, the block one household or phone is given.
 */
import { normaliseJoinCode } from '../domain/secrets'

/** Budgets of wrong codes within one window. */
export interface JoinLimits {
  perPrefix: number
  perAddress: number
  global: number
  windowMs: number
}

/** The budgets derived from `MAX_JOIN_ATTEMPTS` and `JOIN_WINDOW_MS`. */
export function joinLimits(maxJoinAttempts: number, windowMs: number): JoinLimits {
  return {
    perPrefix: maxJoinAttempts,
    perAddress: 5 * maxJoinAttempts,
    global: 50 * maxJoinAttempts,
    windowMs,
  }
}

/** The part of an address that counts as one sender: IPv4 as is, IPv6 by its /64. */
export function addressGroup(address: string): string {
  if (!address.includes(':')) return address
  const [head, tail = ''] = address.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left
  return `${groups.slice(0, 4).join(':')}::/64`
}

class Window {
  private readonly times = new Map<string, number[]>()
  constructor(
    private readonly ms: number,
    private readonly now: () => number,
  ) {}

  count(key: string): number {
    const since = this.now() - this.ms
    const list = (this.times.get(key) ?? []).filter((t) => t > since)
    if (list.length === 0) this.times.delete(key)
    else this.times.set(key, list)
    return list.length
  }

  /** Milliseconds until `key` has fewer than `limit` entries. */
  waitBelow(key: string, limit: number): number {
    const n = this.count(key)
    if (n < limit) return 0
    const list = this.times.get(key) as number[]
    return Math.max(1, list[n - limit] + this.ms - this.now())
  }

  add(key: string): void {
    const list = this.times.get(key) ?? []
    list.push(this.now())
    this.times.set(key, list)
    if (this.times.size > 50_000) for (const k of [...this.times.keys()]) this.count(k)
  }
}

/** Counts wrong join codes and says when an attempt must wait. */
export class JoinGuard {
  private readonly prefixes: Window
  private readonly addresses: Window
  private readonly all: Window

  constructor(
    private readonly limits: JoinLimits,
    now: () => number = Date.now,
  ) {
    this.prefixes = new Window(limits.windowMs, now)
    this.addresses = new Window(limits.windowMs, now)
    this.all = new Window(limits.windowMs, now)
  }

  /** Milliseconds until `address` may try `code`, or 0 when it may try now. */
  retryAfterMs(address: string, code: string): number {
    const group = addressGroup(address)
    const own = Math.max(
      this.prefixes.waitBelow(`${group} ${prefixOf(code)}`, this.limits.perPrefix),
      this.addresses.waitBelow(group, this.limits.perAddress),
    )
    if (own > 0) return own
    if (this.addresses.count(group) === 0) return 0
    return this.all.waitBelow('', this.limits.global)
  }

  /** Counts one wrong code from `address`. */
  recordFailure(address: string, code: string): void {
    const group = addressGroup(address)
    this.prefixes.add(`${group} ${prefixOf(code)}`)
    this.addresses.add(group)
    this.all.add('')
  }
}

function prefixOf(code: string): string {
  return normaliseJoinCode(code).slice(0, 2)
}
