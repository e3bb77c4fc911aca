/**
 * Access that changes while people are connected, over a real server and stock y-websocket
 * clients: the organizer re-issues the facilitator or screen key (the old one stops working on
 * the API and the WebSocket), and a participant reading another table's poster during its
 * presentation loses it when the presentation moves on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import {
  type CreateWorkshopResponse,
  type JoinResponse,
  rotatedKeySchema,
  type WorkshopView,
  workshopViewSchema,
} from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordKV, writeRecord } from '../../shared/docLayout'
import { controlDocName } from '../../shared/docNames'
import { hasNote, noteArrives, PosterClient } from '../testing/PosterClient'
import { testNote } from '../testing/testNote'
import { type ApiTestServer, startApiTestServer } from './apiTestServer'

let server: ApiTestServer
let w: CreateWorkshopResponse
let view: WorkshopView
const clients: PosterClient[] = []

async function call(method: string, path: string, key: string | null, body?: unknown): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function ok<T>(res: Promise<Response>): Promise<T> {
  const r = await res
  if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`)
  return (await r.json()) as T
}

/** A client of `docName`: `opened` is 'synced' or the refusal's close code. */
function connect(docName: string, token: string) {
  const client = new PosterClient(`${server.url.replace('http', 'ws')}/sync`, docName, 'client', { token })
  clients.push(client)
  return { doc: client.doc, opened: client.outcome, closed: client.closed }
}

function addNote(doc: Y.Doc, id: string): void {
  doc.transact(() => writeRecord(getRecordKV(doc), testNote(id, 1, id)))
}

const has = hasNote
const waitFor = noteArrives

const posterOf = (tableIndex: number) =>
  view.posters.find((p) => p.tableId === w.tables[tableIndex].id && p.roundId === view.rounds[0].id)
    ?.docName as string

beforeAll(async () => {
  server = await startApiTestServer()
  w = await ok<CreateWorkshopResponse>(
    call('POST', '/workshops', null, {
      title: 'Skiftende adgang',
      date: '2026-11-22',
      rounds: [{ title: 'Runde 1', questions: ['Hvad virker?'] }],
      tables: 3,
    }),
  )
  view = workshopViewSchema.parse(await ok(call('GET', `/workshops/${w.workshopId}`, w.organizerKey)))
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
})

describe('re-issuing the facilitator and screen keys', () => {
  it('is for the organizer only', async () => {
    const anna = await ok<JoinResponse>(
      call('POST', '/join', null, { code: w.tables[0].joinCode, name: 'Anna' }),
    )
    for (const [who, key] of [
      ['facilitator', w.facilitatorKey],
      ['screen', w.screenKey],
      ['participant', anna.token],
    ] as const) {
      const res = await call('POST', `/workshops/${w.workshopId}/keys/facilitator`, key)
      expect(res.status, who).toBe(403)
    }
    expect((await call('POST', `/workshops/${w.workshopId}/keys/screen`, null)).status).toBe(401)
    const organizerRole = await call('POST', `/workshops/${w.workshopId}/keys/organizer`, w.organizerKey)
    expect(organizerRole.status).toBe(400)
    expect(await organizerRole.json()).toMatchObject({ field: 'role' })
    // Nothing was re-issued by the refused calls.
    expect((await call('GET', `/workshops/${w.workshopId}`, w.facilitatorKey)).status).toBe(200)
    expect((await call('GET', `/workshops/${w.workshopId}`, w.screenKey)).status).toBe(200)
  })

  it('gives a working new link; the old key is refused on the API and the WebSocket, and open connections close', async () => {
    const poster = posterOf(0)
    const oldScreen = connect(poster, w.screenKey)
    const oldWall = connect(controlDocName(w.workshopId), w.facilitatorKey)
    expect(await Promise.all([oldScreen.opened, oldWall.opened])).toEqual(['synced', 'synced'])

    for (const role of ['facilitator', 'screen'] as const) {
      const old = role === 'facilitator' ? w.facilitatorKey : w.screenKey
      const rotated = rotatedKeySchema.parse(
        await ok(call('POST', `/workshops/${w.workshopId}/keys/${role}`, w.organizerKey)),
      )
      expect(rotated.role).toBe(role)
      expect(rotated.key).not.toBe(old)
      const path = role === 'facilitator' ? 'wall' : 'screen'
      expect(rotated.url).toBe(`${server.url}/w/${w.workshopId}/${path}#k=${rotated.key}`)

      expect((await call('GET', `/workshops/${w.workshopId}`, old)).status, role).toBe(401)
      const seen = workshopViewSchema.parse(await ok(call('GET', `/workshops/${w.workshopId}`, rotated.key)))
      expect(seen.role).toBe(role)
      expect(await connect(poster, old).opened, role).toBe(CloseCode.Unauthorized)
      expect(await connect(poster, rotated.key).opened, role).toBe('synced')
    }

    // A write to the poster reaches the new screen link; the connection opened with the old
    // screen key is closed instead of receiving it.
    const organizer = connect(poster, w.organizerKey)
    expect(await organizer.opened).toBe('synced')
    addNote(organizer.doc, 'after-rotation')
    expect(await oldScreen.closed).toBe(CloseCode.Forbidden)
    expect(has(oldScreen.doc, 'after-rotation')).toBe(false)
  })
})

describe("reading another table's poster during its presentation", () => {
  it('ends when the presentation moves to another table: no further updates reach the reader', async () => {
    const facilitator = rotatedKeySchema.parse(
      await ok(call('POST', `/workshops/${w.workshopId}/keys/facilitator`, w.organizerKey)),
    ).key
    const [a, b] = [w.tables[0], w.tables[1]]
    const anna = await ok<JoinResponse>(call('POST', '/join', null, { code: a.joinCode, name: 'Anna' }))
    const bo = await ok<JoinResponse>(call('POST', '/join', null, { code: b.joinCode, name: 'Bo' }))
    await ok(call('POST', `/workshops/${w.workshopId}/rounds/${view.rounds[0].id}/start`, facilitator, {}))
    await ok(call('POST', `/workshops/${w.workshopId}/present`, facilitator, { tableId: a.id }))

    const posterA = posterOf(0)
    const annaClient = connect(posterA, anna.token)
    const boReads = connect(posterA, bo.token)
    expect(await Promise.all([annaClient.opened, boReads.opened])).toEqual(['synced', 'synced'])
    addNote(annaClient.doc, 'while-presented')
    await waitFor(boReads.doc, 'while-presented')

    await ok(call('POST', `/workshops/${w.workshopId}/present`, facilitator, { tableId: w.tables[2].id }))
    // Table A keeps writing (its round is still open); Bo must not see it any more.
    addNote(annaClient.doc, 'after-presentation')
    const witness = connect(posterA, w.organizerKey)
    expect(await witness.opened).toBe('synced')
    await waitFor(witness.doc, 'after-presentation')
    expect(await boReads.closed).toBe(CloseCode.Forbidden)
    expect(has(boReads.doc, 'after-presentation')).toBe(false)
    expect(await connect(posterA, bo.token).opened).toBe(CloseCode.Forbidden)
  })
})
