/**
 * A series archive against a real server: workshop 1 with homework and a follow-up workshop 2
 * exported as one ZIP, deleted, imported again as one series with new ids (posters, notes,
 * homework and links intact) and deleted as one; the series CSV in story order; and series
 * archives whose links are hostile refused with a message, leaving nothing behind.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../../shared/api'
import type { SeriesView } from '../../shared/seriesApi'
import { type ApiTestServer, apiCalls, startApiTestServer } from '../api/apiTestServer'
import { sha256 } from '../export/workshopZip'
import { noteArrives, PosterClient } from '../testing/PosterClient'
import type { ArchiveSeries } from './seriesArchive'
import { MAX_SERIES_WORKSHOPS } from './seriesImport'

let server: ApiTestServer
let w1: CreateWorkshopResponse
let w2: CreateWorkshopResponse
let seriesZip: Uint8Array
const clients: PosterClient[] = []

const { call, api } = apiCalls(() => server.url)
async function write(docName: string, token: string, key: string, id: string, text: string) {
  const writer = new PosterClient(`${server.url.replace('http', 'ws')}/sync`, docName, 'client', { token })
  const check = new PosterClient(`${server.url.replace('http', 'ws')}/sync`, docName, 'client', {
    token: key,
  })
  clients.push(writer, check)
  expect(await writer.outcome).toBe('synced')
  writer.addNote(id, text)
  await noteArrives(check.doc, id)
}
const view = (id: string, key: string) => api<WorkshopView>(`/workshops/${id}`, { key })
async function importZip(zip: Uint8Array): Promise<Response> {
  return fetch(`${server.url}/api/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/zip' },
    body: zip as Uint8Array<ArrayBuffer>,
  })
}
const workshopCount = async () => (await server.workshops.store.workshopsDatedBefore('9999-12-31')).length
type Notes = { notes: Array<{ text: string; roundTitle: string; tableName: string }> }
const notesOf = async (id: string, key: string) =>
  (await api<Notes>(`/workshops/${id}/export/notes.json`, { key })).notes

/** The series archive with `series.json` changed by `edit`, checksums made to match. */
function tampered(edit: (s: ArchiveSeries, files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(seriesZip)
  const series = JSON.parse(strFromU8(files['series.json'])) as ArchiveSeries
  edit(series, files)
  files['series.json'] = strToU8(JSON.stringify(series))
  const manifest = JSON.parse(strFromU8(files['manifest.json']))
  manifest.files = Object.fromEntries(
    Object.entries(files)
      .filter(([path]) => path !== 'manifest.json')
      .map(([path, data]) => [path, sha256(data)]),
  )
  files['manifest.json'] = strToU8(JSON.stringify(manifest))
  return zipSync(files, { level: 0 })
}

beforeAll(async () => {
  server = await startApiTestServer()
  w1 = await api<CreateWorkshopResponse>('/workshops', {
    body: {
      title: 'Workshop 1: AS IS',
      date: '2026-10-11',
      place: 'Odense',
      rounds: [{ title: 'Runde 1', questions: ['Hvor er vi på trappen?'] }],
      tables: [{ name: 'Trin 1' }, { name: 'Trin 2' }],
    },
  })
  const anna = await api<JoinResponse>('/join', { body: { code: w1.tables[0].joinCode, name: 'Anna' } })
  const v = await view(w1.workshopId, w1.facilitatorKey)
  await api(`/workshops/${w1.workshopId}/rounds/${v.rounds[0].id}/start`, {
    body: {},
    key: w1.facilitatorKey,
  })
  await write(anna.posterDocName, anna.token, w1.organizerKey, 'excel', 'Vi bruger Excel-ark til alt')
  await api(`/workshops/${w1.workshopId}/rounds/${v.rounds[0].id}/lock`, { body: {}, key: w1.facilitatorKey })
  const homework = await api<{ roundId: string }>(`/workshops/${w1.workshopId}/homework`, {
    body: { questions: ['Skriv erfaringer ind'], closesAt: new Date(Date.now() + 3_600_000).toISOString() },
    key: w1.organizerKey,
  })
  const after = await view(w1.workshopId, w1.organizerKey)
  const homeworkPoster = after.posters.find(
    (p) => p.roundId === homework.roundId && p.tableId === anna.tableId,
  )
  await write(homeworkPoster!.docName, anna.token, w1.organizerKey, 'projekt', 'Erfaringer fra projekt Å')
  w2 = await api<CreateWorkshopResponse>(`/workshops/${w1.workshopId}/follow-up`, {
    body: {
      title: 'Workshop 2: TO BE',
      date: '2026-11-16',
      place: 'København',
      rounds: [{ title: 'Runde 1', questions: ['Hvor vil vi hen?'] }],
      tables: [{ name: 'Blandet 1' }],
      groups: [1, 1],
    },
    key: w1.organizerKey,
  })
}, 60_000)

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.close()
})

describe('a series archive', () => {
  it('lists every note of the series in story order: workshop 1, its homework, workshop 2', async () => {
    const res = await call(`/workshops/${w1.workshopId}/export/series-notes.csv`, { key: w1.organizerKey })
    expect(res.status).toBe(200)
    const lines = (await res.text()).split('\r\n').filter(Boolean)
    const at = (text: string, workshop: string) =>
      lines.findIndex((l) => l.includes(text) && l.startsWith(workshop))
    const day = at('Vi bruger Excel-ark til alt', 'Workshop 1')
    const homework = at('Erfaringer fra projekt Å', 'Workshop 1')
    const second = at('Erfaringer fra projekt Å', 'Workshop 2')
    expect(day).toBeGreaterThan(0)
    expect(homework).toBeGreaterThan(day)
    expect(second).toBeGreaterThan(homework)
    expect(lines[homework]).toContain('Hjemmearbejde')
    // The key of workshop 2 reaches workshop 2 only; a facilitator key reaches nothing.
    const own = await (
      await call(`/workshops/${w2.workshopId}/export/series-notes.csv`, { key: w2.organizerKey })
    ).text()
    expect(own).not.toContain('Hjemmearbejde')
    expect(
      (await call(`/workshops/${w1.workshopId}/export/series.zip`, { key: w1.facilitatorKey })).status,
    ).toBe(403)
  })

  it('is exported, deleted, imported as one series with new ids, and deleted as one', async () => {
    const res = await call(`/workshops/${w1.workshopId}/export/series.zip`, { key: w1.organizerKey })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('.zip')
    seriesZip = new Uint8Array(await res.arrayBuffer())
    const before = await workshopCount()
    expect(
      (await call(`/workshops/${w1.workshopId}/series`, { method: 'DELETE', key: w1.organizerKey })).status,
    ).toBe(204)
    expect(await workshopCount()).toBe(before - 2)

    const imported = await importZip(seriesZip)
    expect(imported.status).toBe(201)
    const created = (await imported.json()) as CreateWorkshopResponse & { series: CreateWorkshopResponse[] }
    expect(created.series).toHaveLength(2)
    const [n1, n2] = created.series
    expect(created.workshopId).toBe(n1.workshopId)
    expect([n1.workshopId, n2.workshopId]).not.toContain(w1.workshopId)
    expect([n1.workshopId, n2.workshopId]).not.toContain(w2.workshopId)

    const series = await api<SeriesView>(`/workshops/${n2.workshopId}/series`, { key: n2.organizerKey })
    expect(series.seriesId).toBe(n1.workshopId)
    expect(series.workshops.map((w) => w.title)).toEqual(['Workshop 1: AS IS', 'Workshop 2: TO BE'])
    expect(series.workshops[0].homework?.questions).toEqual(['Skriv erfaringer ind'])
    expect(series.workshops[0].homework?.closed).toBe(false)

    const notes1 = await notesOf(n1.workshopId, n1.organizerKey)
    expect(notes1.map((n) => `${n.roundTitle}: ${n.text}`)).toEqual(
      expect.arrayContaining([
        'Runde 1: Vi bruger Excel-ark til alt',
        'Hjemmearbejde: Erfaringer fra projekt Å',
      ]),
    )
    const notes2 = await notesOf(n2.workshopId, n2.organizerKey)
    expect(notes2.filter((n) => n.tableName === 'Blandet 1').map((n) => n.text)).toEqual(
      expect.arrayContaining(['Vi bruger Excel-ark til alt', 'Erfaringer fra projekt Å']),
    )
    const v2 = await view(n2.workshopId, n2.organizerKey)
    expect(v2.tables.map((t) => t.joinCode)).not.toContain(w2.tables[0].joinCode)

    expect(await workshopCount()).toBe(before)
    expect(
      (await call(`/workshops/${n1.workshopId}/series`, { method: 'DELETE', key: n1.organizerKey })).status,
    ).toBe(204)
    expect(await workshopCount()).toBe(before - 2)
    expect((await call(`/workshops/${n2.workshopId}`, { key: n2.organizerKey })).status).toBe(401)
  })

  it('still imports a single workshop archive as one workshop', async () => {
    const files = unzipSync(seriesZip)
    const inner = Object.keys(files).find((p) => p.startsWith('workshops/01-')) as string
    const res = await importZip(files[inner])
    expect(res.status).toBe(201)
    const created = (await res.json()) as CreateWorkshopResponse & { series?: unknown }
    expect(created.series).toBeUndefined()
    expect(
      (await call(`/workshops/${created.workshopId}`, { method: 'DELETE', key: created.organizerKey }))
        .status,
    ).toBe(204)
  })
})

describe('a hostile series archive', () => {
  const refused = async (zip: Uint8Array, message: RegExp) => {
    const before = await workshopCount()
    const res = await importZip(zip)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toMatch(message)
    expect(await workshopCount()).toBe(before)
  }

  it('with more workshops than a series may hold is refused', async () => {
    await refused(
      tampered((s, files) => {
        const [first] = s.workshops
        for (let i = s.workshops.length; i <= MAX_SERIES_WORKSHOPS; i++) {
          const file = `workshops/x${i}.zip`
          files[file] = files[first.file]
          s.workshops.push({ id: `extra${i}`, previousWorkshopId: first.id, file })
        }
      }),
      /series\.json: workshops/,
    )
  })

  it('whose follow-up points to a workshop not in the archive is refused', async () => {
    await refused(
      tampered((s) => {
        s.workshops[1].previousWorkshopId = 'elsewhere'
      }),
      /follows elsewhere, which is not in the archive/,
    )
  })

  it('whose follow-ups run in a cycle is refused', async () => {
    await refused(
      tampered((s, files) => {
        files['workshops/x.zip'] = files[s.workshops[0].file]
        s.workshops.push({ id: 'third', previousWorkshopId: s.workshops[1].id, file: 'workshops/x.zip' })
        s.workshops[1].previousWorkshopId = 'third'
      }),
      /cycle/,
    )
  })

  it('without a first workshop is refused', async () => {
    await refused(
      tampered((s) => {
        s.workshops[0].previousWorkshopId = s.workshops[1].id
      }),
      /exactly one first workshop/,
    )
  })

  it('whose poster sources name posters not in the archive is refused, and the workshops already imported are removed', async () => {
    await refused(
      tampered((s) => {
        s.posterSources[0].sourcePosterIds = ['nowhere']
      }),
      /sources is not in the archive/,
    )
  })

  it('whose workshops each fit the import bound but together unpack past it is refused', async () => {
    const files = unzipSync(seriesZip)
    // The bytes the workshop import reads of each inner archive (what it counts).
    const read = /^(manifest\.json|workshop\.json|(posters|snapshots|synthesis)\/[^/]+\.(yjs|json))$/
    const unpacked = Object.keys(files)
      .filter((p) => p.startsWith('workshops/'))
      .map((p) =>
        Object.entries(unzipSync(files[p]))
          .filter(([name]) => read.test(name))
          .reduce((sum, [, data]) => sum + data.byteLength, 0),
      )
    const bound = Math.max(...unpacked, seriesZip.byteLength) + 1
    expect(unpacked.reduce((a, b) => a + b, 0)).toBeGreaterThan(bound)
    const small = await startApiTestServer({ maxImportBytes: bound })
    try {
      const res = await fetch(`${small.url}/api/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/zip' },
        body: seriesZip as Uint8Array<ArrayBuffer>,
      })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toMatch(/unpacks to more than/)
      expect(await small.workshops.store.workshopsDatedBefore('9999-12-31')).toEqual([])
    } finally {
      await small.close()
    }
  })

  it('with a damaged workshop inside is refused', async () => {
    const files = unzipSync(seriesZip)
    const inner = Object.keys(files).find((p) => p.startsWith('workshops/02-')) as string
    files[inner] = files[inner].slice(0, files[inner].byteLength - 40)
    await refused(zipSync(files, { level: 0 }), /damaged/)
  })
})
