import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CreateWorkshopResponse, createWorkshopRequestSchema, type WorkshopView } from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import { controlDocName, posterIdOf, privateDocName } from '../../shared/docNames'
import type { Authorize } from '../sync/types'
import { createAuthorize } from './access'
import { SqliteWorkshopStore } from './SqliteWorkshopStore'
import { WorkshopService } from './WorkshopService'

describe('createAuthorize', () => {
  let service: WorkshopService
  let authorize: Authorize
  let w: CreateWorkshopResponse
  let view: WorkshopView
  let posterA: string
  let posterB: string
  let tokenA: string
  let tokenB: string

  beforeEach(async () => {
    const store = new SqliteWorkshopStore(':memory:')
    await store.init()
    service = new WorkshopService(store)
    authorize = createAuthorize({ workshops: service, allowSandbox: true })
    w = await service.create(
      createWorkshopRequestSchema.parse({
        title: 'W',
        date: '2017-10-11',
        rounds: [{ title: 'R1' }, { title: 'R2' }],
        tables: 2,
      }),
      'http://x',
    )
    view = (await service.view(w.workshopId, 'organizer', 'http://x')) as WorkshopView
    const poster = (round: number, table: number) =>
      (
        view.posters.find(
          (p) => p.roundId === view.rounds[round].id && p.tableId === view.tables[table].id,
        ) as { docName: string }
      ).docName
    posterA = poster(0, 0)
    posterB = poster(0, 1)
    tokenA = (await service.join(w.tables[0].joinCode, undefined, 'A')).token
    tokenB = (await service.join(w.tables[1].joinCode, undefined, 'B')).token
    await service.setRoundPhase(view.rounds[0].id, 'writing')
  })
  afterEach(async () => service.store.close())

  const code = async (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (err: { code?: number }) => err.code,
    )

  it('gives staff write access and the screen read access', async () => {
    expect((await authorize(posterA, w.organizerKey)).canWrite()).toBe(true)
    expect((await authorize(posterA, w.facilitatorKey)).canWrite()).toBe(true)
    expect((await authorize(posterA, w.screenKey)).canWrite()).toBe(false)
  })

  it('lets a participant write their own poster only while the phase allows, checked live', async () => {
    const access = await authorize(posterA, tokenA)
    expect(access.role).toBe('participant')
    expect((await authorize(posterB, tokenB)).canWrite()).toBe(true)
    expect(access.canWrite()).toBe(true)
    await service.setRoundPhase(view.rounds[0].id, 'locked')
    expect(access.canWrite()).toBe(false)
    await service.setRoundPhase(view.rounds[0].id, 'writing')
    await service.setCurrentRound(w.workshopId, view.rounds[1].id)
    expect(access.canWrite()).toBe(false)
  })

  it("shows another table's poster only while it is presented", async () => {
    expect(await code(authorize(posterA, tokenB))).toBe(CloseCode.Forbidden)
    await service.setPresenting(w.workshopId, posterIdOf(posterA)!)
    const access = await authorize(posterA, tokenB)
    expect(access.canWrite()).toBe(false)
  })

  it('refuses missing, unknown and foreign tokens with distinct codes', async () => {
    expect(await code(authorize(posterA, null))).toBe(CloseCode.Unauthorized)
    expect(await code(authorize(posterA, 'x'.repeat(24)))).toBe(CloseCode.Unauthorized)
    const other = await service.create(
      createWorkshopRequestSchema.parse({
        title: 'O',
        date: '2017-10-11',
        rounds: [{ title: 'R' }],
        tables: 1,
      }),
      'http://x',
    )
    expect(await code(authorize(posterA, other.organizerKey))).toBe(CloseCode.Forbidden)
    expect(await code(authorize(controlDocName(w.workshopId), other.screenKey))).toBe(CloseCode.Forbidden)
    expect(await code(authorize('p-nosuchposter', w.organizerKey))).toBe(CloseCode.NotFound)
  })

  it('opens the control document read-only to everyone in the workshop', async () => {
    for (const token of [w.organizerKey, w.facilitatorKey, w.screenKey, tokenA]) {
      expect((await authorize(controlDocName(w.workshopId), token)).canWrite()).toBe(false)
    }
  })

  it('keeps private notes to their author, writable only during private writing', async () => {
    const a = await service.authenticate(tokenA)
    if (a?.role !== 'participant') throw new Error('not a participant')
    const doc = privateDocName(posterIdOf(posterA)!, a.participant.id)
    const own = await authorize(doc, tokenA)
    expect(own.canWrite()).toBe(false)
    await service.setRoundPhase(view.rounds[0].id, 'private')
    expect(own.canWrite()).toBe(true)
    expect(await code(authorize(doc, tokenB))).toBe(CloseCode.Forbidden)
    expect(await code(authorize(doc, w.screenKey))).toBe(CloseCode.Forbidden)
    expect((await authorize(doc, w.facilitatorKey)).canWrite()).toBe(false)
  })

  it('lets another table read a poster only while it is presented, checked live by canRead()', async () => {
    await service.setPresenting(w.workshopId, posterIdOf(posterA)!)
    const reader = await authorize(posterA, tokenB)
    expect(reader.canRead?.()).toBe(true)
    expect(reader.canWrite()).toBe(false)
    await service.setPresenting(w.workshopId, posterIdOf(posterB)!)
    expect(reader.canRead?.()).toBe(false)
    // The table's own participant keeps reading.
    expect((await authorize(posterA, tokenA)).canRead?.() ?? true).toBe(true)
  })

  it('ends read and write access of connections opened with a key that was re-issued', async () => {
    const wall = await authorize(posterA, w.facilitatorKey)
    const control = await authorize(controlDocName(w.workshopId), w.facilitatorKey)
    const screen = await authorize(posterA, w.screenKey)
    expect([wall.canRead?.(), wall.canWrite(), control.canRead?.(), screen.canRead?.()]).toEqual([
      true,
      true,
      true,
      true,
    ])
    const rotated = await service.rotateKey(w.workshopId, 'facilitator', 'http://x')
    expect([wall.canRead?.(), wall.canWrite(), control.canRead?.()]).toEqual([false, false, false])
    expect(screen.canRead?.()).toBe(true)
    expect(await code(authorize(posterA, w.facilitatorKey))).toBe(CloseCode.Unauthorized)
    const renewed = await authorize(posterA, rotated.key)
    expect([renewed.canRead?.(), renewed.canWrite()]).toEqual([true, true])
  })

  it('leaves sandboxes open only when enabled', async () => {
    expect((await authorize('s-free', null)).canWrite()).toBe(true)
    const closed = createAuthorize({ workshops: service, allowSandbox: false })
    expect(await code(closed('s-free', null))).toBe(CloseCode.Forbidden)
  })
})
