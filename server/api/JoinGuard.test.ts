import { describe, expect, it } from 'vitest'
import { addressGroup, JoinGuard, joinLimits } from './JoinGuard'

describe('JoinGuard', () => {
  const clock = () => {
    let t = 1_000_000
    return { now: () => t, advance: (ms: number) => (t += ms) }
  }

  it('stops one address guessing one prefix, but not its neighbours with other codes', () => {
    const c = clock()
    const guard = new JoinGuard(joinLimits(20, 60_000), c.now)
    for (let i = 0; i < 20; i++) guard.recordFailure('192.0.2.1', `AB${i}XYZ`)
    expect(guard.retryAfterMs('192.0.2.1', 'ABCDEF')).toBeGreaterThan(0)
    expect(guard.retryAfterMs('192.0.2.1', 'K7Q2MX')).toBe(0)
    c.advance(60_001)
    expect(guard.retryAfterMs('192.0.2.1', 'ABCDEF')).toBe(0)
  })

  it('stops an address that guesses across prefixes past its total', () => {
    const guard = new JoinGuard(joinLimits(20, 60_000))
    const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
    for (let i = 0; i < 100; i++)
      guard.recordFailure('192.0.2.1', `${alphabet[i % 31]}${alphabet[i % 7]}QQQQ`)
    expect(guard.retryAfterMs('192.0.2.1', 'ZZZZZZ')).toBeGreaterThan(0)
    expect(guard.retryAfterMs('192.0.2.2', 'ZZZZZZ')).toBe(0)
  })

  it('past the global budget, hears only addresses without recent failures', () => {
    const guard = new JoinGuard(joinLimits(2, 60_000))
    for (let i = 0; i < 100; i++) guard.recordFailure(`198.51.100.${i}`, 'AAAAAA')
    expect(guard.retryAfterMs('198.51.100.1', 'BBBBBB')).toBeGreaterThan(0)
    expect(guard.retryAfterMs('203.0.113.5', 'BBBBBB')).toBe(0)
  })

  it('counts IPv6 per /64', () => {
    expect(addressGroup('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressGroup('192.0.2.1')).toBe('192.0.2.1')
  })
})
