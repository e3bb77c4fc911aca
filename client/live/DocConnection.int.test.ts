/**
 * The one client connection for live documents against a real server on port 0: a watcher
 * never shows up as a person at the poster, a read-only connection is told so and its edit is
 * never reported saved, and the browser's offline/online events drop the socket at once and
 * bring it back at once, with edits made meanwhile confirmed after the return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { type ApiTestServer, startApiTestServer } from '../../server/api/apiTestServer'
import { testNote } from '../../server/testing/testNote'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../../shared/api'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { PermissionDeniedReason } from '../../shared/protocol'
import { DocConnection, type DocConnectionOptions } from './DocConnection'
import { anyOffline } from './offlineDocs'

// The browser globals DocConnection listens to, as plain event targets (Node has no window).
const browserWindow = new EventTarget()
const browserDocument = Object.assign(new EventTarget(), { visibilityState: 'visible' })
Object.assign(globalThis, { window: browserWindow, document: browserDocument })

let server: ApiTestServer
let serverUrl: string
let w: CreateWorkshopResponse
let posterA: string
let anna: string
const open: DocConnection[] = []

function connect(options: Omit<DocConnectionOptions, 'serverUrl' | 'WebSocketPolyfill'>): DocConnection {
  const c = new DocConnection({
    ...options,
    serverUrl,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  open.push(c)
  return c
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

const names = (c: DocConnection) =>
  [...c.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name).sort()

beforeAll(async () => {
  server = await startApiTestServer()
  const { url, api } = server
  serverUrl = `${url.replace('http', 'ws')}/sync`
  w = await api<CreateWorkshopResponse>('/api/workshops', {
    title: 'Forbindelsen',
    date: '2026-11-22',
    rounds: [{ title: 'Runde 1', questions: ['Hvad virker?'] }],
    tables: 1,
  })
  const view = await api<WorkshopView>(`/api/workshops/${w.workshopId}`, undefined, w.organizerKey)
  posterA = view.posters[0].docName
  anna = (await api<JoinResponse>('/api/join', { code: w.tables[0].joinCode, name: 'Anna' })).token
  await api(`/api/workshops/${w.workshopId}/rounds/${view.rounds[0].id}/start`, {}, w.facilitatorKey)
})

afterAll(async () => {
  for (const c of open) c.destroy()
  await server.close()
})

describe('DocConnection', () => {
  it('shows a participant to the others, and never a watcher', async () => {
    const person = connect({ docName: posterA, token: anna })
    person.awareness.setLocalStateField('user', { name: 'Anna' })
    const wall = connect({ docName: posterA, token: w.facilitatorKey, presence: false })
    const other = connect({ docName: posterA, token: w.facilitatorKey })
    other.awareness.setLocalStateField('user', { name: 'Facilitator' })
    await until(() => names(other).includes('Anna'), 'Anna in awareness')
    await until(() => wall.getState().synced, 'the watcher synced')
    expect(names(other)).toEqual(['Anna', 'Facilitator'])
    expect(wall.awareness.getLocalState()).toBeNull()
  })

  it('tells a read-only connection so, and never reports its refused edit as saved', async () => {
    const screen = connect({ docName: posterA, token: w.screenKey, presence: false })
    await until(() => screen.getState().synced, 'screen sync')
    screen.doc.transact(() => writeRecord(getRecordKV(screen.doc), testNote('screen', 1, 'Fra skærmen')))
    await until(() => screen.getState().readOnly, 'the read-only answer')
    expect(screen.getState().denied).toBe(PermissionDeniedReason.ReadOnly)
    await new Promise((r) => setTimeout(r, 500))
    expect(screen.getState().unsaved).toBe(true)
    expect(screen.getState().status).toBe('saving')
  })

  it('drops the socket on the offline event and reconnects at once on online', async () => {
    const phone = connect({ docName: posterA, token: anna })
    await until(() => phone.getState().status === 'saved', 'synced')
    browserWindow.dispatchEvent(new Event('offline'))
    expect(phone.getState().status).toBe('offline')
    expect(phone.provider.ws).toBeNull()
    await new Promise((r) => setTimeout(r, 0))
    expect(anyOffline()).toBe(true)

    phone.doc.transact(() => writeRecord(getRecordKV(phone.doc), testNote('offline', 2, 'Skrevet offline')))
    expect(phone.getState()).toMatchObject({ status: 'offline', unsaved: true })
    const confirmedBefore = phone.getState().confirmed
    expect(phone.editCount()).toBeGreaterThan(confirmedBefore)

    const back = Date.now()
    browserWindow.dispatchEvent(new Event('online'))
    await until(() => phone.getState().status === 'saved', 'saved after online', 2_000)
    const savedAfter = Date.now() - back
    expect(phone.getState().confirmed).toBe(phone.editCount())
    const later = connect({ docName: posterA, token: w.facilitatorKey, presence: false })
    await until(() => later.getState().synced, 'a later reader synced')
    expect(readRecords(later.doc).has('shape:offline')).toBe(true)
    expect(anyOffline()).toBe(false)
    // The first retry after a drop waits at least 150 ms; "at once" is well under that here.
    expect(savedAfter).toBeLessThan(1_000)
  })
})
