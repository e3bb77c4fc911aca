import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateWorkshopResponse, WorkshopView } from '../../shared/api'
import { parseCsv } from '../../shared/csv'
import { getRecordKV, writeRecord } from '../../shared/docLayout'
import { posterDocName } from '../../shared/docNames'
import { noteRecord } from '../../shared/testing/posterFixtures'
import { type ApiTestServer, startApiTestServer } from '../api/apiTestServer'
import { posterInitialState } from '../domain/posterSeed'
import { closeSqliteDatabase, openSqliteDatabase } from '../storage/sqliteDatabase'
import { docFromState } from './posterContent'

let server: ApiTestServer
let dataDir: string

beforeAll(async () => {
  server = await startApiTestServer()
  dataDir = (server.documents as unknown as { db: { name: string } }).db.name.replace(/\/plenum\.db$/, '')
})
afterAll(async () => server.close())

async function call(method: string, path: string, key?: string, body?: unknown) {
  const headers: Record<string, string> = {}
  if (key) headers.authorization = `Bearer ${key}`
  let payload: BodyInit | undefined
  if (body instanceof Uint8Array) {
    headers['content-type'] = 'application/zip'
    payload = body as Uint8Array<ArrayBuffer>
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body: payload })
  const bytes = new Uint8Array(await res.arrayBuffer())
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(strFromU8(bytes))
  } catch {}
  return { status: res.status, json, bytes, headers: res.headers }
}

async function createWorkshop(): Promise<CreateWorkshopResponse> {
  const res = await call('POST', '/api/workshops', undefined, {
    title: 'Kloge kvadratmeter',
    date: '2026-03-05',
    place: 'Århus',
    rounds: [
      { title: 'AS IS', questions: ['Hvad virker?', 'Hvad driller?'] },
      { title: 'TO BE', questions: ['Hvad vil vi?'] },
    ],
    tables: 2,
  })
  expect(res.status).toBe(201)
  return res.json as unknown as CreateWorkshopResponse
}

async function view(w: CreateWorkshopResponse): Promise<WorkshopView> {
  return (await call('GET', `/api/workshops/${w.workshopId}`, w.organizerKey)).json as unknown as WorkshopView
}

/** Writes a note the way a room does: the seed is stored first, then the client's update. */
async function addNote(posterId: string, text: string) {
  const docName = posterDocName(posterId)
  let stored = await server.documents.load(docName)
  if (!stored) {
    stored = await posterInitialState(
      { workshops: server.workshops, documents: server.documents, allowSandbox: true },
      posterId,
    )
    await server.documents.append(docName, stored)
  }
  const doc = docFromState(stored)
  const before = Y.encodeStateVector(doc)
  doc.transact(() => writeRecord(getRecordKV(doc), noteRecord({ text, x: 2000, y: Math.random() * 1000 })))
  await server.documents.append(docName, Y.encodeStateAsUpdate(doc, before))
}

function countRows(table: string, workshopId: string): number {
  const db = openSqliteDatabase(join(dataDir, 'plenum.db'))
  try {
    return (
      db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE workshop_id = ?`).get(workshopId) as { n: number }
    ).n
  } finally {
    closeSqliteDatabase(db)
  }
}

describe('archive API', () => {
  it('is described in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/import', '/api/workshops/{id}/snapshots/{snapshotId}/restore']),
    )
    expect(doc.paths['/api/workshops/{id}/export/workshop.zip'].get).toBeDefined()
  })

  it('keeps a snapshot as it was, and restores it as a new poster without touching the source', async () => {
    const w = await createWorkshop()
    const v = await view(w)
    const [r1, r2] = v.rounds
    const poster = v.posters.find((p) => p.roundId === r1.id)!
    await addNote(poster.id, 'før')
    const taken = await call('POST', `/api/workshops/${w.workshopId}/snapshots`, w.facilitatorKey, {
      posterId: poster.id,
    })
    expect(taken.status).toBe(201)
    await addNote(poster.id, 'efter')

    const snap = await call(
      'GET',
      `/api/workshops/${w.workshopId}/snapshots/${taken.json.id}`,
      w.organizerKey,
    )
    expect((snap.json.text as Array<{ text: string }>).map((n) => n.text)).toEqual(['før'])
    const live = await call('GET', `/api/workshops/${w.workshopId}/export/notes.json`, w.organizerKey)
    expect((live.json.notes as Array<{ text: string }>).map((n) => n.text).sort()).toEqual(['efter', 'før'])
    const tldr = await call(
      'GET',
      `/api/workshops/${w.workshopId}/snapshots/${taken.json.id}/poster.tldr`,
      w.organizerKey,
    )
    expect(tldr.headers.get('content-disposition')).toContain('attachment')
    expect(JSON.parse(strFromU8(tldr.bytes)).tldrawFileFormatVersion).toBe(1)

    const list = await call(
      'GET',
      `/api/workshops/${w.workshopId}/snapshots?tableId=${poster.tableId}`,
      w.facilitatorKey,
    )
    expect((list.json.snapshots as unknown[]).length).toBe(1)
    expect((await call('GET', `/api/workshops/${w.workshopId}/snapshots`, w.screenKey)).status).toBe(403)
    expect((await call('GET', `/api/workshops/${w.workshopId}/snapshots`)).status).toBe(401)

    const restored = await call(
      'POST',
      `/api/workshops/${w.workshopId}/snapshots/${taken.json.id}/restore`,
      w.organizerKey,
      { target: 'poster', roundId: r2.id, tableId: poster.tableId },
    )
    expect(restored.status).toBe(201)
    const after = await view(w)
    const target = after.posters.find((p) => p.roundId === r2.id && p.tableId === poster.tableId)!
    expect(target.id).toBe(restored.json.posterId)
    expect(after.posters.find((p) => p.id === poster.id)).toBeDefined()
    const notes = (await call('GET', `/api/workshops/${w.workshopId}/export/notes.json`, w.organizerKey)).json
      .notes as Array<{ text: string; posterId: string }>
    expect(notes.filter((n) => n.posterId === target.id).map((n) => n.text)).toEqual(['før'])
    expect(
      notes
        .filter((n) => n.posterId === poster.id)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['efter', 'før'])

    const bad = await call(
      'POST',
      `/api/workshops/${w.workshopId}/snapshots/${taken.json.id}/restore`,
      w.organizerKey,
      {
        target: 'poster',
        roundId: 'nope',
        tableId: poster.tableId,
      },
    )
    expect(bad.status).toBe(400)
    expect(bad.json.error).toMatch(/round "nope"/)
  })

  it('exports a ZIP that imports as a new workshop with the same notes and rounds; refuses a corrupted one', async () => {
    const w = await createWorkshop()
    const v = await view(w)
    for (const [i, p] of v.posters.entries()) await addNote(p.id, `Note ${i}: æøå, "citat"`)
    const csv = await call('GET', `/api/workshops/${w.workshopId}/export/notes.csv`, w.organizerKey)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(parseCsv(strFromU8(csv.bytes))).toHaveLength(1 + v.posters.length)
    const md = await call('GET', `/api/workshops/${w.workshopId}/export/summary.md`, w.organizerKey)
    expect(strFromU8(md.bytes)).toContain('## Runde 1: AS IS')

    const zip = await call('GET', `/api/workshops/${w.workshopId}/export/workshop.zip`, w.organizerKey)
    expect(zip.status).toBe(200)
    const imported = await call('POST', '/api/import', undefined, zip.bytes)
    expect(imported.status).toBe(201)
    const copy = imported.json as unknown as CreateWorkshopResponse
    expect(copy.workshopId).not.toBe(w.workshopId)
    const notesOf = async (x: CreateWorkshopResponse) =>
      (
        (await call('GET', `/api/workshops/${x.workshopId}/export/notes.json`, x.organizerKey)).json
          .notes as Array<{
          roundTitle: string
          tableName: string
          question: string
          text: string
        }>
      )
        .map((n) => `${n.roundTitle}|${n.tableName}|${n.question}|${n.text}`)
        .sort()
    expect(await notesOf(copy)).toEqual(await notesOf(w))
    expect((await view(copy)).rounds.map((r) => r.title)).toEqual(['AS IS', 'TO BE'])

    const files = unzipSync(zip.bytes)
    files['workshop.json'] = strToU8(strFromU8(files['workshop.json']).replace('AS IS', 'HACKED'))
    const before = countRows('workshop_rounds', copy.workshopId)
    const corrupted = await call('POST', '/api/import', undefined, zipSync(files))
    expect(corrupted.status).toBe(400)
    expect(corrupted.json.error).toMatch(/workshop\.json is damaged/)
    const garbage = await call('POST', '/api/import', undefined, strToU8('PK this is no zip'))
    expect(garbage.status).toBe(400)
    expect(garbage.json.error).toMatch(/not a ZIP/)
    const db = openSqliteDatabase(join(dataDir, 'plenum.db'))
    const hacked = db.prepare("SELECT COUNT(*) AS n FROM workshop_rounds WHERE title = 'HACKED'").get() as {
      n: number
    }
    closeSqliteDatabase(db)
    expect(hacked.n).toBe(0)
    expect(countRows('workshop_rounds', copy.workshopId)).toBe(before)
  })

  it('deleting a workshop leaves no snapshot rows and no documents', async () => {
    const w = await createWorkshop()
    const v = await view(w)
    const poster = v.posters[0]
    await addNote(poster.id, 'slettes')
    const taken = await call('POST', `/api/workshops/${w.workshopId}/snapshots`, w.organizerKey, {
      posterId: poster.id,
    })
    const copy = await call(
      'POST',
      `/api/workshops/${w.workshopId}/snapshots/${taken.json.id}/restore`,
      w.organizerKey,
      {
        target: 'standalone',
      },
    )
    expect(copy.status).toBe(201)
    expect(copy.json.url).toMatch(/\/p\/s-/)
    expect(countRows('snapshots', w.workshopId)).toBe(1)

    expect((await call('DELETE', `/api/workshops/${w.workshopId}`, w.organizerKey)).status).toBe(204)
    expect(countRows('snapshots', w.workshopId)).toBe(0)
    expect(countRows('workshop_posters', w.workshopId)).toBe(0)
    const remaining = [
      ...(await server.documents.list(posterDocName(poster.id))),
      ...(await server.documents.list(copy.json.docName as string)),
    ]
    expect(remaining).toEqual([])
  })
})
