import { describe, expect, it } from 'vitest'
import { agreement } from './agreement'
import { FIXTURE_NOTES } from './fixtures/kkm2Notes'
import { parseLexicon } from './lexicon'
import { assignments, suggestThemes } from './suggestThemes'

const ids = FIXTURE_NOTES.map((n) => n.id)
const truth = FIXTURE_NOTES.map((n) => n.theme)

describe('suggestThemes on the KKM² fixture', () => {
  const suggestion = suggestThemes(FIXTURE_NOTES)

  it('has at least 150 notes from 5 tables on 4 questions', () => {
    expect(FIXTURE_NOTES.length).toBeGreaterThanOrEqual(150)
    expect(new Set(FIXTURE_NOTES.map((n) => n.table)).size).toBe(5)
    expect(new Set(FIXTURE_NOTES.map((n) => n.question)).size).toBe(4)
  })

  it('comes close to the facilitator’s hand grouping', () => {
    const score = agreement(assignments(suggestion, ids), truth)
    // Measured 0.50 / 0.76 / 0.39 (bench/themes.ts); the floors leave room for tuning, not for regressions.
    expect(score.ari).toBeGreaterThanOrEqual(0.4)
    expect(score.precision).toBeGreaterThanOrEqual(0.65)
    expect(score.recall).toBeGreaterThanOrEqual(0.3)
  })

  it('does much better than bare words', () => {
    const bare = suggestThemes(FIXTURE_NOTES, {
      stem: false,
      stopwords: false,
      compounds: false,
      ngramWeight: 0,
      useLexicon: false,
      crossQuestion: 1,
      weighting: 'binary',
    })
    expect(agreement(assignments(bare, ids), truth).ari).toBeLessThan(0.2)
  })

  it('puts every note in exactly one theme or among the unsorted', () => {
    const placed = [...suggestion.themes.flatMap((t) => t.noteIds), ...suggestion.unsorted]
    expect(placed.sort()).toEqual([...ids].sort())
  })

  it('labels the ESDH notes "ESDH" although most name a product', () => {
    const esdhNotes = FIXTURE_NOTES.filter((n) => n.theme === 'ESDH og dokumenter').map((n) => n.id)
    const theme = suggestion.themes.find((t) => t.noteIds.filter((id) => esdhNotes.includes(id)).length >= 3)
    expect(theme?.label).toMatch(/^ESDH/)
  })
})

describe('suggestThemes', () => {
  it('returns nothing for no notes and leaves a single note unsorted', () => {
    expect(suggestThemes([])).toEqual({ themes: [], unsorted: [] })
    expect(suggestThemes([{ id: 'a', text: 'Excel overalt' }])).toEqual({ themes: [], unsorted: ['a'] })
  })

  it('groups notes about the same thing written in different words', () => {
    const s = suggestThemes([
      { id: '1', text: 'Alt ligger i Excel' },
      { id: '2', text: 'Regnearket med lejemål er forældet' },
      { id: '3', text: 'SBSYS til journalisering' },
      { id: '4', text: 'Acadre er tungt' },
    ])
    expect(s.themes.map((t) => [...t.noteIds].sort())).toEqual(
      expect.arrayContaining([
        ['1', '2'],
        ['3', '4'],
      ]),
    )
  })

  it('uses the organizer’s lexicon', () => {
    const notes = [
      { id: '1', text: 'Qlik til ledelsen' },
      { id: '2', text: 'Tableau rapporter hver måned' },
    ]
    expect(suggestThemes(notes).themes).toEqual([])
    const s = suggestThemes(notes, { extraLexicon: parseLexicon('BI = Qlik, Tableau') })
    expect(s.themes).toEqual([{ label: 'BI', terms: ['BI'], noteIds: ['1', '2'] }])
  })
})
