import { describe, expect, it } from 'vitest'
import { agreement } from './agreement'

describe('agreement', () => {
  it('is perfect for the same grouping under other names', () => {
    expect(agreement([1, 1, 2, 2, 3], ['a', 'a', 'b', 'b', 'c'])).toEqual({
      ari: 1,
      precision: 1,
      recall: 1,
      f1: 1,
    })
  })

  it('counts pairs put together', () => {
    // truth {0,1,2},{3}; predicted {0,1},{2,3}: 1 of 2 predicted pairs right, 1 of 3 true pairs found.
    const a = agreement([1, 1, 2, 2], ['x', 'x', 'x', 'y'])
    expect(a.precision).toBe(0.5)
    expect(a.recall).toBeCloseTo(1 / 3)
  })

  it('is about zero for a grouping that ignores the truth', () => {
    const truth = Array.from({ length: 200 }, (_, i) => i % 4)
    const predicted = Array.from({ length: 200 }, (_, i) => Math.floor(i / 50))
    expect(Math.abs(agreement(predicted, truth).ari)).toBeLessThan(0.05)
  })

  it('refuses labelings of different length', () => {
    expect(() => agreement([1], [1, 2])).toThrow()
  })
})
