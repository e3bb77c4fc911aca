import { describe, expect, it } from 'vitest'
import {
  controlDocName,
  docKindPrefix,
  parseDocName,
  posterDocName,
  posterIdOf,
  privateDocName,
  privateDocPrefix,
  sandboxDocName,
  synthesisDocName,
} from './docNames'

describe('document names', () => {
  it('parse back into what they were built from', () => {
    expect(parseDocName(posterDocName('abc'))).toEqual({ kind: 'poster', name: 'p-abc', posterId: 'abc' })
    expect(parseDocName(controlDocName('W1'))).toEqual({ kind: 'control', name: 'w-W1', workshopId: 'W1' })
    expect(parseDocName(privateDocName('abc', 'me'))).toEqual({
      kind: 'private',
      name: 'q-abc_me',
      posterId: 'abc',
      participantId: 'me',
    })
    expect(parseDocName(synthesisDocName('R1'))).toEqual({ kind: 'synthesis', name: 'y-R1', roundId: 'R1' })
    expect(parseDocName(sandboxDocName('free-one_2'))).toEqual({
      kind: 'sandbox',
      name: 's-free-one_2',
      id: 'free-one_2',
    })
  })

  it('are refused when malformed or of no known kind', () => {
    for (const bad of [
      '',
      'p-',
      'pabc',
      'P-abc',
      'x-abc',
      'q-abc',
      'q-abc_',
      'q-_me',
      'q-a_b_c',
      'p-a b',
      `p-${'a'.repeat(65)}`,
    ])
      expect(parseDocName(bad), bad).toBeNull()
  })

  it('share a prefix per kind and per poster for listing', () => {
    expect(posterDocName('abc').startsWith(docKindPrefix('poster'))).toBe(true)
    expect(privateDocName('abc', 'me').startsWith(privateDocPrefix('abc'))).toBe(true)
    expect(privateDocName('abcd', 'me').startsWith(privateDocPrefix('abc'))).toBe(false)
    expect([posterIdOf('p-abc'), posterIdOf('w-abc'), posterIdOf('nonsense')]).toEqual(['abc', null, null])
  })
})
