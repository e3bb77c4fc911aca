import { describe, expect, it } from 'vitest'
import { parsePosterStates, shownRound } from './posterStates'

describe('the round the wall shows', () => {
  const rounds = [
    { id: 'r1', phase: 'closed' },
    { id: 'r2', phase: 'writing' },
    { id: 'r3', phase: 'idle' },
  ]

  it('is the chosen or current round when there is one', () => {
    expect(shownRound(rounds, 'r3')?.id).toBe('r3')
    expect(shownRound(rounds, 'r1')?.id).toBe('r1')
  })

  it('is otherwise the first round still open, else the first', () => {
    expect(shownRound(rounds, null)?.id).toBe('r2')
    expect(shownRound(rounds, 'gone')?.id).toBe('r2')
    expect(shownRound([{ id: 'a', phase: 'closed' }], null)?.id).toBe('a')
    expect(shownRound([], null)).toBeUndefined()
  })
})

describe('poster states body', () => {
  it('reads what the server sends', () => {
    const body = {
      roundId: 'r',
      posters: [{ posterId: 'p', records: [{ id: 'shape:a', typeName: 'shape' }] }],
    }
    expect(parsePosterStates(JSON.parse(JSON.stringify(body)))).toEqual(body)
  })

  it('refuses anything else', () => {
    expect(() => parsePosterStates(null)).toThrow()
    expect(() => parsePosterStates({ roundId: 'r' })).toThrow()
    expect(() => parsePosterStates({ roundId: 'r', posters: [{ posterId: 'p' }] })).toThrow()
  })
})
