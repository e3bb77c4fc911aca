import { describe, expect, it } from 'vitest'
import type { JsonRecord } from '../../shared/docLayout'
import { blankPosterRecords } from '../../shared/posterSchema'
import { frameAt, noteSize, overlap } from '../../shared/questionFrames'
import { frameRecord, noteRecord } from '../../shared/testing/posterFixtures'
import { placeRevealedNotes } from './revealPlacement'

const frame = { ...frameRecord({ id: 'shape:question-1', name: '1. Hvem?', w: 1000, h: 760, x: 0, y: 0 }) }
frame.isLocked = true
const box = (r: JsonRecord) => ({ x: r.x as number, y: r.y as number, ...noteSize(r) })

describe('placeRevealedNotes', () => {
  it('moves revealed notes that would cover another into free space of the same question', () => {
    const existing = noteRecord({ id: 'shape:a', text: 'allerede der', x: 20, y: 100 })
    const poster = new Map([...blankPosterRecords(), frame, existing].map((r) => [r.id, r]))
    const phone = noteRecord({ id: 'shape:phone', text: 'fra telefonen', x: 20, y: 100 })
    const laptop = noteRecord({ id: 'shape:laptop', text: 'fra computeren', x: 40, y: 120 })
    const placed = placeRevealedNotes(poster, [phone, laptop])
    const boxes = [existing, ...placed].map(box)
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlap(a, b)).toBe(false)
    for (const b of boxes) expect(frameAt([{ bounds: { x: 0, y: 0, w: 1000, h: 760 } }], b)).not.toBeNull()
  })

  it('leaves a note alone when it covers nothing', () => {
    const poster = new Map([...blankPosterRecords(), frame].map((r) => [r.id, r]))
    const note = noteRecord({ id: 'shape:n', text: 'alene', x: 300, y: 300 })
    expect(placeRevealedNotes(poster, [note])).toEqual([note])
  })
})
