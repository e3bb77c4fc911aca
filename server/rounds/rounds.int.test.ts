/**
 * Round control against a real server on port 0 with stock y-websocket clients: locking
 * stops participants (not the facilitator) at once, private notes never reach another
 * participant's client before reveal, dots over the limit are refused, and the round's
 * state survives a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import { readControl } from '../../shared/controlDoc'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { controlDocName, posterDocName, privateDocName, privateDocPrefix } from '../../shared/docNames'
import { createServer, type PlenumServer } from '../app'
import { type Config, defaultConfig } from '../config'
import { hasNote, noteArrives, PosterClient } from '../testing/PosterClient'
import { testNote } from '../testing/testNote'

let dataDir: string
let config: Config
let server: PlenumServer
let url: string
let w: CreateWorkshopResponse
let view: WorkshopView
let roundId: string
let poster1: string
let anna: JoinResponse
let bo: JoinResponse
let carl: JoinResponse
const clients: PosterClient[] = []

async function call(path: string, body?: unknown, key?: string, method?: string): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: method ?? (body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
}
async function api<T>(path: string, body?: unknown, key?: string): Promise<T> {
  const res = await call(path, body, key)
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
const act = (action: string, body: object = {}) =>
  api<{ phase: string }>(`/api/workshops/${w.workshopId}/rounds/${roundId}/${action}`, body, w.facilitatorKey)

function connect(docName: string, token: string): PosterClient {
  const client = new PosterClient(`${url.replace('http', 'ws')}/sync`, docName, 'client', { token })
  clients.push(client)
  return client
}

const addNote = (doc: Y.Doc, id: string, index = 1) =>
  doc.transact(() => writeRecord(getRecordKV(doc), testNote(id, index, id)))
const has = hasNote
const waitFor = noteArrives

async function start(): Promise<void> {
  server = await createServer(config)
  url = (await server.listen()).url
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'plenum-rounds-int-'))
  config = {
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    clientDir: join(dataDir, 'none'),
  }
  await start()
  w = await api<CreateWorkshopResponse>('/api/workshops', {
    title: 'Runder',
    date: '2026-11-22',
    rounds: [{ title: 'Runde 1', questions: ['Formål'] }],
    tables: 2,
  })
  view = await api<WorkshopView>(`/api/workshops/${w.workshopId}`, undefined, w.facilitatorKey)
  roundId = view.rounds[0].id
  poster1 = view.posters.find((p) => p.tableId === w.tables[0].id)!.id
  anna = await api<JoinResponse>('/api/join', { code: w.tables[0].joinCode, name: 'Anna' })
  bo = await api<JoinResponse>('/api/join', { code: w.tables[0].joinCode, name: 'Bo' })
  carl = await api<JoinResponse>('/api/join', { code: w.tables[1].joinCode, name: 'Carl' })
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('rounds over a real server', () => {
  it('private notes reach no other participant before reveal, and everyone after', async () => {
    expect((await act('private', { minutes: 5 })).phase).toBe('private')
    const annaPrivate = connect(privateDocName(poster1, anna.participantId), anna.token)
    const boPrivate = connect(privateDocName(poster1, bo.participantId), bo.token)
    const boPoster = connect(posterDocName(poster1), bo.token)
    expect(await Promise.all([annaPrivate.outcome, boPrivate.outcome, boPoster.outcome])).toEqual([
      'synced',
      'synced',
      'synced',
    ])
    // The private copy starts from the poster: the question frame is there.
    expect([...readRecords(annaPrivate.doc).values()].some((r) => r.type === 'frame')).toBe(true)
    // Bo cannot open Anna's private notes.
    expect(await connect(privateDocName(poster1, anna.participantId), bo.token).outcome).toBe(
      CloseCode.Forbidden,
    )

    addNote(annaPrivate.doc, 'anna-secret')
    addNote(boPrivate.doc, 'bo-own', 2)
    // Anna's note is stored server-side (her own document), so it is not just unsent.
    await expect
      .poll(
        async () => (await server.store.load(privateDocName(poster1, anna.participantId)))?.byteLength ?? 0,
      )
      .toBeGreaterThan(0)
    await expect.poll(() => has(annaPrivate.doc, 'anna-secret')).toBe(true)
    await new Promise((r) => setTimeout(r, 300))
    // Nothing of Anna's reached any document on Bo's client.
    for (const doc of [boPrivate.doc, boPoster.doc]) expect(has(doc, 'anna-secret')).toBe(false)
    // Neither may participants write the poster itself during private writing.
    const denied = boPoster.nextDenial()
    addNote(boPoster.doc, 'bo-on-poster', 3)
    await denied

    expect((await act('reveal')).phase).toBe('reveal')
    await waitFor(boPoster.doc, 'anna-secret')
    await waitFor(boPoster.doc, 'bo-own')
    // The private documents are gone: their connections were closed and storage forgot them.
    expect(await annaPrivate.closed).toBe(CloseCode.NotFound)
    expect(await server.store.list(privateDocPrefix(poster1))).toEqual([])
  })

  it('lock makes participants read-only at once but not the facilitator', async () => {
    const annaPoster = connect(posterDocName(poster1), anna.token)
    const facilitator = connect(posterDocName(poster1), w.facilitatorKey)
    const observer = connect(posterDocName(poster1), w.screenKey)
    await Promise.all([annaPoster.outcome, facilitator.outcome, observer.outcome])
    addNote(annaPoster.doc, 'anna-before-lock', 4)
    await waitFor(observer.doc, 'anna-before-lock')

    expect((await act('lock')).phase).toBe('locked')
    const denied = annaPoster.nextDenial()
    addNote(annaPoster.doc, 'anna-after-lock', 5)
    await denied
    addNote(facilitator.doc, 'facilitator-after-lock', 6)
    await waitFor(observer.doc, 'facilitator-after-lock')
    expect(has(observer.doc, 'anna-after-lock')).toBe(false)
    // A lock snapshot of each poster was stored.
    const snapshots = await api<{ snapshots: Array<{ reason: string }> }>(
      `/api/workshops/${w.workshopId}/snapshots`,
      undefined,
      w.facilitatorKey,
    )
    expect(snapshots.snapshots.filter((s) => s.reason === 'lock')).toHaveLength(2)
  })

  it('refuses dots over the limit, on other tables, and outside voting', async () => {
    const vote = (token: string, noteId: string) =>
      call(`/api/workshops/${w.workshopId}/votes`, { posterId: poster1, noteId }, token)
    expect((await vote(anna.token, 'shape:anna-secret')).status).toBe(409)
    expect((await act('voting', { dots: 2, scope: 'table' })).phase).toBe('voting')
    expect((await vote(anna.token, 'shape:anna-secret')).status).toBe(201)
    expect((await vote(anna.token, 'shape:bo-own')).status).toBe(201)
    const third = await vote(anna.token, 'shape:bo-own')
    expect(third.status).toBe(409)
    expect((await third.json()).error).toMatch(/no dots left/)
    expect((await vote(carl.token, 'shape:bo-own')).status).toBe(409)
    expect((await vote(bo.token, 'shape:does-not-exist')).status).toBe(404)
    expect((await vote(w.facilitatorKey, 'shape:bo-own')).status).toBe(403)
    const control = connect(controlDocName(w.workshopId), bo.token)
    expect(await control.outcome).toBe('synced')
    expect(readControl(control.doc).tallies[poster1]).toEqual({ 'shape:anna-secret': 1, 'shape:bo-own': 1 })
    // A note id is one path segment, percent-encoded once; a stray `%` is a 4xx, never a 500.
    const unvote = (noteId: string) =>
      call(`/api/workshops/${w.workshopId}/votes/${poster1}/${noteId}`, undefined, anna.token, 'DELETE')
    const stray = await unvote('%25')
    expect(stray.status).toBe(409)
    expect((await stray.json()).error).toMatch(/no dot/)
    expect((await unvote(encodeURIComponent('shape:bo-own'))).status).toBe(204)
    expect((await vote(anna.token, 'shape:bo-own')).status).toBe(201)
    expect((await act('lock')).phase).toBe('locked')
    expect((await vote(bo.token, 'shape:bo-own')).status).toBe(409)
  })

  it('refuses round control to participants and bad input with a message', async () => {
    const res = await call(`/api/workshops/${w.workshopId}/rounds/${roundId}/unlock`, {}, anna.token)
    expect(res.status).toBe(403)
    const bad = await call(`/api/workshops/${w.workshopId}/rounds/${roundId}/reveal`, {}, w.facilitatorKey)
    expect(bad.status).toBe(409)
    expect((await bad.json()).error).toMatch(/cannot reveal a round in phase "locked"/)
    expect((await call(`/api/workshops/${w.workshopId}/rounds/${roundId}/unlock`, {})).status).toBe(401)
    const minutes = await call(
      `/api/workshops/${w.workshopId}/timer`,
      { op: 'start', minutes: 'ten' },
      w.facilitatorKey,
    )
    expect(minutes.status).toBe(400)
  })

  it('answers 404 for an unknown workshop, like the other routes', async () => {
    const res = await call(`/api/workshops/no-such-workshop/rounds/${roundId}/start`, {}, w.facilitatorKey)
    expect(res.status).toBe(404)
    expect((await res.json()).error).toMatch(/no such workshop/)
  })

  it('keeps phase, presentation and tallies across a restart', async () => {
    await api(`/api/workshops/${w.workshopId}/present`, { tableId: w.tables[1].id }, w.facilitatorKey)
    for (const c of clients.splice(0)) c.destroy()
    await server.close()
    await start()
    const after = await api<WorkshopView>(`/api/workshops/${w.workshopId}`, undefined, w.facilitatorKey)
    expect(after.rounds[0].phase).toBe('presented')
    const control = connect(controlDocName(w.workshopId), w.screenKey)
    expect(await control.outcome).toBe('synced')
    const state = readControl(control.doc)
    expect(state.presenting?.tableId).toBe(w.tables[1].id)
    expect(state.phase).toBe('presented')
    expect(state.tallies[poster1]['shape:bo-own']).toBe(1)
    // Participants stay read-only after the restart.
    const annaPoster = connect(posterDocName(poster1), anna.token)
    expect(await annaPoster.outcome).toBe('synced')
    const denied = annaPoster.nextDenial()
    addNote(annaPoster.doc, 'after-restart', 7)
    await denied
  })
})
