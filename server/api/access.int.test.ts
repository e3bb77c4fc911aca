/**
 * The access matrix over real WebSockets with stock y-websocket clients: who may read and who
 * may write table A's poster, and that a refused write reaches neither storage nor others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { controlDocName, posterIdOf } from '../../shared/docNames'
import type { WorkshopService } from '../domain/WorkshopService'
import { hasNote, noteArrives, PosterClient } from '../testing/PosterClient'
import { testNote } from '../testing/testNote'
import { type ApiTestServer, startApiTestServer } from './apiTestServer'

let server: ApiTestServer
let workshops: WorkshopService
let url: string
let w: CreateWorkshopResponse
let view: WorkshopView
let posterA: string
let tokenA: string
let tokenB: string
const clients: PosterClient[] = []

const api = <T>(path: string, body?: unknown, key?: string) => server.api<T>(path, body, key)

function connect(docName: string, token: string | null): PosterClient {
  const client = new PosterClient(`${url.replace('http', 'ws')}/sync`, docName, 'client', { token })
  clients.push(client)
  return client
}

function addNote(doc: Y.Doc, id: string, text: string): void {
  doc.transact(() => writeRecord(getRecordKV(doc), testNote(id, 1, text)))
}

const has = hasNote
const waitFor = noteArrives

async function stored(docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const state = await server.documents.load(docName)
  if (state) Y.applyUpdate(doc, state)
  return doc
}

beforeAll(async () => {
  server = await startApiTestServer()
  workshops = server.workshops
  url = server.url
  w = await api<CreateWorkshopResponse>('/api/workshops', {
    title: 'Adgang',
    date: '2026-11-22',
    rounds: [{ title: 'Runde 1', questions: ['Hvad virker?'] }],
    tables: 2,
  })
  view = await api<WorkshopView>(`/api/workshops/${w.workshopId}`, undefined, w.organizerKey)
  posterA = view.posters.find((p) => p.tableId === w.tables[0].id)?.docName as string
  tokenA = (await api<JoinResponse>('/api/join', { code: w.tables[0].joinCode, name: 'Anna' })).token
  tokenB = (await api<JoinResponse>('/api/join', { code: w.tables[1].joinCode, name: 'Bo' })).token
  await workshops.setRoundPhase(view.rounds[0].id, 'writing')
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

describe("access to table A's poster", () => {
  it('everyone allowed to read gets the seeded template; refused ones get their close code', async () => {
    const cases: Array<[string, string | null, 'synced' | number]> = [
      ['organizer', w.organizerKey, 'synced'],
      ['facilitator', w.facilitatorKey, 'synced'],
      ['participant A', tokenA, 'synced'],
      ['screen', w.screenKey, 'synced'],
      ['participant B', tokenB, CloseCode.Forbidden],
      ['no token', null, CloseCode.Unauthorized],
      ['unknown token', 'AAAAAAAAAAAAAAAAAAAAAAAA', CloseCode.Unauthorized],
    ]
    for (const [who, token, expected] of cases) {
      const client = connect(posterA, token)
      expect(await client.outcome, who).toBe(expected)
      const frames = [...readRecords(client.doc).values()].filter((r) => r.type === 'frame')
      expect(frames.length, who).toBe(expected === 'synced' ? 1 : 0)
    }
  })

  it('organizer, facilitator and participant A write; the write is stored and reaches the others', async () => {
    const observer = connect(posterA, w.screenKey)
    expect(await observer.outcome).toBe('synced')
    for (const [who, token] of [
      ['organizer', w.organizerKey],
      ['facilitator', w.facilitatorKey],
      ['participantA', tokenA],
    ] as const) {
      const client = connect(posterA, token)
      expect(await client.outcome).toBe('synced')
      addNote(client.doc, `by-${who}`, who)
      await waitFor(observer.doc, `by-${who}`)
      expect(has(await stored(posterA), `by-${who}`), who).toBe(true)
      expect(client.denied).toEqual([])
    }
  })

  it("refuses the screen's write, and participant A's once the round is locked: neither is stored or relayed", async () => {
    const observer = connect(posterA, w.organizerKey)
    const screen = connect(posterA, w.screenKey)
    const anna = connect(posterA, tokenA)
    expect(await Promise.all([observer.outcome, screen.outcome, anna.outcome])).toEqual([
      'synced',
      'synced',
      'synced',
    ])

    const screenDenied = screen.nextDenial()
    addNote(screen.doc, 'by-screen', 'screen')
    await screenDenied

    await workshops.setRoundPhase(view.rounds[0].id, 'locked')
    const annaDenied = anna.nextDenial()
    addNote(anna.doc, 'by-anna-locked', 'too late')
    await annaDenied

    // A later permitted write has been relayed, so anything relayed before it has arrived too.
    addNote(observer.doc, 'marker', 'marker')
    const check = connect(posterA, w.facilitatorKey)
    expect(await check.outcome).toBe('synced')
    await waitFor(check.doc, 'marker')
    for (const doc of [observer.doc, check.doc, await stored(posterA)]) {
      expect(has(doc, 'by-screen')).toBe(false)
      expect(has(doc, 'by-anna-locked')).toBe(false)
    }
    await workshops.setRoundPhase(view.rounds[0].id, 'writing')
  })

  it('participant B reads (never writes) while A presents, and not after', async () => {
    await workshops.setPresenting(w.workshopId, posterIdOf(posterA)!)
    const bo = connect(posterA, tokenB)
    expect(await bo.outcome).toBe('synced')
    const denied = bo.nextDenial()
    addNote(bo.doc, 'by-bo', 'not my table')
    await denied
    await workshops.setPresenting(w.workshopId, null)
    expect(await connect(posterA, tokenB).outcome).toBe(CloseCode.Forbidden)
    expect(has(await stored(posterA), 'by-bo')).toBe(false)
  })

  it("refuses another workshop's keys with Forbidden", async () => {
    const other = await api<CreateWorkshopResponse>('/api/workshops', {
      title: 'Andet',
      date: '2026-11-22',
      rounds: [{ title: 'R' }],
      tables: 1,
    })
    expect(await connect(posterA, other.organizerKey).outcome).toBe(CloseCode.Forbidden)
    expect(await connect(controlDocName(w.workshopId), other.screenKey).outcome).toBe(CloseCode.Forbidden)
  })
})
