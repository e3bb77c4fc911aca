import { describe, expect, it } from 'vitest'
import { addsOwnQuestions, questionLabel } from './questionLabels'

describe('questionLabel', () => {
  it('numbers a question from 1', () => {
    expect(questionLabel(0, 'Hvor er vi?')).toBe('1. Hvor er vi?')
    expect(questionLabel(2, 'Hvad nu?')).toBe('3. Hvad nu?')
  })

  it("puts the round's title before the number of a question added onto an earlier poster", () => {
    expect(questionLabel(0, 'Skriv erfaringer ind', 'Hjemmearbejde')).toBe(
      'Hjemmearbejde: 1. Skriv erfaringer ind',
    )
    expect(questionLabel(0, 'Skriv erfaringer ind', '  ')).toBe('1. Skriv erfaringer ind')
  })
})

describe('addsOwnQuestions', () => {
  it('is true only for questions of its own, not none and not the copied ones', () => {
    expect(addsOwnQuestions(['Skriv erfaringer ind'], ['Hvor er I?'])).toBe(true)
    expect(addsOwnQuestions([' Hvor er I? '], ['Hvor er I?'])).toBe(false)
    expect(addsOwnQuestions(['', ' '], ['Hvor er I?'])).toBe(false)
  })
})
