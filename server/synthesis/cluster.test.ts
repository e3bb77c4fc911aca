import { describe, expect, it } from 'vitest'
import { averageLinkage } from './cluster'

function matrix(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat())
}

describe('averageLinkage', () => {
  const blocks = [
    [1, 0.9, 0.8, 0.1, 0, 0],
    [0.9, 1, 0.7, 0, 0.1, 0],
    [0.8, 0.7, 1, 0, 0, 0.05],
    [0.1, 0, 0, 1, 0.6, 0],
    [0, 0.1, 0, 0.6, 1, 0],
    [0, 0, 0.05, 0, 0, 1],
  ]

  it('finds the blocks of similar items and leaves the loner alone', () => {
    expect(averageLinkage(matrix(blocks), 6, 0.5)).toEqual([[0, 1, 2], [3, 4], [5]])
  })

  it('merges on average, not on the single most similar pair', () => {
    // 0–1 are close; 2 is close to 1 only: average similarity of {0,1} to 2 is 0.35.
    const chain = [
      [1, 0.9, 0.1],
      [0.9, 1, 0.6],
      [0.1, 0.6, 1],
    ]
    expect(averageLinkage(matrix(chain), 3, 0.5)).toEqual([[0, 1], [2]])
    expect(averageLinkage(matrix(chain), 3, 0.3)).toEqual([[0, 1, 2]])
  })

  it('keeps everything apart above the highest similarity and together below the lowest', () => {
    expect(averageLinkage(matrix(blocks), 6, 0.95)).toHaveLength(6)
    expect(averageLinkage(matrix(blocks), 6, -1)).toEqual([[0, 1, 2, 3, 4, 5]])
  })

  it('handles no items and one item', () => {
    expect(averageLinkage(new Float64Array(0), 0, 0.5)).toEqual([])
    expect(averageLinkage(matrix([[1]]), 1, 0.5)).toEqual([[0]])
  })
})
