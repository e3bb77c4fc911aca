import { describe, expect, it } from 'vitest'
import { colourName } from './colourNames'

describe('colourName', () => {
  it("names a default sticky note by the pale yellow it shows, not by tldraw's style name", () => {
    expect(colourName('black', 'note', 'da')).toBe('Lysegul')
    expect(colourName('black', 'note', 'en')).toBe('Light yellow')
    expect(colourName('black', 'text', 'da')).toBe('Sort')
  })

  it("uses the export's language", () => {
    expect(colourName('yellow', 'note', 'da')).toBe('Gul')
    expect(colourName('light-blue', 'note', 'da')).toBe('Lyseblå')
    expect(colourName('light-blue', 'note', 'en')).toBe('Light blue')
  })

  it('keeps an unknown colour as stored and leaves a missing one empty', () => {
    expect(colourName('#ff0000', 'geo', 'da')).toBe('#ff0000')
    expect(colourName(null, 'note', 'en')).toBe('')
  })
})
