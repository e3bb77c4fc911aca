import { join } from 'node:path'
import Database from 'better-sqlite3'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  type CreateWorkshopRequest,
  type CreateWorkshopResponse,
  createWorkshopResponseSchema,
  joinResponseSchema,
  participantViewSchema,
  publicWorkshopSchema,
  type WorkshopView,
  workshopViewSchema,
} from '../../shared/api'
import { readRecords } from '../../shared/docLayout'
import { privateDocName, privateDocPrefix } from '../../shared/docNames'
import { posterInitialState as seedPoster } from '../domain/posterSeed'
import { type ApiTestServer, startApiTestServer } from './apiTestServer'

const posterInitialState = (s: ApiTestServer, posterId: string) =>
  seedPoster({ workshops: s.workshops, documents: s.documents, allowSandbox: true }, posterId)

let server: ApiTestServer

beforeAll(async () => {
  server = await startApiTestServer()
})
afterAll(async () => server.close())

async function call(method: string, path: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (key) headers.authorization = `Bearer ${key}`
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {}
  return { status: res.status, body: json as Record<string, unknown> & { error?: string; field?: string } }
}

const valid: CreateWorkshopRequest = {
  title: 'Kloge kommunale kvadratmeter – workshop 1',
  date: '2017-10-11',
  place: 'Odense',
  language: 'da',
  rounds: [
    {
      title: 'AS IS',
      questions: ['Hvordan er det daglige arbejde organiseret?', 'Hvilke IT-værktøjer bruger I?'],
      template: 'questions',
      minutes: 30,
    },
    { title: 'Hjemmearbejde', questions: [], template: 'blank', minutes: 20, copyFromRound: 0 },
  ],
  tables: [{ name: 'Trin 1-2' }, {}, { colour: 'red' }],
}

async function create(body: CreateWorkshopRequest = valid): Promise<CreateWorkshopResponse> {
  const res = await call('POST', '/api/workshops', body)
  expect(res.status).toBe(201)
  // Every response matches the schema the client is typed against.
  return createWorkshopResponseSchema.parse(res.body)
}

describe('POST /api/workshops', () => {
  it('creates the workshop, its tables with codes and the three links', async () => {
    const w = await create()
    expect(w.tables.map((t) => t.name)).toEqual(['Trin 1-2', 'Bord 2', 'Bord 3'])
    expect(w.tables[2].colour).toBe('red')
    for (const t of w.tables) {
      expect(t.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/)
      expect(t.joinUrl).toBe(`${server.url}/join/${t.joinCode}`)
    }
    expect(w.organizerUrl).toBe(`${server.url}/w/${w.workshopId}/setup#k=${w.organizerKey}`)
    expect(w.facilitatorUrl).toContain(`/w/${w.workshopId}/wall#k=`)
    expect(w.screenUrl).toContain(`/w/${w.workshopId}/screen#k=`)
    expect(new Set([w.organizerKey, w.facilitatorKey, w.screenKey]).size).toBe(3)
  })

  it.each([
    [{ ...valid, title: '' }, 'title'],
    [{ ...valid, date: '11/10/2017' }, 'date'],
    [{ ...valid, date: '2017-02-30' }, 'date'],
    [{ ...valid, language: 'sv' }, 'language'],
    [{ ...valid, rounds: [] }, 'rounds'],
    [{ ...valid, rounds: [{ ...valid.rounds[0], template: 'kanban' }] }, 'rounds.0.template'],
    [{ ...valid, rounds: [{ ...valid.rounds[0], copyFromRound: 0 }] }, 'rounds.0.copyFromRound'],
    [{ ...valid, tables: 0 }, 'tables'],
    [{ ...valid, tables: [{ colour: 'pink' }] }, 'tables.0.colour'],
  ])('refuses bad input with 400 naming the field (%#)', async (body, field) => {
    const res = await call('POST', '/api/workshops', body)
    expect(res.status).toBe(400)
    expect(res.body.field).toBe(field)
    expect(res.body.error).toContain(field)
  })

  it('refuses a body that is not JSON', async () => {
    const res = await call('POST', '/api/workshops', '{title: nope')
    expect(res.status).toBe(400)
    expect(res.body.field).toBe('body')
  })
})

describe('GET /api/workshops/:id', () => {
  it('shows the organizer everything, the screen no join codes', async () => {
    const w = await create()
    const org = await call('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey)
    expect(org.status).toBe(200)
    const view = workshopViewSchema.parse(org.body)
    expect(view.role).toBe('organizer')
    expect(view.rounds.map((r) => r.title)).toEqual(['AS IS', 'Hjemmearbejde'])
    expect(view.rounds[1].copyFromRoundId).toBe(view.rounds[0].id)
    expect(view.posters).toHaveLength(6)
    expect(view.tables[0].joinCode).toBe(w.tables[0].joinCode)
    const screen = await call('GET', `/api/workshops/${w.workshopId}`, undefined, w.screenKey)
    expect(screen.status).toBe(200)
    expect(workshopViewSchema.parse(screen.body).tables[0].joinCode).toBeUndefined()
  })

  it('answers 401 without a key or with a wrong one, 403 for another workshop, 404 for an unknown id', async () => {
    const w = await create()
    const other = await create()
    expect((await call('GET', `/api/workshops/${w.workshopId}`)).status).toBe(401)
    expect(
      (await call('GET', `/api/workshops/${w.workshopId}`, undefined, 'not-a-real-key-000000000')).status,
    ).toBe(401)
    expect((await call('GET', `/api/workshops/${w.workshopId}`, undefined, other.organizerKey)).status).toBe(
      403,
    )
    expect((await call('GET', '/api/workshops/nosuchworkshop00', undefined, w.organizerKey)).status).toBe(404)
  })
})

describe('PATCH /api/workshops/:id', () => {
  it('lets the organizer edit title, questions and tables', async () => {
    const w = await create()
    const before = (await call('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey))
      .body as unknown as WorkshopView
    const res = await call(
      'PATCH',
      `/api/workshops/${w.workshopId}`,
      {
        title: 'Workshop 1 – AS IS',
        rounds: [{ ...before.rounds[0], questions: ['Hvilke barrierer er der i forhold til data?'] }],
        tables: [{ id: before.tables[0].id }, { id: before.tables[1].id }, {}, {}],
      },
      w.organizerKey,
    )
    expect(res.status).toBe(200)
    const view = res.body as unknown as WorkshopView
    expect(view.title).toBe('Workshop 1 – AS IS')
    expect(view.rounds).toHaveLength(1)
    expect(view.rounds[0].questions).toEqual(['Hvilke barrierer er der i forhold til data?'])
    expect(view.tables.map((t) => t.name)).toEqual(['Trin 1-2', 'Bord 2', 'Bord 3', 'Bord 4'])
    expect(view.tables[1].joinCode).toBe(w.tables[1].joinCode)
    expect(view.posters).toHaveLength(4)
  })

  it('refuses other roles, bad input and unknown workshops', async () => {
    const w = await create()
    const path = `/api/workshops/${w.workshopId}`
    expect((await call('PATCH', path, { title: 'x' }, w.facilitatorKey)).status).toBe(403)
    expect((await call('PATCH', path, { title: 'x' }, w.screenKey)).status).toBe(403)
    expect((await call('PATCH', path, { title: 'x' })).status).toBe(401)
    const bad = await call('PATCH', path, { date: 'tomorrow' }, w.organizerKey)
    expect(bad.status).toBe(400)
    expect(bad.body.field).toBe('date')
    const unknownRound = await call(
      'PATCH',
      path,
      { rounds: [{ id: 'nosuchround', title: 'x' }] },
      w.organizerKey,
    )
    expect(unknownRound.status).toBe(400)
    expect(unknownRound.body.field).toBe('rounds.0.id')
    expect(
      (await call('PATCH', '/api/workshops/nosuchworkshop00', { title: 'x' }, w.organizerKey)).status,
    ).toBe(404)
  })
})

describe('editing questions of posters that already exist', () => {
  it('updates the frames of opened posters before the round starts', async () => {
    const w = await create()
    const view = (await call('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey))
      .body as unknown as WorkshopView
    const opened = view.posters.find(
      (p) => p.roundId === view.rounds[0].id,
    ) as WorkshopView['posters'][number]
    // Someone opened the poster (e.g. to try the link), so it is stored with the old questions.
    await server.documents.append(opened.docName, await posterInitialState(server, opened.id))
    const res = await call(
      'PATCH',
      `/api/workshops/${w.workshopId}`,
      {
        rounds: [
          { ...view.rounds[0], questions: ['Hvordan er arbejdet organiseret i dag?'] },
          view.rounds[1],
        ],
      },
      w.organizerKey,
    )
    expect(res.status).toBe(200)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, (await server.documents.load(opened.docName)) as Uint8Array)
    const names = [...readRecords(doc).values()]
      .filter((r) => r.type === 'frame')
      .map((r) => (r.props as { name: string }).name)
    expect(names).toEqual(['1. Hvordan er arbejdet organiseret i dag?'])
  })
})

describe('DELETE /api/workshops/:id', () => {
  it('removes the workshop, its documents and its participants', async () => {
    const w = await create()
    const view = (await call('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey))
      .body as unknown as WorkshopView
    const joined = await call('POST', '/api/join', { code: w.tables[0].joinCode, name: 'Mette' })
    for (const p of view.posters) await server.documents.append(p.docName, new Uint8Array([0, 0]))
    await server.documents.append(
      privateDocName(view.posters[0].id, joined.body.participantId as string),
      new Uint8Array([0, 0]),
    )
    await server.documents.append(view.controlDocName, new Uint8Array([0, 0]))
    await server.documents.putAsset(`${view.posters[0].docName}.${'a'.repeat(32)}`, {
      contentType: 'image/png',
      data: new Uint8Array([1]),
    })

    expect((await call('DELETE', `/api/workshops/${w.workshopId}`, undefined, w.facilitatorKey)).status).toBe(
      403,
    )
    expect((await call('DELETE', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey)).status).toBe(
      204,
    )

    for (const p of view.posters) expect(await server.documents.load(p.docName)).toBeNull()
    expect(await server.documents.list(privateDocPrefix(view.posters[0].id))).toEqual([])
    expect(await server.documents.load(view.controlDocName)).toBeNull()
    expect(await server.documents.getAsset(`${view.posters[0].docName}.${'a'.repeat(32)}`)).toBeNull()
    expect((await call('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey)).status).toBe(401)
    expect((await call('GET', '/api/me', undefined, joined.body.token as string)).status).toBe(401)
    expect((await call('GET', `/api/join/${w.tables[0].joinCode}`)).status).toBe(404)
    const other = await create()
    expect(
      (await call('DELETE', '/api/workshops/nosuchworkshop00', undefined, other.organizerKey)).status,
    ).toBe(404)
  })
})

describe('deleting a workshop leaves no trace in the database', () => {
  it('no row of any table mentions the workshop, its posters, tables or participants afterwards', async () => {
    const w = await create()
    const view = (await call('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey))
      .body as unknown as WorkshopView
    const joined = await call('POST', '/api/join', { code: w.tables[0].joinCode, name: 'Mette' })
    const poster = view.posters[0]
    await server.documents.append(poster.docName, await posterInitialState(server, poster.id))
    // A snapshot (archive) too, so every kind of stored data exists before the delete.
    const snap = await call(
      'POST',
      `/api/workshops/${w.workshopId}/snapshots`,
      { posterId: poster.id },
      w.organizerKey,
    )
    expect(snap.status).toBe(201)
    const traces = [
      w.workshopId,
      w.code,
      ...view.posters.map((p) => p.id),
      ...view.tables.map((t) => t.id),
      ...w.tables.map((t) => t.joinCode),
      joined.body.participantId as string,
    ]
    const db = new Database(join(server.dataDir, 'plenum.db'), { readonly: true })
    const dump = () => {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
        name: string
      }>
      const text = (_k: string, v: unknown) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? '' : v)
      return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all(), text)).join('\n')
    }
    expect(traces.filter((t) => dump().includes(t)).length).toBeGreaterThan(5)
    expect((await call('DELETE', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey)).status).toBe(
      204,
    )
    const after = dump()
    db.close()
    for (const trace of traces) expect(after.includes(trace), trace).toBe(false)
  })
})

describe('join', () => {
  it('resolves table codes and workshop codes for the join page', async () => {
    const w = await create()
    const byTable = await call('GET', `/api/join/${w.tables[1].joinCode.toLowerCase()}`)
    expect(byTable.status).toBe(200)
    expect(publicWorkshopSchema.parse(byTable.body).tableId).toBe(w.tables[1].id)
    expect(byTable.body.title).toBe(valid.title)
    const byWorkshop = await call('GET', `/api/join/${w.code}`)
    expect(byWorkshop.body.tableId).toBeNull()
    expect((byWorkshop.body.tables as unknown[]).length).toBe(3)
    const pub = await call('GET', `/api/workshops/${w.workshopId}/public`)
    expect(pub.status).toBe(200)
    expect(JSON.stringify(pub.body)).not.toContain(w.tables[0].joinCode)
    expect((await call('GET', '/api/workshops/nosuchworkshop00/public')).status).toBe(404)
  })

  it('joins with a table code, or the workshop code and a table, and returns the poster', async () => {
    const w = await create()
    const view = (await call('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey))
      .body as unknown as WorkshopView
    const res = await call('POST', '/api/join', { code: w.tables[2].joinCode, name: 'Søren' })
    expect(res.status).toBe(201)
    joinResponseSchema.parse(res.body)
    const poster = view.posters.find((p) => p.roundId === view.rounds[0].id && p.tableId === w.tables[2].id)
    expect(res.body).toMatchObject({
      workshopId: w.workshopId,
      tableId: w.tables[2].id,
      tableName: 'Bord 3',
      roundId: view.rounds[0].id,
    })
    expect(res.body.posterDocName).toBe(poster?.docName)
    const me = await call('GET', '/api/me', undefined, res.body.token as string)
    participantViewSchema.parse(me.body)
    expect(me.body).toMatchObject({ name: 'Søren', tableName: 'Bord 3' })
    expect((await call('GET', '/api/me', undefined, w.organizerKey)).status).toBe(403)

    const byWorkshop = await call('POST', '/api/join', { code: w.code, tableId: w.tables[0].id, name: 'Ida' })
    expect(byWorkshop.body.tableId).toBe(w.tables[0].id)
    const noTable = await call('POST', '/api/join', { code: w.code, name: 'Ida' })
    expect(noTable.status).toBe(400)
    expect(noTable.body.field).toBe('tableId')
    const noName = await call('POST', '/api/join', { code: w.code, tableId: w.tables[0].id, name: '  ' })
    expect(noName.status).toBe(400)
    expect(noName.body.field).toBe('name')
  })
})

describe('GET /api/workshops/:id/cards.pdf', () => {
  it('prints one card per table for the organizer only', async () => {
    const w = await create()
    const res = await fetch(`${server.url}/api/workshops/${w.workshopId}/cards.pdf`, {
      headers: { authorization: `Bearer ${w.organizerKey}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const pdf = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()))
    expect(pdf.getPageCount()).toBe(3)
    expect(
      (await call('GET', `/api/workshops/${w.workshopId}/cards.pdf`, undefined, w.screenKey)).status,
    ).toBe(403)
    expect((await call('GET', `/api/workshops/${w.workshopId}/cards.pdf`)).status).toBe(401)
  })
})

describe('GET /api/openapi.json', () => {
  it('documents every route with the schemas', async () => {
    const res = await call('GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    const paths = Object.keys(res.body.paths as object)
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/workshops',
        '/api/workshops/{id}',
        '/api/join',
        '/api/join/{code}',
        '/api/workshops/{id}/cards.pdf',
      ]),
    )
    const schemas = (res.body.components as { schemas: Record<string, { properties?: object }> }).schemas
    expect(Object.keys(schemas.CreateWorkshopRequest.properties ?? {})).toEqual(
      expect.arrayContaining(['title', 'date', 'rounds', 'tables']),
    )
  })

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await call('GET', '/api/nothing-here')
    expect(res.status).toBe(404)
    expect(res.body.error).toContain('/api/nothing-here')
  })
})
