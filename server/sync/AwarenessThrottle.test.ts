import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AwarenessThrottle } from './AwarenessThrottle'
import type { AwarenessEntry } from './messages'

const entry = (clientID: number, clock: number, x: number | null): AwarenessEntry => ({
  clientID,
  clock,
  state: x === null ? null : { cursor: { x } },
})

describe('AwarenessThrottle', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('relays the first frame at once and merges a burst into the latest state per client', () => {
    const relayed: AwarenessEntry[][] = []
    const t = new AwarenessThrottle(
      { hz: 10, maxPerSecond: 1000, strikes: 3 },
      (b) => relayed.push(b),
      () => Date.now(),
    )
    expect(t.offer([entry(1, 1, 0)])).toBe(true)
    expect(relayed).toHaveLength(1)
    for (let i = 2; i <= 50; i++) t.offer([entry(1, i, i), entry(2, i, i)])
    t.offer([entry(2, 51, null)])
    expect(relayed).toHaveLength(1)
    vi.advanceTimersByTime(100)
    expect(relayed).toHaveLength(2)
    expect(relayed[1]).toEqual([entry(1, 50, 50), entry(2, 51, null)])
    vi.advanceTimersByTime(1000)
    expect(relayed).toHaveLength(2)
  })

  it('reports a connection that floods for three seconds in a row, not one that bursts once', () => {
    const t = new AwarenessThrottle(
      { hz: 20, maxPerSecond: 100, strikes: 3 },
      () => {},
      () => Date.now(),
    )
    const second = (frames: number) => {
      let ok = true
      for (let i = 0; i < frames; i++) {
        ok &&= t.offer([entry(1, Date.now() + i, i)])
        vi.advanceTimersByTime(1000 / frames)
      }
      return ok
    }
    expect(second(500)).toBe(true)
    expect(second(50)).toBe(true)
    expect(second(500)).toBe(true)
    expect(second(500)).toBe(true)
    expect(second(500)).toBe(false)
  })
})
