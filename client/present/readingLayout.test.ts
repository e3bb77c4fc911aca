import { describe, expect, it } from 'vitest'
import { layoutReading, linesOf, type ReadingQuestion } from './readingLayout'

const question = (id: string, notes: number, text = 'Borgerne skal inddrages tidligt'): ReadingQuestion => ({
  id,
  title: `Spørgsmål ${id}`,
  cards: Array.from({ length: notes }, (_, i) => ({ id: `${id}-${i}`, text: `${text} ${i}` })),
})

describe('linesOf', () => {
  it('wraps at word boundaries and breaks words longer than a line', () => {
    // 10 characters a line at 10 px with a 0.58 em glyph width needs 58 px.
    expect(linesOf('kort', 58, 10)).toBe(1)
    expect(linesOf('abcde fghij', 58, 10)).toBe(2)
    expect(linesOf('a'.repeat(25), 58, 10)).toBe(3)
    expect(linesOf('en\nto', 580, 10)).toBe(2)
  })
})

describe('layoutReading', () => {
  it('shows a four-question poster at 720p with note text of at least 24 px, every note shown', () => {
    const layout = layoutReading(
      [1, 2, 3, 4].map((n) => question(String(n), 3)),
      1248,
      660,
    )
    expect(layout.fontPx).toBeGreaterThanOrEqual(24)
    expect(layout.blocks.map((b) => b.shown)).toEqual([3, 3, 3, 3])
  })

  it('uses larger text when there is room', () => {
    const few = layoutReading([question('1', 2)], 1888, 1000)
    const many = layoutReading(
      [1, 2, 3, 4].map((n) => question(String(n), 8)),
      1888,
      1000,
    )
    expect(few.fontPx).toBeGreaterThan(many.fontPx)
    expect(few.fontPx).toBeLessThanOrEqual(64)
  })

  it('never goes below the minimum: notes that do not fit are counted, not shrunk', () => {
    const layout = layoutReading(
      [1, 2, 3, 4].map((n) => question(String(n), 40)),
      1248,
      660,
    )
    expect(layout.fontPx).toBe(24)
    const shown = layout.blocks.reduce((s, b) => s + b.shown, 0)
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(160)
  })

  it('lays one question with many notes out in several card columns', () => {
    const layout = layoutReading([question('1', 12)], 1248, 660)
    expect(layout.blocks[0].cardColumns).toBeGreaterThan(1)
    expect(layout.blocks[0].shown).toBe(12)
  })
})
