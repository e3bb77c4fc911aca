import { describe, expect, it } from 'vitest'
import { wallGrid } from './wallGrid'

describe('wallGrid', () => {
  it('puts four tables in two rows of two on a 1080p wall', () => {
    expect(wallGrid(4, 1888, 900)).toEqual({ kind: 'grid', columns: 2, rows: 2 })
  })

  it('uses every row for three tables side by side when the screen is wide', () => {
    expect(wallGrid(3, 1888, 900)).toEqual({ kind: 'grid', columns: 3, rows: 1 })
  })

  it('fits thirty tables on one 1080p screen', () => {
    const grid = wallGrid(30, 1888, 900)
    expect(grid.kind).toBe('grid')
    if (grid.kind === 'grid') expect(grid.columns * grid.rows).toBeGreaterThanOrEqual(30)
  })

  it('scrolls when tiles would be too small to read anything', () => {
    expect(wallGrid(30, 390, 700)).toEqual({ kind: 'scroll' })
  })
})
