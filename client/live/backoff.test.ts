import { describe, expect, it } from 'vitest'
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, nextBackoffMs } from './backoff'

describe('nextBackoffMs', () => {
  it('doubles per attempt up to the ceiling', () => {
    expect(nextBackoffMs(0, () => 1)).toBe(BACKOFF_BASE_MS)
    expect(nextBackoffMs(3, () => 1)).toBe(BACKOFF_BASE_MS * 8)
    expect(nextBackoffMs(30, () => 1)).toBe(BACKOFF_MAX_MS)
  })
  it('spreads clients over the upper half of the window', () => {
    expect(nextBackoffMs(2, () => 0)).toBe(BACKOFF_BASE_MS * 2)
    const samples = Array.from({ length: 50 }, () => nextBackoffMs(4))
    expect(new Set(samples).size).toBeGreaterThan(10)
    for (const s of samples) expect(s).toBeGreaterThanOrEqual(BACKOFF_BASE_MS * 8)
  })
})
