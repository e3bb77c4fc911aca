import { describe, expect, it } from 'vitest'
import type { JsonRecord } from './docLayout'
import { POSTER_PAGE_ID, validatePosterRecord } from './posterSchema'
import { frameAt, freeSpot, notesOutOfLockedFrames, overlap } from './questionFrames'
import { frameRecord, noteRecord } from './testing/posterFixtures'

describe('frameAt', () => {
  const outer = { id: 'outer', bounds: { x: 0, y: 0, w: 1000, h: 1000 } }
  const inner = { id: 'inner', bounds: { x: 100, y: 100, w: 300, h: 300 } }
  it('picks the smallest frame under the centre', () => {
    expect(frameAt([outer, inner], { x: 150, y: 150, w: 100, h: 100 })?.id).toBe('inner')
    expect(frameAt([outer, inner], { x: 600, y: 600, w: 100, h: 100 })?.id).toBe('outer')
    expect(frameAt([outer, inner], { x: 1100, y: 0, w: 100, h: 100 })).toBeNull()
  })
})

describe('freeSpot', () => {
  it('finds a spot clear of every taken rectangle', () => {
    const taken = [
      { x: 20, y: 20, w: 200, h: 200 },
      { x: 240, y: 20, w: 200, h: 260 },
    ]
    const spot = freeSpot({ w: 700, h: 700 }, taken)
    for (const t of taken) expect(overlap({ ...spot, w: 200, h: 200 }, t)).toBe(false)
  })
})

describe('notesOutOfLockedFrames', () => {
  it('moves notes of a locked frame onto the page at the same place, above the frames', () => {
    const frame = { ...frameRecord({ id: 'shape:q1', name: '1. Hvem?', w: 800, h: 600, x: 1000, y: 500 }) }
    frame.isLocked = true
    frame.index = 'a5'
    const inside = noteRecord({
      id: 'shape:n1',
      text: 'fast',
      parentId: 'shape:q1',
      x: 40,
      y: 60,
      index: 'a1',
    })
    const free = noteRecord({ id: 'shape:n2', text: 'fri', x: 10, y: 10, index: 'a2' })
    const records = new Map<string, JsonRecord>([frame, inside, free].map((r) => [r.id, r]))
    const moved = notesOutOfLockedFrames(records)
    expect(moved).toHaveLength(1)
    expect(moved[0]).toMatchObject({ id: 'shape:n1', parentId: POSTER_PAGE_ID, x: 1040, y: 560 })
    expect(String(moved[0].index) > 'a5').toBe(true)
    expect(validatePosterRecord(moved[0])).toBeNull()
    // Unlocked frames are the group's own: their notes stay where tldraw put them.
    frame.isLocked = false
    expect(notesOutOfLockedFrames(records)).toEqual([])
  })
})
