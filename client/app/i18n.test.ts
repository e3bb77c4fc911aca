import { describe, expect, it } from 'vitest'
import { defineMessages, detectLang, translate } from './i18n'

const messages = defineMessages({
  en: { hello: 'Hello {name}', plain: 'Saved' },
  da: { hello: 'Hej {name}', plain: 'Gemt' },
})

describe('detectLang', () => {
  it('chooses Danish for Danish browsers and English otherwise', () => {
    expect(detectLang('da')).toBe('da')
    expect(detectLang('da-DK')).toBe('da')
    expect(detectLang('en-GB')).toBe('en')
    expect(detectLang('de')).toBe('en')
    expect(detectLang(undefined)).toBe('en')
  })
})

describe('translate', () => {
  it('looks up the language and fills placeholders', () => {
    expect(translate(messages, 'da', 'hello', { name: 'Mette' })).toBe('Hej Mette')
    expect(translate(messages, 'en', 'hello', { name: 'Mette' })).toBe('Hello Mette')
    expect(translate(messages, 'da', 'plain')).toBe('Gemt')
  })
  it('leaves unknown placeholders visible rather than dropping text', () => {
    expect(translate(messages, 'en', 'hello', {})).toBe('Hello {name}')
  })
})
