/**
 * A workshop series against a real server: homework open to the groups' own tokens until its
 * deadline (server clock) and closed with a snapshot, a follow-up workshop that starts from the
 * groups' last posters (regrouped), the series view, and deleting the whole series.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../../shared/api'
import { readRecords } from '../../shared/docLayout'
import { posterDocName, synthesisDocName } from '../../shared/docNames'
import type { HomeworkStatus, HomeworkView, SeriesView } from '../../shared/seriesApi'
import { type ApiTestServer, apiCalls, startApiTestServer } from '../api/apiTestServer'
import { hasNote, noteArrives, PosterClient } from '../testing/PosterClient'

let server: ApiTestServer
let w1: CreateWorkshopResponse
let anna: JoinResponse
let bo: JoinResponse
const clients: PosterClient[] = []

const { call, api } = apiCalls(() => server.url)
function connect(docName: string, token: string): PosterClient {
  const client = new PosterClient(`${server.url.replace('http', 'ws')}/sync`, docName, 'client', { token })
  clients.push(client)
  return client
}
const view = (id: string, key: string) => api<WorkshopView>(`/workshops/${id}`, { key })
const posterOf = (v: WorkshopView, roundIndex: number, tableNumber: number) => {
  const table = v.tables.find((t) => t.number === tableNumber)
  const poster = v.posters.find((p) => p.roundId === v.rounds[roundIndex].id && p.tableId === table?.id)
  if (!poster) throw new Error(`no poster for round ${roundIndex} table ${tableNumber}`)
  return poster
}

beforeAll(async () => {
  server = await startApiTestServer()
  w1 = await api<CreateWorkshopResponse>('/workshops', {
    body: {
      title: 'Workshop 1: AS IS',
      date: '2026-10-11',
      place: 'Odense',
      rounds: [{ title: 'Runde 1', questions: ['Hvor er vi på trappen?', 'Hvilke IT-værktøjer?'] }],
      tables: [{ name: 'Trin 1' }, { name: 'Trin 2' }],
    },
  })
  anna = await api<JoinResponse>('/join', { body: { code: w1.tables[0].joinCode, name: 'Anna' } })
  bo = await api<JoinResponse>('/join', { body: { code: w1.tables[1].joinCode, name: 'Bo' } })
  const v = await view(w1.workshopId, w1.facilitatorKey)
  await api(`/workshops/${w1.workshopId}/rounds/${v.rounds[0].id}/start`, {
    body: {},
    key: w1.facilitatorKey,
  })
  const a = connect(anna.posterDocName, anna.token)
  const b = connect(bo.posterDocName, bo.token)
  expect(await a.outcome).toBe('synced')
  expect(await b.outcome).toBe('synced')
  a.addNote('excel', 'Vi bruger Excel-ark til alt')
  b.addNote('esdh', 'ESDH bruges ikke nok')
  // Each note is stored once another client of the poster sees it.
  const checkA = connect(anna.posterDocName, w1.facilitatorKey)
  const checkB = connect(bo.posterDocName, w1.facilitatorKey)
  await noteArrives(checkA.doc, 'excel')
  await noteArrives(checkB.doc, 'esdh')
  await api(`/workshops/${w1.workshopId}/rounds/${v.rounds[0].id}/lock`, { body: {}, key: w1.facilitatorKey })
}, 60_000)

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.close()
})

describe('homework between two workshops', () => {
  let homework: HomeworkView
  let homeworkDoc: string

  it('is opened by the organizer only, with a deadline in the future', async () => {
    const closesAt = new Date(Date.now() + 3_000).toISOString()
    const body = { questions: ['Skriv erfaringer fra jeres projekter ind'], closesAt }
    expect(
      (await call(`/workshops/${w1.workshopId}/homework`, { body, key: w1.facilitatorKey })).status,
    ).toBe(403)
    expect((await call(`/workshops/${w1.workshopId}/homework`, { body, key: anna.token })).status).toBe(403)
    const past = await call(`/workshops/${w1.workshopId}/homework`, {
      body: { ...body, closesAt: new Date(Date.now() - 1000).toISOString() },
      key: w1.organizerKey,
    })
    expect(past.status).toBe(400)
    expect((await past.json()).field).toBe('closesAt')
    const res = await call(`/workshops/${w1.workshopId}/homework`, { body, key: w1.organizerKey })
    expect(res.status).toBe(201)
    homework = (await res.json()) as HomeworkView
    expect(homework.closed).toBe(false)
    const v = await view(w1.workshopId, w1.organizerKey)
    expect(v.currentRoundId).toBe(homework.roundId)
    homeworkDoc = posterOf(v, 1, 1).docName
  })

  it("accepts the group's writing with the token from the workshop day, on a poster that holds the day's notes", async () => {
    const phone = connect(homeworkDoc, anna.token)
    expect(await phone.outcome).toBe('synced')
    expect(hasNote(phone.doc, 'excel')).toBe(true)
    phone.addNote('projekt', 'Erfaringer fra projekt om m²-registrering')
    const check = connect(homeworkDoc, w1.organizerKey)
    await noteArrives(check.doc, 'projekt')
    const status = await api<HomeworkStatus>(`/workshops/${w1.workshopId}/homework`, {
      key: w1.facilitatorKey,
    })
    const t1 = status.tables.find((t) => t.tableId === anna.tableId)
    expect(t1).toMatchObject({ added: 1, edited: 0, removed: 0, changedShapeIds: ['shape:projekt'] })
    expect(status.tables.find((t) => t.tableId === bo.tableId)?.added).toBe(0)
    // A participant sees the deadline and their own group only.
    const own = await api<HomeworkStatus>(`/workshops/${w1.workshopId}/homework`, { key: anna.token })
    expect(own.homework?.closesAt).toBe(homework.closesAt)
    expect(own.tables.map((t) => t.tableId)).toEqual([anna.tableId])
  })

  it('refuses writing once the deadline has passed, and locks and snapshots the posters', async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(homework.closesAt) - Date.now()) + 200))
    const phone = connect(homeworkDoc, anna.token)
    expect(await phone.outcome).toBe('synced')
    const denied = phone.nextDenial()
    phone.addNote('late', 'For sent')
    await denied
    let v = await view(w1.workshopId, w1.organizerKey)
    for (let i = 0; i < 50 && v.rounds[1].phase !== 'locked'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      v = await view(w1.workshopId, w1.organizerKey)
    }
    expect(v.rounds[1].phase).toBe('locked')
    const snapshots = await api<{ snapshots: Array<{ roundId: string; reason: string }> }>(
      `/workshops/${w1.workshopId}/snapshots`,
      { key: w1.organizerKey },
    )
    expect(
      snapshots.snapshots.filter((s) => s.roundId === homework.roundId && s.reason === 'lock'),
    ).toHaveLength(2)
    const check = connect(homeworkDoc, w1.organizerKey)
    expect(await check.outcome).toBe('synced')
    expect(hasNote(check.doc, 'late')).toBe(false)
    const status = await api<HomeworkStatus>(`/workshops/${w1.workshopId}/homework`, { key: w1.organizerKey })
    expect(status.homework?.closed).toBe(true)
  })
})

describe('a follow-up workshop', () => {
  let w2: CreateWorkshopResponse

  it('is created by the earlier organizer with the groups regrouped onto new tables', async () => {
    // Workshop 1's conclusions: the first question's notes gathered into the round's synthesis.
    const v1 = await view(w1.workshopId, w1.organizerKey)
    await api(`/workshops/${w1.workshopId}/synthesis/${v1.rounds[0].id}/pull`, {
      body: { question: 0 },
      key: w1.organizerKey,
    })
    const body = {
      title: 'Workshop 2: TO BE',
      date: '2026-11-16',
      place: 'København',
      rounds: [{ title: 'Runde 1', questions: ['Hvor vil vi hen?'] }],
      tables: [{ name: 'Blandet 1' }, { name: 'Blandet 2' }],
      groups: [1, 1],
    }
    expect(
      (await call(`/workshops/${w1.workshopId}/follow-up`, { body, key: w1.facilitatorKey })).status,
    ).toBe(403)
    const bad = await call(`/workshops/${w1.workshopId}/follow-up`, {
      body: { ...body, groups: [1, 3] },
      key: w1.organizerKey,
    })
    expect(bad.status).toBe(400)
    const res = await call(`/workshops/${w1.workshopId}/follow-up`, { body, key: w1.organizerKey })
    expect(res.status).toBe(201)
    w2 = (await res.json()) as CreateWorkshopResponse
    expect(w2.workshopId).not.toBe(w1.workshopId)
    expect(w2.tables.map((t) => t.id)).not.toContain(anna.tableId)
  })

  it('starts each new table from the last posters of the groups mapped to it', async () => {
    const v = await view(w2.workshopId, w2.organizerKey)
    const first = connect(posterOf(v, 0, 1).docName, w2.organizerKey)
    const second = connect(posterOf(v, 0, 2).docName, w2.organizerKey)
    expect(await first.outcome).toBe('synced')
    expect(await second.outcome).toBe('synced')
    // Table 1 holds both old groups' work (homework included), the second group's renamed.
    expect(hasNote(first.doc, 'excel')).toBe(true)
    expect(hasNote(first.doc, 'projekt')).toBe(true)
    expect(hasNote(first.doc, 'esdh_2')).toBe(true)
    expect(hasNote(second.doc, 'excel')).toBe(false)
    expect(hasNote(second.doc, 'esdh')).toBe(false)
    // The earlier workshop's posters are untouched by the copy.
    const old = connect(
      posterDocName(posterOf(await view(w1.workshopId, w1.organizerKey), 0, 2).id),
      w1.organizerKey,
    )
    expect(await old.outcome).toBe('synced')
    expect(hasNote(old.doc, 'esdh')).toBe(true)
  })

  it("starts from workshop 1's synthesis", async () => {
    const v = await view(w2.workshopId, w2.organizerKey)
    const synthesis = connect(synthesisDocName(v.rounds[0].id), w2.organizerKey)
    expect(await synthesis.outcome).toBe('synced')
    expect(JSON.stringify([...readRecords(synthesis.doc).values()])).toContain('Vi bruger Excel-ark til alt')
  })

  it('keeps the default grouping: table N continues from table N', async () => {
    const res = await call(`/workshops/${w1.workshopId}/follow-up`, {
      body: { title: 'Workshop 2b', date: '2026-11-17', rounds: [{ title: 'R', questions: [] }] },
      key: w1.organizerKey,
    })
    expect(res.status).toBe(201)
    const w = (await res.json()) as CreateWorkshopResponse
    expect(w.tables.map((t) => t.name)).toEqual(['Trin 1', 'Trin 2'])
    const v = await view(w.workshopId, w.organizerKey)
    const second = connect(posterOf(v, 0, 2).docName, w.organizerKey)
    expect(await second.outcome).toBe('synced')
    expect(hasNote(second.doc, 'esdh')).toBe(true)
    expect(hasNote(second.doc, 'excel')).toBe(false)
  })

  it('is one series with the homework in between', async () => {
    const s = await api<SeriesView>(`/workshops/${w2.workshopId}/series`, { key: w2.organizerKey })
    expect(s.seriesId).toBe(w1.workshopId)
    expect(s.workshops.map((x) => x.title)).toEqual(['Workshop 1: AS IS', 'Workshop 2: TO BE', 'Workshop 2b'])
    expect(s.workshops[0].homework?.questions).toEqual(['Skriv erfaringer fra jeres projekter ind'])
  })

  it('is deleted with the whole series by the first organizer', async () => {
    expect(
      (await call(`/workshops/${w1.workshopId}/series`, { method: 'DELETE', key: w1.facilitatorKey })).status,
    ).toBe(403)
    const res = await call(`/workshops/${w1.workshopId}/series`, { method: 'DELETE', key: w1.organizerKey })
    expect(res.status).toBe(204)
    expect((await call(`/workshops/${w1.workshopId}`, { key: w1.organizerKey })).status).toBe(401)
    expect((await call(`/workshops/${w2.workshopId}`, { key: w2.organizerKey })).status).toBe(401)
    expect(
      (await call('/join', { body: { code: anna.token.slice(0, 6), name: 'x' } })).status,
    ).toBeGreaterThanOrEqual(400)
  })
})
