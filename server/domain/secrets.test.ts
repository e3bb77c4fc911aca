import { describe, expect, it } from 'vitest'
import {
  hashSecret,
  isJoinCodeShaped,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  newId,
  newJoinCode,
  newSecret,
  normaliseJoinCode,
  secretMatches,
} from './secrets'

describe('secrets', () => {
  it('secrets carry at least 128 random bits and never repeat', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 1000; i++) {
      const s = newSecret()
      expect(Buffer.from(s, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
      seen.add(s)
    }
    expect(seen.size).toBe(1000)
  })

  it('matches a secret against its stored hash only', () => {
    const s = newSecret()
    const h = hashSecret(s)
    expect(h).not.toContain(s)
    expect(secretMatches(s, h)).toBe(true)
    expect(secretMatches(newSecret(), h)).toBe(false)
    expect(secretMatches(s, null)).toBe(false)
    expect(secretMatches(s, 'abcd')).toBe(false)
  })

  it('join codes are short, typable and avoid look-alike characters', () => {
    for (const ch of '0O1IL') expect(JOIN_CODE_ALPHABET).not.toContain(ch)
    const codes = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const c = newJoinCode()
      expect(c).toHaveLength(JOIN_CODE_LENGTH)
      expect(isJoinCodeShaped(c)).toBe(true)
      codes.add(c)
    }
    // 31^6 codes: 2000 draws almost never collide.
    expect(codes.size).toBeGreaterThan(1990)
  })

  it('normalises what people type', () => {
    expect(normaliseJoinCode(' ab3-x7 k ')).toBe('AB3X7K')
    expect(isJoinCodeShaped('AB0X7K')).toBe(false)
  })

  it('ids are safe inside document names split on "_" and "-"', () => {
    for (let i = 0; i < 100; i++) expect(newId()).toMatch(/^[a-z0-9]{16}$/)
  })
})
