/**
 * The sync server end to end: a real server on port 0 with SQLite in a temp dir, stock
 * y-websocket providers and raw WebSocket clients.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { MessageType, PermissionDeniedReason } from '../../shared/protocol'
import { createServer, type PlenumServer, type ServerOverrides } from '../app'
import { type Config, defaultConfig } from '../config'
import { testProvider } from '../testing/testProvider'
import { noteRecord, until } from './testDoubles'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-sync-'))
  dirs.push(dir)
  return dir
}

async function start(dataDir = tempDir(), config: Partial<Config> = {}, overrides: ServerOverrides = {}) {
  const server = await createServer(
    {
      ...defaultConfig,
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDir: join(dataDir, 'no-client'),
      logLevel: 'silent',
      ...config,
    },
    overrides,
  )
  const { url } = await server.listen()
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await server.close()
  }
  cleanups.push(close)
  return { server, url, wsUrl: `${url.replace('http', 'ws')}/sync`, dataDir, close }
}

function provider(wsUrl: string, docName: string, params: Record<string, string> = {}) {
  const doc = new Y.Doc()
  const p = testProvider(wsUrl, docName, doc, { params })
  const closes: number[] = []
  p.on('connection-close', (event) => {
    if (event) closes.push(event.code)
  })
  cleanups.push(() => p.destroy())
  return { doc, provider: p, closes, synced: () => until(() => p.synced, `${docName} synced`, 5000) }
}

/** A raw client: opens the socket and collects frames and the close code. */
async function rawClient(wsUrl: string, docName: string, query = '') {
  const ws = new WebSocket(`${wsUrl}/${docName}${query}`)
  ws.binaryType = 'arraybuffer'
  const frames: Uint8Array[] = []
  let closeCode: number | null = null
  ws.on('message', (data) => frames.push(new Uint8Array(data as ArrayBuffer)))
  ws.on('close', (code) => {
    closeCode = code
  })
  ws.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  cleanups.push(() => ws.terminate())
  return { ws, frames, closeCode: () => closeCode }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

async function storedRecords(server: PlenumServer, docName: string) {
  const doc = new Y.Doc()
  const state = await server.store.load(docName)
  if (state) Y.applyUpdate(doc, state)
  return readRecords(doc)
}

const addNote = (doc: Y.Doc, id = 'shape:n1') =>
  doc.transact(() => writeRecord(getRecordKV(doc), noteRecord(id)))

describe('sync server', () => {
  it('lets two stock y-websocket clients converge on a seeded sandbox poster', async () => {
    const { wsUrl } = await start()
    const a = provider(wsUrl, 's-converge')
    const b = provider(wsUrl, 's-converge')
    await Promise.all([a.synced(), b.synced()])
    expect(readRecords(a.doc).has('page:poster')).toBe(true)
    addNote(a.doc, 'shape:fromA')
    addNote(b.doc, 'shape:fromB')
    await until(
      () => readRecords(a.doc).has('shape:fromB') && readRecords(b.doc).has('shape:fromA'),
      'convergence',
    )
    // Different fields of one shape edited at once both survive.
    getRecordKV(a.doc).set('shape:fromA/x', 111)
    getRecordKV(b.doc).set('shape:fromA/props.color', 'blue')
    const colorOf = (doc: Y.Doc) =>
      (readRecords(doc).get('shape:fromA')?.props as { color?: string } | undefined)?.color
    await until(() => readRecords(b.doc).get('shape:fromA')?.x === 111, 'move reaches b')
    await until(() => colorOf(a.doc) === 'blue', 'colour reaches a')
    expect(readRecords(a.doc).get('shape:fromA')?.x).toBe(111)
    expect(colorOf(b.doc)).toBe('blue')
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc))
  })

  it('keeps every update across a restart on the same data dir', async () => {
    const first = await start()
    const a = provider(first.wsUrl, 's-durable')
    await a.synced()
    for (let i = 0; i < 5; i++) addNote(a.doc, `shape:d${i}`)
    await until(() => first.server.rooms.size === 1, 'room')
    const room = await first.server.rooms.get('s-durable')
    await until(() => readRecords(room.doc).has('shape:d4'), 'server has edits')
    a.provider.destroy()
    await first.close()
    const second = await start(first.dataDir)
    const b = provider(second.wsUrl, 's-durable')
    await b.synced()
    for (let i = 0; i < 5; i++) expect(readRecords(b.doc).has(`shape:d${i}`)).toBe(true)
  })

  it('closes a client that sends garbage with MalformedMessage while another keeps syncing', async () => {
    const { wsUrl } = await start()
    const good = provider(wsUrl, 's-garbage')
    const watcher = provider(wsUrl, 's-garbage')
    await Promise.all([good.synced(), watcher.synced()])
    const bad = await rawClient(wsUrl, 's-garbage')
    bad.ws.send(new Uint8Array([0, 2, 250, 250, 250, 1, 7, 7, 7]))
    await until(() => bad.closeCode() !== null, 'garbage close')
    expect(bad.closeCode()).toBe(CloseCode.MalformedMessage)
    const text = await rawClient(wsUrl, 's-garbage')
    text.ws.send('hello')
    await until(() => text.closeCode() !== null, 'text close')
    expect(text.closeCode()).toBe(CloseCode.MalformedMessage)
    addNote(good.doc, 'shape:after')
    await until(() => readRecords(watcher.doc).has('shape:after'), 'sync after garbage')
  })

  it('refuses an oversized message with MessageTooLarge', async () => {
    const { wsUrl } = await start(undefined, { maxMessageBytes: 64 * 1024 })
    const client = await rawClient(wsUrl, 's-big')
    client.ws.send(new Uint8Array(64 * 1024 + 1))
    await until(() => client.closeCode() !== null, 'close')
    expect(client.closeCode()).toBe(CloseCode.MessageTooLarge)
  })

  it('closes a client writing an invalid tldraw record with InvalidRecord and stores nothing of it', async () => {
    const { wsUrl, server } = await start()
    const bad = provider(wsUrl, 's-invalid')
    const other = provider(wsUrl, 's-invalid')
    await Promise.all([bad.synced(), other.synced()])
    bad.provider.shouldReconnect = () => false
    bad.doc.transact(() => writeRecord(getRecordKV(bad.doc), { ...noteRecord('shape:bad'), x: 'abc' }))
    await until(() => bad.closes.length > 0, 'close')
    expect(bad.closes[0]).toBe(CloseCode.InvalidRecord)
    expect((await storedRecords(server, 's-invalid')).has('shape:bad')).toBe(false)
    expect(readRecords(other.doc).has('shape:bad')).toBe(false)
  })

  it('answers a read-only client with permission-denied; its update reaches neither storage nor others', async () => {
    const { wsUrl, server } = await start(
      undefined,
      {},
      {
        authorize: async (_doc, token) => ({
          role: token === 'screen' ? 'screen' : 'sandbox',
          canWrite: () => token !== 'screen',
        }),
      },
    )
    const writer = provider(wsUrl, 's-readonly')
    const reader = provider(wsUrl, 's-readonly', { token: 'screen' })
    await Promise.all([writer.synced(), reader.synced()])
    const raw = await rawClient(wsUrl, 's-readonly', '?token=screen')
    const intruder = new Y.Doc()
    addNote(intruder, 'shape:ro')
    raw.ws.send(updateFrame(Y.encodeStateAsUpdate(intruder)))
    await until(() => raw.frames.some((f) => f[0] === MessageType.Auth), 'permission denied')
    const denied = decoding.createDecoder(raw.frames.find((f) => f[0] === MessageType.Auth)!)
    decoding.readVarUint(denied)
    decoding.readVarUint(denied)
    expect(decoding.readVarString(denied)).toBe(PermissionDeniedReason.ReadOnly)
    expect(raw.closeCode()).toBeNull()
    addNote(writer.doc, 'shape:rw')
    await until(() => readRecords(reader.doc).has('shape:rw'), 'reader receives writes')
    expect(readRecords(writer.doc).has('shape:ro')).toBe(false)
    expect((await storedRecords(server, 's-readonly')).has('shape:ro')).toBe(false)
  })

  it('refuses malformed document names, unknown kinds and closed documents by default', async () => {
    const { wsUrl } = await start(undefined, { allowSandbox: false })
    const bad = await rawClient(wsUrl, 'x-nope')
    await until(() => bad.closeCode() !== null, 'close')
    expect(bad.closeCode()).toBe(CloseCode.NotFound)
    const sandbox = await rawClient(wsUrl, 's-closed')
    await until(() => sandbox.closeCode() !== null, 'close')
    expect(sandbox.closeCode()).toBe(CloseCode.Forbidden)
  })

  it('limits connections per address', async () => {
    const { wsUrl } = await start(undefined, { maxConnectionsPerIp: 2 })
    const refused = await rawClient(wsUrl, 'zz-unknown')
    await until(() => refused.closeCode() !== null, 'refused')
    const first = await rawClient(wsUrl, 's-many')
    await rawClient(wsUrl, 's-many')
    const third = await rawClient(wsUrl, 's-many')
    await until(() => third.closeCode() !== null, 'close')
    expect(third.closeCode()).toBe(CloseCode.TooManyConnections)
    // A closed connection gives its slot back.
    first.ws.close()
    await until(() => first.closeCode() !== null, 'first closed')
    await new Promise((r) => setTimeout(r, 50))
    const fourth = await rawClient(wsUrl, 's-many')
    await new Promise((r) => setTimeout(r, 200))
    expect(fourth.closeCode()).toBeNull()
  })
})
