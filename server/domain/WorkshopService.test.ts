import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkshopRequestSchema } from '../../shared/api'
import { ValidationError } from './DomainError'
import { SqliteWorkshopStore } from './SqliteWorkshopStore'
import { WorkshopService } from './WorkshopService'

const BASE = 'http://plenum.test'

function input(extra: Record<string, unknown> = {}) {
  return createWorkshopRequestSchema.parse({
    title: 'Kloge kommunale kvadratmeter',
    date: '2017-10-11',
    place: 'Odense',
    rounds: [
      { title: 'Trappemodellen', template: 'staircase' },
      { title: 'AS IS', questions: ['Hvordan er arbejdet organiseret?', 'Hvilke IT-værktøjer?'] },
      { title: 'Hjemmearbejde', copyFromRound: 1 },
    ],
    tables: 4,
    ...extra,
  })
}

describe('WorkshopService', () => {
  let store: SqliteWorkshopStore
  let service: WorkshopService

  beforeEach(async () => {
    store = new SqliteWorkshopStore(':memory:')
    await store.init()
    service = new WorkshopService(store)
  })
  afterEach(async () => store.close())

  it('creates rounds, named tables with unique codes and one poster per round and table', async () => {
    const created = await service.create(input(), BASE)
    expect(created.tables.map((t) => t.name)).toEqual(['Bord 1', 'Bord 2', 'Bord 3', 'Bord 4'])
    const codes = new Set([created.code, ...created.tables.map((t) => t.joinCode)])
    expect(codes.size).toBe(5)
    expect(created.tables[0].joinUrl).toBe(`${BASE}/join/${created.tables[0].joinCode}`)
    expect(created.organizerUrl).toBe(`${BASE}/w/${created.workshopId}/setup#k=${created.organizerKey}`)
    const view = await service.view(created.workshopId, 'organizer', BASE)
    expect(view?.posters).toHaveLength(12)
    expect(view?.rounds[2].copyFromRoundId).toBe(view?.rounds[1].id)
    expect(view?.rounds.every((r) => r.phase === 'draft')).toBe(true)
  })

  it('names tables in English for English workshops and keeps given names', async () => {
    const en = await service.create(input({ language: 'en', tables: 2 }), BASE)
    expect(en.tables.map((t) => t.name)).toEqual(['Table 1', 'Table 2'])
    const named = await service.create(input({ tables: [{ name: 'Ledelse', colour: 'red' }, {}] }), BASE)
    expect(named.tables.map((t) => [t.name, t.colour])).toEqual([
      ['Ledelse', 'red'],
      ['Bord 2', 'green'],
    ])
  })

  it('authenticates each key to its role and nothing else', async () => {
    const w = await service.create(input(), BASE)
    expect(await service.authenticate(w.organizerKey)).toEqual({
      role: 'organizer',
      workshopId: w.workshopId,
    })
    expect(await service.authenticate(w.facilitatorKey)).toEqual({
      role: 'facilitator',
      workshopId: w.workshopId,
    })
    expect(await service.authenticate(w.screenKey)).toEqual({ role: 'screen', workshopId: w.workshopId })
    expect(await service.authenticate(`${w.organizerKey}x`)).toBeNull()
    expect(await service.authenticate(null)).toBeNull()
  })

  it('joins by table code, or by workshop code plus table', async () => {
    const w = await service.create(input(), BASE)
    const a = await service.join(w.tables[1].joinCode.toLowerCase(), undefined, 'Mette')
    expect(a.tableId).toBe(w.tables[1].id)
    expect(a.tableName).toBe('Bord 2')
    const principal = await service.authenticate(a.token)
    expect(principal?.role === 'participant' && principal.participant.name).toBe('Mette')
    const b = await service.join(w.code, w.tables[2].id, 'Jens')
    expect(b.tableId).toBe(w.tables[2].id)
    await expect(service.join(w.code, undefined, 'Jens')).rejects.toBeInstanceOf(ValidationError)
    const other = await service.create(input(), BASE)
    await expect(service.join(w.code, other.tables[0].id, 'Jens')).rejects.toBeInstanceOf(ValidationError)
  })

  it('edits keep existing rounds, tables, codes and posters and drop the removed ones', async () => {
    const w = await service.create(input(), BASE)
    const before = await service.view(w.workshopId, 'organizer', BASE)
    if (!before) throw new Error('missing')
    const removed: string[] = []
    service.onPostersRemoved(async (posters) => {
      removed.push(...posters.map((p) => p.id))
    })
    await service.update(w.workshopId, {
      title: 'Ny titel',
      language: 'en',
      rounds: [
        { ...before.rounds[1], copyFromRound: undefined },
        { title: 'Ny runde', questions: [], template: 'blank', minutes: 10 },
      ],
      tables: [{ id: before.tables[0].id }, { id: before.tables[2].id, name: 'Visionærerne' }, {}],
    })
    const after = await service.view(w.workshopId, 'organizer', BASE)
    expect(after?.title).toBe('Ny titel')
    expect(after?.rounds.map((r) => r.title)).toEqual(['AS IS', 'Ny runde'])
    expect(after?.tables.map((t) => t.name)).toEqual(['Table 1', 'Visionærerne', 'Table 3'])
    expect(after?.tables[1].joinCode).toBe(before.tables[2].joinCode)
    expect(after?.posters).toHaveLength(6)
    const kept = before.posters.find(
      (p) => p.roundId === before.rounds[1].id && p.tableId === before.tables[0].id,
    )
    expect(after?.posters.some((p) => p.id === kept?.id)).toBe(true)
    expect(removed).toHaveLength(12 - 2)
    await expect(
      service.update(w.workshopId, {
        rounds: [{ id: 'nope', title: 'x', questions: [], template: 'blank', minutes: 5 }],
      }),
    ).rejects.toThrow(/unknown round id/)
  })

  it('deletes every row, and the codes stop working', async () => {
    const w = await service.create(input(), BASE)
    const joined = await service.join(w.tables[0].joinCode, undefined, 'Mette')
    await service.delete(w.workshopId)
    expect(await service.view(w.workshopId, 'organizer', BASE)).toBeNull()
    expect(await service.authenticate(joined.token)).toBeNull()
    expect(await service.authenticate(w.organizerKey)).toBeNull()
    expect(await service.resolveCode(w.tables[0].joinCode)).toBeNull()
  })

  it('a slow read never overwrites a phase changed meanwhile (a lock stays a lock)', async () => {
    const w = await service.create(input(), BASE)
    const roundId = (await service.view(w.workshopId, 'organizer', BASE))?.rounds[0].id as string
    await service.setRoundPhase(roundId, 'writing')
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const slowRead = await store.getAggregate(w.workshopId)
    const original = store.getAggregate.bind(store)
    store.getAggregate = async () => {
      await gate
      return slowRead
    }
    const refreshing = service.refresh(w.workshopId)
    await service.setRoundPhase(roundId, 'locked')
    release()
    await refreshing
    store.getAggregate = original
    expect(service.live.phase(roundId)).toBe('locked')
  })
})
