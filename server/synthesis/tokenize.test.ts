import { describe, expect, it } from 'vitest'
import { guessLanguage, splitWords, stemDanish, tokenize } from './tokenize'

const stems = (text: string) => tokenize(text).map((t) => t.stem)

describe('tokenize', () => {
  it('gives the inflections of a Danish noun one stem', () => {
    expect(new Set(['kommune', 'kommunen', 'kommuner', 'kommunerne'].map(stemDanish)).size).toBe(1)
    expect(new Set(['ejendom', 'ejendomme', 'ejendommen', 'ejendommenes'].map(stemDanish)).size).toBe(1)
    expect(new Set(['bygning', 'bygninger', 'bygningerne', 'bygningens'].map(stemDanish)).size).toBe(1)
    expect(stemDanish('systemerne')).toBe(stemDanish('systemet'))
    expect(stemDanish('vedligeholdelsen')).toBe(stemDanish('vedligeholdelse'))
  })

  it('keeps compounds whole and tells different words apart', () => {
    expect(stemDanish('datakvaliteten')).toBe('datakvalitet')
    expect(stemDanish('regnearket')).toBe(stemDanish('regneark'))
    expect(stemDanish('regneark')).not.toBe(stemDanish('regnskab'))
  })

  it('drops Danish stop words and note-writing abbreviations', () => {
    expect(stems('Vi har ikke et samlet overblik over m² pr. bygning ift. budgettet')).toEqual([
      'saml',
      'overblik',
      'm2',
      'bygning',
      'budget',
    ])
  })

  it('splits hyphenated words and keeps the written form of acronyms', () => {
    expect(splitWords('ESDH-systemet, KMD').map((w) => w.surface)).toEqual(['ESDH', 'systemet', 'KMD'])
    expect(tokenize('ESDH-systemet')[0]).toEqual({ surface: 'ESDH', word: 'esdh', stem: 'esdh' })
  })

  it('stems an English note with the English stemmer', () => {
    expect(guessLanguage(['the', 'data', 'is', 'poor'])).toBe('en')
    expect(guessLanguage(['data', 'er', 'for', 'dårlig'])).toBe('da')
    expect(stems('The buildings are measured with sensors')).toEqual(['build', 'measur', 'sensor'])
  })

  it('can leave stemming and stop words out', () => {
    expect(tokenize('Bygningerne er gamle', { stem: false, stopwords: false }).map((t) => t.stem)).toEqual([
      'bygningerne',
      'er',
      'gamle',
    ])
  })
})
