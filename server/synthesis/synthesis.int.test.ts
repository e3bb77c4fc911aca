/**
 * The plenary synthesis against a real server on port 0 with stock y-websocket clients: notes
 * pulled from two tables arrive as copies with their provenance, editing a copy leaves the
 * tables' posters unchanged, themes are suggested and accepted as frames, the room votes on
 * themes, and the synthesis refuses writers the access rule does not allow.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import {
  getRecordKV,
  type JsonRecord,
  type JsonValue,
  readRecords,
  writeRecord,
} from '../../shared/docLayout'
import { posterDocName, synthesisDocName } from '../../shared/docNames'
import { plainTextToRichText, richTextToPlainText } from '../../shared/richText'
import { INBOX_FRAME_ID, provenanceOf, readSynthesis } from '../../shared/synthesis'
import type { RoundNotesResponse, SuggestResponse } from '../../shared/synthesisApi'
import { createServer, type PlenumServer } from '../app'
import { type Config, defaultConfig } from '../config'
import { docFromState } from '../export/posterContent'
import { testNote } from '../testing/testNote'
import { testProvider } from '../testing/testProvider'

let dataDir: string
let server: PlenumServer
let url: string
let w: CreateWorkshopResponse
let roundId: string
let posters: string[]
let anna: JoinResponse
let carl: JoinResponse
const providers: WebsocketProvider[] = []

async function call(path: string, body?: unknown, key?: string): Promise<Response> {
  return fetch(`${url}/api${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
}
async function api<T>(path: string, body?: unknown, key?: string): Promise<T> {
  const res = await call(path, body, key)
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
const synthesis = (tail: string) => `/workshops/${w.workshopId}/synthesis/${roundId}/${tail}`

function connect(docName: string, token: string) {
  const doc = new Y.Doc()
  const provider = testProvider(`${url.replace('http', 'ws')}/sync`, docName, doc, {
    params: { token },
  })
  providers.push(provider)
  let onDenied: (() => void) | null = null
  const original = provider.messageHandlers[2]
  provider.messageHandlers[2] = (encoder, decoder, p, emitSynced, type) => {
    onDenied?.()
    original(encoder, decoder, p, emitSynced, type)
  }
  const outcome = new Promise<'synced' | number>((resolve) => {
    provider.once('sync', (synced: boolean) => synced && resolve('synced'))
    provider.on('connection-close', (event: { code: number } | null) => {
      if (event && event.code >= 4000) {
        provider.disconnect()
        resolve(event.code)
      }
    })
  })
  return { doc, provider, outcome, nextDenial: () => new Promise<void>((r) => (onDenied = r)) }
}

const write = (doc: Y.Doc, record: JsonRecord) => doc.transact(() => writeRecord(getRecordKV(doc), record))
const textOf = (r: JsonRecord | undefined) =>
  richTextToPlainText((r?.props as Record<string, unknown>)?.richText)
const stored = async (docName: string) => {
  const doc = docFromState(await server.store.load(docName))
  const records = readRecords(doc)
  doc.destroy()
  return records
}

/** Waits until `check` holds (setup runs outside a test, where expect.poll is not available). */
async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'plenum-synthesis-int-'))
  const config: Config = {
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    clientDir: join(dataDir, 'none'),
  }
  server = await createServer(config)
  url = (await server.listen()).url
  w = await api<CreateWorkshopResponse>('/workshops', {
    title: 'Kloge kvadratmeter',
    date: '2026-11-22',
    rounds: [{ title: 'AS IS', questions: ['Hvilke IT-værktøjer?', 'Hvilke barrierer er der for data?'] }],
    tables: 2,
  })
  const view = await api<WorkshopView>(`/workshops/${w.workshopId}`, undefined, w.facilitatorKey)
  roundId = view.rounds[0].id
  posters = w.tables.map((t) => view.posters.find((p) => p.tableId === t.id)!.id)
  anna = await api<JoinResponse>('/join', { code: w.tables[0].joinCode, name: 'Anna' })
  carl = await api<JoinResponse>('/join', { code: w.tables[1].joinCode, name: 'Carl' })
  await api(`/workshops/${w.workshopId}/rounds/${roundId}/start`, { minutes: 10 }, w.facilitatorKey)
  // Each table writes two notes on its poster, as a participant's canvas would.
  const texts = [
    ['Alt ligger i Excel-ark', 'SBSYS til journalisering'],
    ['Regnearket med lejemål er forældet', 'Acadre er tungt at søge i'],
  ]
  for (const [t, token] of [anna.token, carl.token].entries()) {
    const client = connect(posterDocName(posters[t]), token)
    expect(await client.outcome).toBe('synced')
    for (const [i, text] of texts[t].entries()) {
      write(client.doc, { ...testNote(`t${t}n${i}`, i, text), meta: { authorName: t ? 'Carl' : 'Anna' } })
    }
    await until(async () => (await stored(posterDocName(posters[t]))).has(`shape:t${t}n1`))
  }
})

afterAll(async () => {
  for (const p of providers) p.destroy()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the synthesis over a real server', () => {
  it('pulls notes from two tables as copies with provenance; editing a copy leaves the sources alone', async () => {
    const notes = await api<RoundNotesResponse>(synthesis('notes'), undefined, w.facilitatorKey)
    expect(notes.notes.map((n) => n.text).sort()).toEqual([
      'Acadre er tungt at søge i',
      'Alt ligger i Excel-ark',
      'Regnearket med lejemål er forældet',
      'SBSYS til journalisering',
    ])
    const excel = notes.notes.find((n) => n.text.startsWith('Alt ligger'))!
    const sheet = notes.notes.find((n) => n.text.startsWith('Regnearket'))!
    const pulled = await api<{ pulled: number }>(
      synthesis('pull'),
      { notes: [excel, sheet].map(({ posterId, noteId }) => ({ posterId, noteId })) },
      w.facilitatorKey,
    )
    expect(pulled.pulled).toBe(2)
    // Pulling again keeps one copy.
    expect(
      (await api<{ pulled: number }>(synthesis('pull'), { notes: [excel] }, w.facilitatorKey)).pulled,
    ).toBe(0)

    const facilitator = connect(synthesisDocName(roundId), w.facilitatorKey)
    expect(await facilitator.outcome).toBe('synced')
    const copies = [...readRecords(facilitator.doc).values()].filter((r) => r.parentId === INBOX_FRAME_ID)
    expect(
      copies.map((c) => [textOf(c), provenanceOf(c)?.tableName, provenanceOf(c)?.authorName]).sort(),
    ).toEqual([
      ['Alt ligger i Excel-ark', 'Bord 1', 'Anna'],
      ['Regnearket med lejemål er forældet', 'Bord 2', 'Carl'],
    ])
    expect(provenanceOf(copies[0])?.roundId).toBe(roundId)

    const copy = copies.find((c) => provenanceOf(c)?.tableName === 'Bord 1')!
    const props = copy.props as Record<string, unknown>
    write(facilitator.doc, {
      ...copy,
      props: { ...props, richText: plainTextToRichText('Excel overalt (rettet)') as unknown as JsonValue },
    })
    await expect
      .poll(async () => textOf((await stored(synthesisDocName(roundId))).get(copy.id)))
      .toBe('Excel overalt (rettet)')
    expect(textOf((await stored(posterDocName(posters[0]))).get('shape:t0n0'))).toBe('Alt ligger i Excel-ark')
  })

  it('suggests themes across tables and lays an accepted one out as a frame with its notes', async () => {
    const suggestion = await api<SuggestResponse>(synthesis('suggest'), {}, w.facilitatorKey)
    const regneark = suggestion.themes.find((t) => t.label.startsWith('Regneark'))
    const esdh = suggestion.themes.find((t) => t.label.startsWith('ESDH'))
    expect(regneark?.notes.map((n) => n.posterId).sort()).toEqual([...posters].sort())
    expect(esdh?.notes).toHaveLength(2)
    const { frameId } = await api<{ frameId: string }>(
      synthesis('themes'),
      { label: 'Regneark overalt', notes: regneark!.notes },
      w.facilitatorKey,
    )
    await api(synthesis('themes'), { label: esdh!.label, notes: esdh!.notes }, w.facilitatorKey)
    const themes = readSynthesis(await stored(synthesisDocName(roundId)))
    expect(themes.map((t) => t.label)).toContain('Regneark overalt')
    const accepted = themes.find((t) => t.frameId === frameId)!
    // The copy pulled before moved into the frame and kept its edit; the other was copied.
    expect(accepted.notes.map((n) => n.text).sort()).toEqual([
      'Excel overalt (rettet)',
      'Regnearket med lejemål er forældet',
    ])
  })

  it('lets the room vote on themes, not on notes, with the round’s dots', async () => {
    await api(
      `/workshops/${w.workshopId}/rounds/${roundId}/voting`,
      { dots: 2, scope: 'synthesis' },
      w.facilitatorKey,
    )
    const [first, second] = readSynthesis(await stored(synthesisDocName(roundId)))
    const vote = (posterId: string, noteId: string) =>
      call(`/workshops/${w.workshopId}/votes`, { posterId, noteId }, anna.token)
    expect((await vote(synthesisDocName(roundId), first.frameId)).status).toBe(201)
    expect((await vote(synthesisDocName(roundId), second.frameId)).status).toBe(201)
    expect((await vote(synthesisDocName(roundId), first.frameId)).status).toBe(409)
    expect(
      (
        await call(
          `/workshops/${w.workshopId}/votes`,
          { posterId: posters[1], noteId: 'shape:t1n0' },
          carl.token,
        )
      ).status,
    ).toBe(409)
    const res = await call(`/workshops/${w.workshopId}/export/notes.json`, undefined, w.organizerKey)
    const { conclusions } = (await res.json()) as { conclusions: { label: string; votes: number }[] }
    expect(conclusions.map((c) => c.votes)).toEqual([1, 1])
  })

  it('refuses writers the access rule does not allow until the facilitator opens the synthesis', async () => {
    expect((await call(synthesis('suggest'), {}, anna.token)).status).toBe(403)
    expect((await call(synthesis('pull'), { question: 0 }, anna.token)).status).toBe(403)
    expect(
      (
        await call(
          synthesis('themes'),
          { label: 'x', notes: [{ posterId: posters[0], noteId: 'shape:t0n0' }] },
          w.screenKey,
        )
      ).status,
    ).toBe(403)
    expect((await call(synthesis('pull'), { question: 0 }, 'not-a-key')).status).toBe(401)
    expect((await call(synthesis('pull'), {}, w.facilitatorKey)).status).toBe(400)

    const annaSynthesis = connect(synthesisDocName(roundId), anna.token)
    expect(await annaSynthesis.outcome).toBe('synced')
    const denied = annaSynthesis.nextDenial()
    write(annaSynthesis.doc, testNote('anna-closed', 30, 'Mine ord'))
    await denied
    const screen = connect(synthesisDocName(roundId), w.screenKey)
    expect(await screen.outcome).toBe('synced')
    const screenDenied = screen.nextDenial()
    write(screen.doc, testNote('screen', 31, 'Skærm'))
    await screenDenied
    expect((await stored(synthesisDocName(roundId))).has('shape:anna-closed')).toBe(false)

    await api(synthesis('open'), { open: true }, w.facilitatorKey)
    // A fresh client: the refused edit above stays in the old one's history (the page is read-only meanwhile).
    const annaOpen = connect(synthesisDocName(roundId), anna.token)
    expect(await annaOpen.outcome).toBe('synced')
    write(annaOpen.doc, testNote('anna-open', 32, 'Nu må jeg'))
    await expect.poll(async () => (await stored(synthesisDocName(roundId))).has('shape:anna-open')).toBe(true)
    expect((await call(synthesis('pull'), { question: 1 }, anna.token)).status).toBe(201)
    await api(synthesis('open'), { open: false }, w.facilitatorKey)
    const deniedAgain = annaOpen.nextDenial()
    write(annaOpen.doc, testNote('anna-late', 33, 'For sent'))
    await deniedAgain

    const other = await api<CreateWorkshopResponse>('/workshops', {
      title: 'Andet',
      date: '2026-11-23',
      rounds: [{ title: 'R', questions: [] }],
      tables: 1,
    })
    expect(await connect(synthesisDocName(roundId), other.facilitatorKey).outcome).toBe(CloseCode.Forbidden)
    expect((await call(synthesis('notes'), undefined, other.facilitatorKey)).status).toBe(403)
  })
})
