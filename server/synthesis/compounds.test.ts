import { describe, expect, it } from 'vitest'
import { compoundVocabulary, splitCompound } from './compounds'
import { tokenize } from './tokenize'

const vocabularyOf = (...texts: string[]) => compoundVocabulary(texts.flatMap((t) => tokenize(t)))

describe('splitCompound', () => {
  it('splits a compound into parts other notes use alone', () => {
    const vocabulary = vocabularyOf('Kvaliteten af data', 'datakvaliteten er dårlig')
    expect(splitCompound('datakvaliteten', vocabulary)).toEqual(['data', 'kvalitet'])
  })

  it('allows the linking s between the parts', () => {
    const vocabulary = vocabularyOf('Vedligeholdelse halter', 'Efterslæb på tage')
    expect(splitCompound('vedligeholdelsesefterslæb', vocabulary)).toEqual(['vedligehold', 'efterslæb'])
  })

  it('leaves a word alone when a part is unknown or too short', () => {
    const vocabulary = vocabularyOf('data mangler')
    expect(splitCompound('datakvaliteten', vocabulary)).toEqual([])
    expect(splitCompound('elmåler', vocabularyOf('el', 'måler'))).toEqual([])
  })
})
