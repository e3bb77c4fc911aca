import { describe, expect, it } from 'vitest'
import { DEFAULT_LEXICON, Lexicon, parseLexicon } from './lexicon'

describe('Lexicon', () => {
  const lexicon = new Lexicon(DEFAULT_LEXICON)

  it('maps every ESDH product to one concept, in any inflection', () => {
    const esdh = lexicon.conceptOf('esdh', 'esdh')
    expect(esdh).toBeDefined()
    expect(lexicon.conceptOf('sbsys', 'sbsys')).toBe(esdh)
    expect(lexicon.conceptOf('acadre', 'acadr')).toBe(esdh)
    expect(lexicon.conceptOf('workzone', 'workzon')).toBe(esdh)
    expect(lexicon.labelOf(esdh!)).toBe('ESDH')
  })

  it('treats Excel as regneark, also inside a compound', () => {
    expect(lexicon.conceptOf('excel', 'excel')).toBe(lexicon.conceptOf('regnearket', 'regneark'))
    expect(lexicon.conceptsInside('excelark')).toEqual([lexicon.conceptOf('excel', 'excel')])
  })
})

describe('parseLexicon', () => {
  it('reads the organizer’s lines', () => {
    expect(parseLexicon('# BI-værktøjer\nBI = Power BI, Qlik\n\nTrappe: trappemodellen')).toEqual([
      { label: 'BI', terms: ['BI', 'Power BI', 'Qlik'] },
      { label: 'Trappe', terms: ['Trappe', 'trappemodellen'] },
    ])
  })

  it('names the line that has no terms', () => {
    expect(() => parseLexicon('BI = Qlik\nregneark')).toThrow(/line 2/)
  })

  it('makes an organizer word a synonym', () => {
    const lexicon = new Lexicon(parseLexicon('BI = Qlik, Tableau'))
    expect(lexicon.conceptOf('qlik', 'qlik')).toBe(lexicon.conceptOf('tableau', 'tableau'))
  })
})
