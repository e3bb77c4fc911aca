/**
 * The behaviour every `VoteStore` adapter must have. Run by the SQLite unit test and the
 * PostgreSQL integration test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Vote, VoteStore } from './VoteStore'

/** A dot of `participantId` on `noteId` of poster `p1` in round `r1` of workshop `w1`. */
export function dot(participantId: string, noteId: string, over: Partial<Vote> = {}): Vote {
  return { workshopId: 'w1', roundId: 'r1', posterId: 'p1', noteId, participantId, ...over }
}

/** Declares the contract tests for the store `make` returns (a fresh, empty store). */
export function describeVoteStoreContract(name: string, make: () => VoteStore | Promise<VoteStore>) {
  describe(`VoteStore contract: ${name}`, () => {
    let store: VoteStore
    beforeEach(async () => {
      store = await make()
      await store.init()
      await store.init()
    })
    afterEach(async () => store.close())

    it('stacks dots up to the limit, per participant and round', async () => {
      expect(await store.addIfUnder(dot('anna', 'n1'), 3)).toBe(true)
      expect(await store.addIfUnder(dot('anna', 'n1'), 3)).toBe(true)
      expect(await store.addIfUnder(dot('anna', 'n2'), 3)).toBe(true)
      expect(await store.addIfUnder(dot('anna', 'n3'), 3)).toBe(false)
      expect(await store.countByParticipant('r1', 'anna')).toBe(3)
      // Other participants and other rounds have their own dots.
      expect(await store.addIfUnder(dot('bo', 'n1'), 3)).toBe(true)
      expect(await store.addIfUnder(dot('anna', 'n1', { roundId: 'r2', posterId: 'p2' }), 3)).toBe(true)
      expect(await store.mine('r1', 'anna')).toEqual({ 'p1/n1': 2, 'p1/n2': 1 })
      expect(await store.mine('r1', 'nobody')).toEqual({})
      expect(await store.tallies('p1')).toEqual({ n1: 3, n2: 1 })
      expect(await store.tallies('p2')).toEqual({ n1: 1 })
    })

    it('removes one dot at a time, which frees it for another note', async () => {
      await store.addIfUnder(dot('anna', 'n1'), 2)
      await store.addIfUnder(dot('anna', 'n1'), 2)
      expect(await store.addIfUnder(dot('anna', 'n2'), 2)).toBe(false)
      const { workshopId: _, ...where } = dot('anna', 'n1')
      expect(await store.removeOne(where)).toBe(true)
      expect(await store.tallies('p1')).toEqual({ n1: 1 })
      expect(await store.addIfUnder(dot('anna', 'n2'), 2)).toBe(true)
      expect(await store.removeOne(where)).toBe(true)
      expect(await store.removeOne(where)).toBe(false)
      expect(await store.mine('r1', 'anna')).toEqual({ 'p1/n2': 1 })
    })

    it('never exceeds the limit when many dots arrive at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.addIfUnder(dot('anna', `n${i % 4}`), 5)),
      )
      expect(results.filter(Boolean)).toHaveLength(5)
      expect(await store.countByParticipant('r1', 'anna')).toBe(5)
    })

    it('writes many dots at once, all or none', async () => {
      await store.insertMany([dot('imported', 'n1'), dot('imported', 'n1'), dot('imported', 'n2')])
      expect(await store.tallies('p1')).toEqual({ n1: 2, n2: 1 })
      await store.insertMany([])
      expect(await store.countByParticipant('r1', 'imported')).toBe(3)
    })

    it('deletes the dots of one workshop only', async () => {
      await store.addIfUnder(dot('anna', 'n1'), 3)
      await store.addIfUnder(dot('bo', 'n1', { workshopId: 'w2', roundId: 'r9', posterId: 'p9' }), 3)
      await store.deleteWorkshop('w1')
      expect(await store.tallies('p1')).toEqual({})
      expect(await store.countByParticipant('r1', 'anna')).toBe(0)
      expect(await store.tallies('p9')).toEqual({ n1: 1 })
    })
  })
}
