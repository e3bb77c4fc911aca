import { describe, expect, it } from 'vitest'
import { JoinRateLimiter } from './JoinRateLimiter'

describe('JoinRateLimiter', () => {
  it('refuses an address after N failures until the window has passed', () => {
    let now = 1_000
    const limiter = new JoinRateLimiter(3, 60_000, () => now)
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('a')).toBe(0)
      limiter.recordFailure('a')
      now += 1_000
    }
    expect(limiter.retryAfterMs('a')).toBe(57_000)
    expect(limiter.retryAfterMs('b')).toBe(0)
    now += 57_000
    expect(limiter.retryAfterMs('a')).toBe(0)
  })
})
