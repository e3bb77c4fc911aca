/**
 * The behaviour every `WorkshopStore` adapter must have. Run by the SQLite unit test and the
 * PostgreSQL integration test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Participant, WorkshopAggregate } from './entities'
import { hashSecret, newId, newJoinCode, newSecret } from './secrets'
import { CodeTakenError, type WorkshopStore } from './WorkshopStore'

/** A workshop with `rounds` rounds and `tables` tables, built directly (no service). */
export function sampleAggregate(rounds = 2, tables = 3): WorkshopAggregate {
  const id = newId()
  const a: WorkshopAggregate = {
    workshop: {
      id,
      code: newJoinCode(),
      title: 'Kloge kvadratmeter',
      date: '2017-11-16',
      place: 'København',
      language: 'da',
      anonymousNotes: true,
      createdAt: '2017-10-01T08:00:00.000Z',
      currentRoundId: null,
      presentingPosterId: null,
      organizerKeyHash: hashSecret(newSecret()),
      facilitatorKeyHash: hashSecret(newSecret()),
      screenKeyHash: hashSecret(newSecret()),
    },
    rounds: Array.from({ length: rounds }, (_, index) => ({
      id: newId(),
      workshopId: id,
      index,
      title: `Runde ${index + 1}`,
      questions: ['Hvad virker?', 'Hvad mangler?'],
      template: 'questions' as const,
      minutes: 25,
      copyFromRoundId: null,
      phase: 'draft' as const,
    })),
    tables: Array.from({ length: tables }, (_, i) => ({
      id: newId(),
      workshopId: id,
      number: i + 1,
      name: `Bord ${i + 1}`,
      colour: 'blue' as const,
      joinCode: newJoinCode(),
    })),
    posters: [],
  }
  for (const r of a.rounds)
    for (const t of a.tables) a.posters.push({ id: newId(), workshopId: id, roundId: r.id, tableId: t.id })
  return a
}

function participant(a: WorkshopAggregate, tableIndex: number): Participant {
  return {
    id: newId(),
    workshopId: a.workshop.id,
    tableId: a.tables[tableIndex].id,
    name: 'Mette',
    tokenHash: hashSecret(newSecret()),
    createdAt: new Date().toISOString(),
  }
}

const sortById = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => x.id.localeCompare(y.id))

/** Declares the contract tests for the store `make` returns (a fresh, empty store). */
export function describeWorkshopStoreContract(
  name: string,
  make: () => WorkshopStore | Promise<WorkshopStore>,
): void {
  describe(`WorkshopStore contract: ${name}`, () => {
    let store: WorkshopStore

    beforeEach(async () => {
      store = await make()
      await store.init()
    })
    afterEach(async () => store.close())

    it('stores a workshop with its rounds, tables and posters and reads it back', async () => {
      const a = sampleAggregate()
      a.rounds[1].copyFromRoundId = a.rounds[0].id
      await store.insertWorkshop(a)
      const back = await store.getAggregate(a.workshop.id)
      expect(back?.workshop).toEqual(a.workshop)
      expect(back?.rounds).toEqual(a.rounds)
      expect(back?.tables).toEqual(a.tables)
      expect(sortById(back?.posters ?? [])).toEqual(sortById(a.posters))
      expect(await store.getRound(a.rounds[1].id)).toEqual(a.rounds[1])
      expect(await store.getTable(a.tables[2].id)).toEqual(a.tables[2])
      expect(await store.getPoster(a.posters[4].id)).toEqual(a.posters[4])
      expect(await store.findPoster(a.rounds[1].id, a.tables[0].id)).toEqual(
        a.posters.find((p) => p.roundId === a.rounds[1].id && p.tableId === a.tables[0].id),
      )
      expect(await store.getAggregate('nosuchworkshop')).toBeNull()
    })

    it('resolves workshop codes and table codes, which share one namespace', async () => {
      const a = sampleAggregate()
      await store.insertWorkshop(a)
      expect(await store.resolveCode(a.workshop.code)).toEqual({ workshopId: a.workshop.id, tableId: null })
      expect(await store.resolveCode(a.tables[1].joinCode)).toEqual({
        workshopId: a.workshop.id,
        tableId: a.tables[1].id,
      })
      expect(await store.codeTaken(a.tables[1].joinCode)).toBe(true)
      expect(await store.resolveCode('ZZZZZZ')).toBeNull()
      const clash = sampleAggregate()
      clash.tables[0].joinCode = a.workshop.code
      await expect(store.insertWorkshop(clash)).rejects.toBeInstanceOf(CodeTakenError)
      expect(await store.getWorkshop(clash.workshop.id)).toBeNull()
    })

    it('finds the workshop and role of a key hash', async () => {
      const a = sampleAggregate()
      await store.insertWorkshop(a)
      const w = a.workshop
      expect(await store.findKeyHash(w.organizerKeyHash)).toEqual({ workshopId: w.id, role: 'organizer' })
      expect(await store.findKeyHash(w.facilitatorKeyHash)).toEqual({ workshopId: w.id, role: 'facilitator' })
      expect(await store.findKeyHash(w.screenKeyHash)).toEqual({ workshopId: w.id, role: 'screen' })
      expect(await store.findKeyHash(hashSecret('nope'))).toBeNull()
    })

    it('replaces a facilitator or screen key hash; the old one no longer finds the workshop', async () => {
      const a = sampleAggregate()
      await store.insertWorkshop(a)
      const w = a.workshop
      const facilitator = hashSecret(newSecret())
      const screen = hashSecret(newSecret())
      await store.setKeyHash(w.id, 'facilitator', facilitator)
      await store.setKeyHash(w.id, 'screen', screen)
      expect(await store.findKeyHash(w.facilitatorKeyHash)).toBeNull()
      expect(await store.findKeyHash(w.screenKeyHash)).toBeNull()
      expect(await store.findKeyHash(facilitator)).toEqual({ workshopId: w.id, role: 'facilitator' })
      expect(await store.findKeyHash(screen)).toEqual({ workshopId: w.id, role: 'screen' })
      expect(await store.getWorkshop(w.id)).toMatchObject({
        organizerKeyHash: w.organizerKeyHash,
        facilitatorKeyHash: facilitator,
        screenKeyHash: screen,
      })
    })

    it('saves edits: changed rows updated, new ones added, missing ones removed with their participants', async () => {
      const a = sampleAggregate()
      await store.insertWorkshop(a)
      await store.setRoundPhase(a.rounds[0].id, 'writing')
      const leaving = participant(a, 2)
      const staying = participant(a, 0)
      await store.insertParticipant(leaving)
      await store.insertParticipant(staying)
      const edited: WorkshopAggregate = structuredClone(a)
      edited.workshop.title = 'Ny titel'
      edited.workshop.language = 'en'
      edited.rounds[0].title = 'AS IS'
      edited.rounds[0].phase = 'draft'
      edited.tables = edited.tables.slice(0, 2)
      edited.tables.push({
        id: newId(),
        workshopId: a.workshop.id,
        number: 3,
        name: 'Bord 3',
        colour: 'red',
        joinCode: newJoinCode(),
      })
      edited.posters = edited.posters.filter((p) => edited.tables.some((t) => t.id === p.tableId))
      for (const r of edited.rounds)
        edited.posters.push({
          id: newId(),
          workshopId: a.workshop.id,
          roundId: r.id,
          tableId: edited.tables[2].id,
        })
      await store.saveWorkshop(edited)
      const back = await store.getAggregate(a.workshop.id)
      expect(back?.workshop.title).toBe('Ny titel')
      expect(back?.workshop.language).toBe('en')
      expect(back?.rounds[0].title).toBe('AS IS')
      // The phase belongs to the round's run, not to the edit.
      expect(back?.rounds[0].phase).toBe('writing')
      expect(back?.tables.map((t) => t.id)).toEqual(edited.tables.map((t) => t.id))
      expect(sortById(back?.posters ?? [])).toEqual(sortById(edited.posters))
      expect(await store.getParticipant(leaving.id)).toBeNull()
      expect(await store.getParticipant(staying.id)).toEqual(staying)
      expect(await store.resolveCode(a.tables[2].joinCode)).toBeNull()
      expect(await store.resolveCode(edited.tables[2].joinCode)).toEqual({
        workshopId: a.workshop.id,
        tableId: edited.tables[2].id,
      })
    })

    it('stores phase, current round and presented poster', async () => {
      const a = sampleAggregate()
      await store.insertWorkshop(a)
      await store.setRoundPhase(a.rounds[1].id, 'voting')
      await store.setCurrentRound(a.workshop.id, a.rounds[1].id)
      await store.setPresenting(a.workshop.id, a.posters[3].id)
      const back = await store.getAggregate(a.workshop.id)
      expect(back?.rounds[1].phase).toBe('voting')
      expect(back?.workshop.currentRoundId).toBe(a.rounds[1].id)
      expect(back?.workshop.presentingPosterId).toBe(a.posters[3].id)
      await store.setPresenting(a.workshop.id, null)
      expect((await store.getWorkshop(a.workshop.id))?.presentingPosterId).toBeNull()
    })

    it('stores participants and finds them by token hash', async () => {
      const a = sampleAggregate()
      await store.insertWorkshop(a)
      const p = participant(a, 1)
      await store.insertParticipant(p)
      expect(await store.findParticipantByTokenHash(p.tokenHash)).toEqual(p)
      expect(await store.findParticipantByTokenHash(hashSecret('other'))).toBeNull()
      expect(await store.listParticipants(a.workshop.id)).toEqual([p])
    })

    it('deletes a workshop with everything that belongs to it, and nothing else', async () => {
      const a = sampleAggregate()
      const other = sampleAggregate()
      await store.insertWorkshop(a)
      await store.insertWorkshop(other)
      const p = participant(a, 0)
      await store.insertParticipant(p)
      await store.deleteWorkshop(a.workshop.id)
      expect(await store.getAggregate(a.workshop.id)).toBeNull()
      expect(await store.getPoster(a.posters[0].id)).toBeNull()
      expect(await store.getRound(a.rounds[0].id)).toBeNull()
      expect(await store.findParticipantByTokenHash(p.tokenHash)).toBeNull()
      expect(await store.resolveCode(a.tables[0].joinCode)).toBeNull()
      expect(await store.findKeyHash(a.workshop.organizerKeyHash)).toBeNull()
      expect((await store.getAggregate(other.workshop.id))?.posters).toHaveLength(6)
    })
  })
}
