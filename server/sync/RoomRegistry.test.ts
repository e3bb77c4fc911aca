import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { MessageType } from '../../shared/protocol'
import { defaultConfig } from '../config'
import { RoomRegistry, type RoomRegistryOptions } from './RoomRegistry'
import { MemoryDocumentStore, memoryLogger, noteRecord, TestClient, testAccess, until } from './testDoubles'

const registries: RoomRegistry[] = []
afterEach(async () => {
  for (const r of registries.splice(0)) await r.closeAll()
})

function registry(
  config: Partial<RoomRegistryOptions['config']> = {},
  extra: Partial<RoomRegistryOptions> = {},
) {
  const store = new MemoryDocumentStore()
  const rooms = new RoomRegistry({
    store,
    logger: memoryLogger(),
    config: { ...defaultConfig, roomUnloadGraceMs: 20, ...config },
    authorize: async () => testAccess(),
    ...extra,
  })
  registries.push(rooms)
  return { rooms, store }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Independent updates from one writer, each adding one note. */
function noteUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 0; i < n; i++) doc.transact(() => writeRecord(getRecordKV(doc), noteRecord(`shape:q${i}`)))
  return updates
}

describe('RoomRegistry', () => {
  it('loads a document once for concurrent first connections', async () => {
    const { rooms, store } = registry()
    let release = () => {}
    store.loadGate = new Promise<void>((r) => {
      release = r
    })
    const gets = [rooms.get('s-a'), rooms.get('s-a'), rooms.get('s-a')]
    const clients = [new TestClient(), new TestClient()]
    for (const client of clients) client.open(rooms.connect('s-a', client.socket, testAccess()).receive)
    release()
    const loaded = await Promise.all(gets)
    expect(new Set(loaded).size).toBe(1)
    expect(store.loads).toBe(1)
    await until(() => clients.every((c) => c.synced), 'clients synced')
    expect(loaded[0].connectionCount).toBe(2)
    for (const c of clients) c.destroy()
  })

  it('replays frames that arrived during the load in order', async () => {
    const { rooms, store } = registry()
    let release = () => {}
    store.loadGate = new Promise<void>((r) => {
      release = r
    })
    const watcher = new TestClient()
    watcher.open(rooms.connect('s-queue', watcher.socket, testAccess()).receive)
    const client = new TestClient()
    const handle = rooms.connect('s-queue', client.socket, testAccess())
    client.open(handle.receive)
    const updates = noteUpdates(5)
    for (const u of updates) handle.receive(updateFrame(u))
    release()
    await until(() => client.synced && watcher.synced, 'sync')
    const room = await rooms.get('s-queue')
    await room.flush()
    await until(() => readRecords(watcher.doc).has('shape:q4'), 'relay to watcher')
    // The watcher got them relayed one by one, in the order they were sent.
    const relayed = watcher.received.filter((f) => f[0] === MessageType.Sync && f[1] === 2)
    expect(relayed).toEqual(updates.map(updateFrame))
    for (let i = 0; i < 5; i++) expect(readRecords(room.doc).has(`shape:q${i}`)).toBe(true)
    client.destroy()
    watcher.destroy()
  })

  it('closes a connection whose queue overflows while the room loads', async () => {
    const { rooms, store } = registry({ maxQueuedMessages: 3 })
    store.loadGate = new Promise<void>(() => {})
    const client = new TestClient()
    const handle = rooms.connect('s-overflow', client.socket, testAccess())
    for (let i = 0; i < 4; i++) handle.receive(new Uint8Array([0, 0, 0]))
    expect(client.socket.closeCode).toBe(CloseCode.QueueOverflow)
    client.destroy()
    // Bounded in bytes too: four frames of the largest size fill the queue.
    const big = registry({ maxMessageBytes: 1000 })
    big.store.loadGate = new Promise<void>(() => {})
    const other = new TestClient()
    const bigHandle = big.rooms.connect('s-overflow', other.socket, testAccess())
    for (let i = 0; i < 4; i++) bigHandle.receive(new Uint8Array(1000))
    expect(other.socket.closeCode).toBeNull()
    bigHandle.receive(new Uint8Array(10))
    expect(other.socket.closeCode).toBe(CloseCode.QueueOverflow)
    other.destroy()
  })

  it('unloads a room after the last client left and the grace period passed', async () => {
    const { rooms, store } = registry({ roomUnloadGraceMs: 30 })
    const client = new TestClient()
    const handle = rooms.connect('s-unload', client.socket, testAccess())
    client.open(handle.receive)
    await until(() => client.synced, 'sync')
    client.doc.transact(() => writeRecord(getRecordKV(client.doc), noteRecord('shape:keep')))
    expect(rooms.size).toBe(1)
    client.socket.close(1000)
    handle.closed()
    await new Promise((r) => setTimeout(r, 5))
    expect(rooms.size).toBe(1)
    await until(() => rooms.size === 0, 'unload', 2000)
    // It comes back from storage with what was written.
    const again = await rooms.get('s-unload')
    expect(readRecords(again.doc).has('shape:keep')).toBe(true)
    expect(store.loads).toBe(2)
    client.destroy()
  })

  it('keeps a room loaded while a read-only viewer watches it, and unloads it when the viewer leaves', async () => {
    // The wall of a finished round: its tiles read the posters; nobody writes any more.
    const { rooms } = registry({ roomUnloadGraceMs: 30 })
    const viewer = new TestClient()
    const handle = rooms.connect('s-finished', viewer.socket, testAccess(false))
    viewer.open(handle.receive)
    await until(() => viewer.synced, 'sync')
    await new Promise((r) => setTimeout(r, 100))
    expect(rooms.size).toBe(1)
    viewer.socket.close(1000)
    handle.closed()
    await until(() => rooms.size === 0, 'unload after the viewer left', 2000)
    viewer.destroy()
  })

  it('unloads a room whose only connection closed while it was loading', async () => {
    const { rooms } = registry({ roomUnloadGraceMs: 30 })
    const client = new TestClient()
    const handle = rooms.connect('s-gone', client.socket, testAccess())
    client.socket.close(1000)
    handle.closed()
    await rooms.get('s-gone')
    expect(rooms.size).toBe(1)
    await until(() => rooms.size === 0, 'unload', 2000)
    client.destroy()
  })

  it('keeps a room loaded while a server-side edit runs and persists it', async () => {
    const { rooms, store } = registry({ roomUnloadGraceMs: 0 })
    await rooms.transact('s-srv', (doc) => writeRecord(getRecordKV(doc), noteRecord('shape:srv')))
    const doc = await store.stored('s-srv')
    expect(readRecords(doc).has('shape:srv')).toBe(true)
    await until(() => rooms.size === 0, 'unload after transact')
  })

  it('closes a connection with the code the load failure names', async () => {
    const notFound = Object.assign(new Error('no such poster'), { closeCode: CloseCode.NotFound })
    const { rooms } = registry(
      {},
      {
        hooks: [
          {
            initialState: async () => {
              throw notFound
            },
          },
        ],
      },
    )
    const client = new TestClient()
    rooms.connect('p-missing', client.socket, testAccess())
    await until(() => client.socket.closeCode !== null, 'close')
    expect(client.socket.closeCode).toBe(CloseCode.NotFound)
    expect(rooms.size).toBe(0)
    client.destroy()
  })

  it('deletes a document: its clients are closed and storage forgets it', async () => {
    const { rooms, store } = registry()
    const client = new TestClient()
    client.open(rooms.connect('s-del', client.socket, testAccess()).receive)
    await until(() => client.synced, 'sync')
    await rooms.deleteDocument('s-del')
    expect(client.socket.closeCode).toBe(CloseCode.NotFound)
    expect(await store.load('s-del')).toBeNull()
    client.destroy()
  })

  it('closes every connection with Restarting on shutdown after writes landed', async () => {
    const { rooms, store } = registry()
    const client = new TestClient()
    client.open(rooms.connect('s-bye', client.socket, testAccess()).receive)
    await until(() => client.synced, 'sync')
    let open = () => {}
    store.gate = new Promise<void>((r) => {
      open = r
    })
    client.doc.transact(() => writeRecord(getRecordKV(client.doc), noteRecord('shape:last')))
    const closing = rooms.closeAll(CloseCode.Restarting)
    await new Promise((r) => setTimeout(r, 10))
    expect(client.socket.closeCode).toBeNull()
    open()
    store.gate = null
    await closing
    expect(client.socket.closeCode).toBe(CloseCode.Restarting)
    expect(readRecords(await store.stored('s-bye')).has('shape:last')).toBe(true)
    client.destroy()
  })
})
