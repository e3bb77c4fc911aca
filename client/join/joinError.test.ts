import { describe, expect, it } from 'vitest'
import { ApiError } from '../app/api'
import { type MessageVars, translate } from '../app/i18n'
import { errorText } from './joinError'
import { joinMessages } from './joinMessages'

const da = (key: keyof (typeof joinMessages)['en'], vars?: MessageVars) =>
  translate(joinMessages, 'da', key, vars)

describe('errorText', () => {
  it('names an unknown code, too many attempts and a lost connection plainly', () => {
    expect(errorText(new ApiError(404, 'no workshop or table has this code', 'code'), da)).toBe(
      'Koden findes ikke. Tjek bordkortet og prøv igen.',
    )
    expect(errorText(new ApiError(429, 'too many wrong codes'), da)).toBe(
      'For mange forsøg. Vent et minut, og prøv igen.',
    )
    expect(errorText(new ApiError(0, 'Failed to fetch'), da)).toContain('Ingen forbindelse')
  })

  it('passes other messages on', () => {
    expect(errorText(new ApiError(400, 'name: required', 'name'), da)).toBe(
      'Det lykkedes ikke: name: required',
    )
  })
})
