import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanName, pickColor, resetTabScopedIdForTests, tabScopedId, USER_COLORS } from './posterUser'

/** An in-memory Web Storage, one per simulated tab. */
function memoryStorage(): Storage {
  const data = new Map<string, string>()
  return {
    get length() {
      return data.size
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  }
}

describe('tabScopedId', () => {
  beforeEach(() => resetTabScopedIdForTests())
  afterEach(() => {
    vi.unstubAllGlobals()
    resetTabScopedIdForTests()
  })

  it('gives two tabs of one person different ids, so each shows the other’s cursor', () => {
    vi.stubGlobal('sessionStorage', memoryStorage())
    const first = tabScopedId('anna')
    resetTabScopedIdForTests()
    vi.stubGlobal('sessionStorage', memoryStorage())
    const second = tabScopedId('anna')
    expect(first).not.toBe(second)
    expect(first.startsWith('anna.')).toBe(true)
    expect(second.startsWith('anna.')).toBe(true)
  })

  it('keeps the id of a tab across a reload', () => {
    const tab = memoryStorage()
    vi.stubGlobal('sessionStorage', tab)
    const before = tabScopedId('anna')
    resetTabScopedIdForTests()
    expect(tabScopedId('anna')).toBe(before)
  })

  it('still works when sessionStorage is blocked', () => {
    vi.stubGlobal('sessionStorage', {
      getItem: () => {
        throw new Error('blocked')
      },
    })
    expect(tabScopedId('bo')).toMatch(/^bo\.[0-9a-f]{8}$/)
  })
})

describe('posterUser helpers', () => {
  it('keeps one colour per person and bounds names to a cursor label', () => {
    expect(pickColor('abc')).toBe(pickColor('abc'))
    expect(USER_COLORS).toContain(pickColor('abc'))
    expect(cleanName('  Anna \n  Jensen ')).toBe('Anna Jensen')
    expect(cleanName('x'.repeat(60))).toHaveLength(40)
  })
})
