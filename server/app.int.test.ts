/**
 * The whole server on port 0: built client with SPA fallback, health, metrics, image assets,
 * a workshop poster opened through the workshop layer, and graceful shutdown.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateWorkshopResponse, WorkshopView } from '../shared/api'
import { CloseCode } from '../shared/closeCodes'
import { getRecordKV, readRecords, writeRecord } from '../shared/docLayout'
import { createServer } from './app'
import { defaultConfig } from './config'
import { createLogger } from './logger'
import { noteRecord, until } from './sync/testDoubles'
import { testProvider } from './testing/testProvider'

const dataDir = mkdtempSync(join(tmpdir(), 'plenum-app-'))
const clientDir = join(dataDir, 'client')
mkdirSync(join(clientDir, 'assets'), { recursive: true })
writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Plenum</title><div id="root"></div>')
writeFileSync(join(clientDir, 'assets', 'main-abc123.js'), 'console.log("plenum")')

const logLines: string[] = []
const server = await createServer(
  { ...defaultConfig, port: 0, host: '127.0.0.1', dataDir, clientDir, maxAssetBytes: 1024 },
  { logger: createLogger('debug', (line) => logLines.push(line)) },
)
const { url } = await server.listen()
const wsUrl = `${url.replace('http', 'ws')}/sync`
let closed = false
afterAll(async () => {
  if (!closed) await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

function provider(docName: string, params: Record<string, string> = {}) {
  const doc = new Y.Doc()
  const p = testProvider(wsUrl, docName, doc, {
    params,
  })
  const closes: number[] = []
  p.on('connection-close', (event) => {
    if (event) closes.push(event.code)
  })
  return { doc, provider: p, closes }
}

describe('createServer', () => {
  it('serves the client, with index.html for client routes and 404 JSON for unknown API paths', async () => {
    for (const path of ['/', '/p/s-abc', '/w/ws1/t/t1/notes', '/join/ABC']) {
      const res = await fetch(url + path)
      expect(res.status, path).toBe(200)
      expect(await res.text()).toContain('<div id="root">')
      expect(res.headers.get('cache-control')).toBe('no-cache')
    }
    const asset = await fetch(`${url}/assets/main-abc123.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404)
    const api = await fetch(`${url}/api/no-such-thing`)
    expect(api.status).toBe(404)
    expect(await api.json()).toHaveProperty('error')
  })

  it('answers health, readiness and metrics', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true })
    const ready = await fetch(`${url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ ready: true, storage: true })
    const metrics = await (await fetch(`${url}/metrics`)).text()
    expect(metrics).toContain('# TYPE plenum_persist_seconds histogram')
    expect(metrics).toMatch(/plenum_rooms \d+/)
  })

  it('stores uploaded images and serves them with long cache headers', async () => {
    const form = new FormData()
    form.set('file', new Blob([PNG], { type: 'image/png' }), 'dot.png')
    const res = await fetch(`${url}/api/assets?doc=s-img`, { method: 'POST', body: form })
    expect(res.status).toBe(201)
    const { url: assetUrl } = (await res.json()) as { url: string }
    expect(assetUrl).toMatch(/^\/api\/assets\/s-img\.[a-f0-9]{32}$/)
    const got = await fetch(url + assetUrl)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(got.headers.get('cache-control')).toContain('max-age=31536000')
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG)
    const raw = await fetch(`${url}/api/assets`, {
      method: 'POST',
      body: PNG,
      headers: { 'content-type': 'image/png' },
    })
    expect(raw.status).toBe(201)
  })

  it('refuses non-images, fake images and images over the size limit', async () => {
    const post = (body: BodyInit, type: string) =>
      fetch(`${url}/api/assets`, { method: 'POST', body, headers: { 'content-type': type } })
    const text = await post('hello', 'text/plain')
    expect(text.status).toBe(415)
    expect((await text.json()).error).toMatch(/only images/)
    expect((await post('not a png', 'image/png')).status).toBe(400)
    const big = new Uint8Array(2048)
    big.set(PNG)
    expect((await post(big, 'image/png')).status).toBe(413)
    expect((await fetch(`${url}/api/assets/s-img.${'0'.repeat(32)}`)).status).toBe(404)
  })

  it('opens a workshop poster seeded by the server for the organizer and refuses a bad key', async () => {
    const created = await fetch(`${url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Klimadag',
        date: '2026-11-23',
        rounds: [{ title: 'Runde 1', questions: ['Hvad virker?'] }],
        tables: 2,
      }),
    })
    expect(created.status).toBe(201)
    const workshop = (await created.json()) as CreateWorkshopResponse
    const view = (await (
      await fetch(`${url}/api/workshops/${workshop.workshopId}`, {
        headers: { authorization: `Bearer ${workshop.organizerKey}` },
      })
    ).json()) as WorkshopView
    const docName = view.posters[0].docName
    const organizer = provider(docName, { token: workshop.organizerKey })
    await until(() => organizer.provider.synced, 'organizer synced', 5000)
    expect(readRecords(organizer.doc).size).toBeGreaterThan(2)
    organizer.doc.transact(() => writeRecord(getRecordKV(organizer.doc), noteRecord('shape:org')))
    const stranger = provider(docName, { token: 'not-a-key' })
    stranger.provider.shouldReconnect = () => false
    await until(() => stranger.closes.length > 0, 'stranger refused')
    expect(stranger.closes[0]).toBe(CloseCode.Unauthorized)
    stranger.provider.destroy()
    const room = await server.rooms.get(docName)
    await until(() => readRecords(room.doc).has('shape:org'), 'organizer edit stored')
    organizer.provider.destroy()
    // Images for a workshop poster need a key that may write to it.
    const upload = (headers: Record<string, string>) =>
      fetch(`${url}/api/assets?doc=${docName}`, {
        method: 'POST',
        body: PNG,
        headers: { 'content-type': 'image/png', ...headers },
      })
    expect((await upload({})).status).toBe(403)
    expect((await upload({ authorization: `Bearer ${workshop.screenKey}` })).status).toBe(403)
    const stored = await upload({ authorization: `Bearer ${workshop.organizerKey}` })
    expect(stored.status).toBe(201)
    expect(((await stored.json()) as { url: string }).url).toContain(`/api/assets/${docName}.`)
  })

  it('never logs tokens or query strings', () => {
    const all = logLines.join('\n')
    expect(all).not.toContain('not-a-key')
    expect(all).not.toMatch(/token=/)
  })

  it('shuts down gracefully: writes kept, clients told to reconnect', async () => {
    const client = provider('s-shutdown')
    await until(() => client.provider.synced, 'synced', 5000)
    client.doc.transact(() => writeRecord(getRecordKV(client.doc), noteRecord('shape:late')))
    const room = await server.rooms.get('s-shutdown')
    await until(() => readRecords(room.doc).has('shape:late'), 'write received')
    closed = true
    await server.close()
    await until(() => client.closes.length > 0, 'close seen')
    expect(client.closes[0]).toBe(CloseCode.Restarting)
    client.provider.destroy()
    // A new server on the same data dir has the write.
    const again = await createServer({
      ...defaultConfig,
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDir,
      logLevel: 'silent',
    })
    const doc = new Y.Doc()
    const state = await again.store.load('s-shutdown')
    if (state) Y.applyUpdate(doc, state)
    await again.close()
    expect(readRecords(doc).has('shape:late')).toBe(true)
  })
})
