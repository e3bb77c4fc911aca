import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { PermissionDeniedReason } from '../../shared/protocol'
import { defaultConfig } from '../config'
import { Room, type RoomLimits } from './Room'
import { MemoryDocumentStore, memoryLogger, noteRecord, TestClient, testAccess, until } from './testDoubles'

const limits: RoomLimits = {
  maxMessageBytes: defaultConfig.maxMessageBytes,
  maxDocumentBytes: defaultConfig.maxDocumentBytes,
  maxBufferedBytes: defaultConfig.maxBufferedBytes,
  compactAfterUpdates: 500,
}

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

async function openRoom(
  name = 's-test',
  overrides: Partial<RoomLimits> = {},
  store = new MemoryDocumentStore(),
) {
  const room = await Room.load({ name, store, limits: { ...limits, ...overrides }, logger: memoryLogger() })
  cleanups.push(() => room.destroy())
  return { room, store }
}

async function connect(room: Room, canWrite = true): Promise<TestClient> {
  const client = new TestClient()
  cleanups.push(() => client.destroy())
  const conn = room.join(client.socket, testAccess(canWrite))
  client.socket.onClose = () => room.leave(conn)
  client.open((data) => room.receive(conn, data))
  await until(() => client.synced, 'initial sync')
  await room.flush()
  return client
}

const addNote = (client: TestClient, id = 'shape:n1', text = 'hi') =>
  client.doc.transact(() => writeRecord(getRecordKV(client.doc), noteRecord(id, text)))

describe('Room', () => {
  it('hands a new client the seeded blank poster in the handshake', async () => {
    const { room, store } = await openRoom()
    const client = await connect(room)
    const records = readRecords(client.doc)
    expect(records.get('page:poster')?.typeName).toBe('page')
    expect(records.get('document:document')?.typeName).toBe('document')
    // The seed itself was stored before anyone saw it.
    expect(readRecords(await store.stored('s-test')).has('page:poster')).toBe(true)
  })

  it('stores an update and relays it to the other clients', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    const b = await connect(room)
    addNote(a)
    await until(() => readRecords(b.doc).has('shape:n1'), 'relay to b')
    expect(readRecords(await store.stored('s-test')).get('shape:n1')?.x).toBe(10)
  })

  it('relays only after storage has the update', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    const b = await connect(room)
    let open = () => {}
    store.gate = new Promise<void>((resolve) => {
      open = resolve
    })
    const appendsBefore = store.appends
    addNote(a)
    await new Promise((r) => setTimeout(r, 30))
    expect(readRecords(b.doc).has('shape:n1')).toBe(false)
    open()
    store.gate = null
    await until(() => readRecords(b.doc).has('shape:n1'), 'relay after append')
    expect(store.appends).toBe(appendsBefore + 1)
  })

  it('answers a sync step 1 with stored writes only while later ones are on their way', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    const c = await connect(room)
    let openFirst = () => {}
    let openSecond = () => {}
    const second = new Promise<void>((resolve) => {
      openSecond = resolve
    })
    store.gate = new Promise<void>((resolve) => {
      openFirst = resolve
    })
    addNote(a, 'shape:first')
    const step2s = () => c.received.filter((f) => f[0] === 0 && f[1] === 1).length
    const before = step2s()
    // c asks while the first note is on its way; the second note arrives after c asked.
    c.requestSync()
    addNote(a, 'shape:second')
    store.gate = second
    openFirst()
    await until(() => step2s() === before + 1, 'the answer once the first note is stored')
    const frame = decoding.createDecoder(c.received.filter((f) => f[0] === 0 && f[1] === 1).at(-1)!)
    decoding.readVarUint(frame)
    decoding.readVarUint(frame)
    const keys = Y.decodeUpdate(decoding.readVarUint8Array(frame)).structs.flatMap((struct) =>
      struct instanceof Y.Item && struct.content instanceof Y.ContentAny
        ? struct.content.arr.map((e: { key: string }) => e.key)
        : [],
    )
    // The answer holds the stored first note, never the second that storage does not have yet.
    expect(keys).toContain('shape:first/typeName')
    expect(keys.some((key) => key.startsWith('shape:second/'))).toBe(false)
    expect(readRecords(c.doc).has('shape:second')).toBe(false)
    openSecond()
    store.gate = null
    await until(() => readRecords(c.doc).has('shape:second'), 'relay of the second note')
  })

  it('refuses writes of a read-only client with permission-denied, storing and relaying nothing', async () => {
    const { room, store } = await openRoom()
    const writer = await connect(room)
    const reader = await connect(room, false)
    // The read-only client's handshake (its sync step 2 with nothing new) is no error.
    expect(reader.denied).toEqual([])
    expect(reader.socket.readyState).toBe(1)
    const appends = store.appends
    addNote(reader)
    await until(() => reader.denied.length > 0, 'permission denied')
    expect(reader.denied[0]).toBe(PermissionDeniedReason.ReadOnly)
    await room.flush()
    expect(store.appends).toBe(appends)
    expect(readRecords(writer.doc).has('shape:n1')).toBe(false)
    // It still receives the writer's edits.
    addNote(writer, 'shape:n2')
    await until(() => readRecords(reader.doc).has('shape:n2'), 'relay to reader')
  })

  it('closes a client that sends an invalid record and keeps the others going', async () => {
    const { room, store } = await openRoom()
    const bad = await connect(room)
    const good = await connect(room)
    bad.doc.transact(() => writeRecord(getRecordKV(bad.doc), { ...noteRecord(), x: 'abc' }))
    await until(() => bad.socket.closeCode !== null, 'close of bad client')
    expect(bad.socket.closeCode).toBe(CloseCode.InvalidRecord)
    expect(readRecords(await store.stored('s-test')).has('shape:n1')).toBe(false)
    expect(readRecords(good.doc).has('shape:n1')).toBe(false)
    addNote(good, 'shape:n2')
    await room.flush()
    expect(readRecords(room.doc).has('shape:n2')).toBe(true)
  })

  it('closes a client that sends garbage with MalformedMessage', async () => {
    const { room } = await openRoom()
    const bad = await connect(room)
    const good = await connect(room)
    bad.send(new Uint8Array([0, 2, 200, 1, 2, 3]))
    expect(bad.socket.closeCode).toBe(CloseCode.MalformedMessage)
    bad.send(new Uint8Array([0]))
    addNote(good)
    await room.flush()
    expect(readRecords(room.doc).has('shape:n1')).toBe(true)
  })

  it('enforces the message and document size limits', async () => {
    const { room } = await openRoom('s-limits', { maxMessageBytes: 2000, maxDocumentBytes: 4000 })
    const a = await connect(room)
    a.send(new Uint8Array(2001))
    expect(a.socket.closeCode).toBe(CloseCode.MessageTooLarge)
    const b = await connect(room)
    for (let i = 0; i < 20 && b.socket.closeCode === null; i++) {
      addNote(b, `shape:big${i}`, 'x'.repeat(300))
      await room.flush()
    }
    expect(b.socket.closeCode).toBe(CloseCode.DocumentTooLarge)
  })

  it('closes with StorageError when storage fails, relaying nothing, and reloads from storage', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    const b = await connect(room)
    store.failAppends = new Error('disk full')
    addNote(a)
    await until(() => a.socket.closeCode !== null, 'close')
    expect(a.socket.closeCode).toBe(CloseCode.StorageError)
    await room.flush()
    expect(readRecords(b.doc).has('shape:n1')).toBe(false)
    // The room held the refused write, so it closes; the others reconnect to it loaded again.
    expect(b.socket.closeCode).toBe(CloseCode.Restarting)
    store.failAppends = null
    const { room: reloaded } = await openRoom('s-test', {}, store)
    const c = await connect(reloaded)
    expect(readRecords(c.doc).has('shape:n1')).toBe(false)
    addNote(c, 'shape:n2')
    await reloaded.flush()
    expect(readRecords(await store.stored('s-test')).has('shape:n2')).toBe(true)
    expect(readRecords(await store.stored('s-test')).has('shape:n1')).toBe(false)
  })

  it('stores writes that arrive during an append together, checked against the ones before', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    const b = await connect(room)
    let open = () => {}
    store.gate = new Promise<void>((resolve) => {
      open = resolve
    })
    const appends = store.appends
    addNote(a, 'shape:g1')
    // Edits of a note whose creation is not stored yet are validated against it.
    getRecordKV(a.doc).set('shape:g1/x', 500)
    addNote(a, 'shape:g2')
    a.doc.transact(() => getRecordKV(a.doc).set('shape:g2/props.color', 'nope'))
    await until(() => a.socket.closeCode !== null, 'invalid colour refused')
    expect(a.socket.closeCode).toBe(CloseCode.InvalidRecord)
    open()
    store.gate = null
    await room.flush()
    // One append for the first write, one for the three that waited behind it.
    expect(store.appends).toBe(appends + 2)
    await until(() => readRecords(b.doc).get('shape:g1')?.x === 500, 'relay of the batch')
    expect(readRecords(b.doc).get('shape:g2')?.props).toMatchObject({ color: 'yellow' })
  })

  it('stores its own removal of a key set concurrently, and nothing of its own for plain edits', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    const appends = store.appends
    // Two offline copies set the same field; their updates reach the server one after the other.
    const first = new Y.Doc()
    Y.applyUpdate(first, Y.encodeStateAsUpdate(a.doc))
    writeRecord(getRecordKV(first), noteRecord('shape:c1'))
    const second = new Y.Doc()
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first))
    getRecordKV(first).set('shape:c1/x', 1)
    getRecordKV(second).set('shape:c1/x', 2)
    const base = Y.encodeStateVector(a.doc)
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(first, base))
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(second, base))
    await room.flush()
    expect(store.appends).toBeGreaterThan(appends)
    const entries = (await store.stored('s-test')).getArray<{ key: string }>('records').toArray()
    expect(entries.filter((e) => e.key === 'shape:c1/x')).toHaveLength(1)
    // A plain edit is stored as sent: one append, no write of the server's own.
    const before = store.appends
    a.doc.transact(() => a.doc.getArray('records').push([{ key: 'shape:c1/y', val: 40 }]))
    await room.flush()
    expect(store.appends).toBe(before + 1)
  })

  it('answers a sync step 1 only once the writes before it are stored', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    const step2s = () => a.received.filter((f) => f[0] === 0 && f[1] === 1).length
    const before = step2s()
    let open = () => {}
    store.gate = new Promise<void>((resolve) => {
      open = resolve
    })
    addNote(a, 'shape:confirm')
    a.requestSync()
    await new Promise((r) => setTimeout(r, 30))
    expect(step2s()).toBe(before)
    open()
    store.gate = null
    await until(() => step2s() === before + 1, 'step 2 after the write is stored')
    expect(readRecords(await store.stored('s-test')).has('shape:confirm')).toBe(true)
  })

  it('drops a client that stopped reading as a slow consumer', async () => {
    const { room } = await openRoom('s-slow', { maxBufferedBytes: 1000 })
    const writer = await connect(room)
    const slow = await connect(room)
    slow.socket.bufferedAmount = 5000
    addNote(writer)
    await room.flush()
    expect(slow.socket.closeCode).toBe(CloseCode.SlowConsumer)
    expect(writer.socket.closeCode).toBeNull()
  })

  it('relays awareness changes once and drops the echoes clients send back', async () => {
    const { room } = await openRoom()
    const a = await connect(room)
    const b = await connect(room)
    const c = await connect(room)
    const awarenessFrames = (client: TestClient) => client.received.filter((f) => f[0] === 1).length
    const before = awarenessFrames(a)
    a.awareness.setLocalStateField('user', { name: 'Ada' })
    await until(() => b.awareness.getStates().get(a.doc.clientID) !== undefined, 'awareness to b')
    await until(() => c.awareness.getStates().get(a.doc.clientID) !== undefined, 'awareness to c')
    await new Promise((r) => setTimeout(r, 30))
    // b and c re-sent a's state (as the stock client does); none of it came back to anyone.
    expect(awarenessFrames(a)).toBe(before)
    expect(awarenessFrames(b)).toBe(1)
    // When a leaves, the others see its presence go.
    a.socket.close(1000)
    await until(() => !b.awareness.getStates().has(a.doc.clientID), 'awareness removal')
  })

  it('applies server-side edits in order, stored and broadcast', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    await room.transact((doc) => writeRecord(getRecordKV(doc), noteRecord('shape:srv')))
    await until(() => readRecords(a.doc).has('shape:srv'), 'server edit to client')
    expect(readRecords(await store.stored('s-test')).has('shape:srv')).toBe(true)
  })

  it('rejects a server-side edit storage refused, and works again once reloaded from storage', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    store.failAppends = new Error('disk full')
    await expect(
      room.transact((doc) => writeRecord(getRecordKV(doc), noteRecord('shape:lost'))),
    ).rejects.toThrow('disk full')
    expect(readRecords(a.doc).has('shape:lost')).toBe(false)
    expect(a.socket.closeCode).toBe(CloseCode.Restarting)
    store.failAppends = null
    const { room: reloaded } = await openRoom('s-test', {}, store)
    const b = await connect(reloaded)
    await reloaded.transact((doc) => writeRecord(getRecordKV(doc), noteRecord('shape:kept')))
    await until(() => readRecords(b.doc).has('shape:kept'), 'edit after recovery')
    expect(readRecords(b.doc).has('shape:lost')).toBe(false)
    expect(readRecords(await store.stored('s-test')).has('shape:lost')).toBe(false)
  })

  it('merges what another instance stored while the fan-out was down', async () => {
    const { room, store } = await openRoom()
    const a = await connect(room)
    // Another instance's client wrote a note; its fan-out message never arrived.
    const elsewhere = new Y.Doc()
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(room.doc))
    const before = Y.encodeStateVector(elsewhere)
    elsewhere.transact(() => writeRecord(getRecordKV(elsewhere), noteRecord('shape:remote')))
    await store.append('s-test', Y.encodeStateAsUpdate(elsewhere, before))
    await room.mergeFromStorage()
    await until(() => readRecords(a.doc).has('shape:remote'), 'merged note reaches the client')
    // Writes keep validating against the merged state.
    getRecordKV(a.doc).set('shape:remote/x', 42)
    await room.flush()
    expect(readRecords(await store.stored('s-test')).get('shape:remote')?.x).toBe(42)
    expect(a.socket.closeCode).toBeNull()
  })

  it('compacts the log in the background after enough updates', async () => {
    const { room, store } = await openRoom('s-compact', { compactAfterUpdates: 5 })
    const a = await connect(room)
    for (let i = 0; i < 6; i++) {
      a.doc.transact(() => getRecordKV(a.doc).set('page:poster/name', `Poster ${i}`))
      await room.flush()
    }
    expect(store.states.has('s-compact')).toBe(true)
    expect(readRecords(await store.stored('s-compact')).get('page:poster')?.name).toBe('Poster 5')
  })

  it('loads what storage has instead of seeding again', async () => {
    const store = new MemoryDocumentStore()
    const first = await openRoom('s-reload', {}, store)
    const a = await connect(first.room)
    addNote(a)
    await first.room.flush()
    first.room.destroy()
    const { room } = await openRoom('s-reload', {}, store)
    expect(readRecords(room.doc).has('shape:n1')).toBe(true)
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(room.doc))
    expect(readRecords(fresh).size).toBe(3)
  })

  it('never accepts writes on a workshop control document', async () => {
    const { room, store } = await openRoom('w-ws1')
    const a = await connect(room, true)
    a.doc.getMap('control').set('phase', 'voting')
    await until(() => a.denied.length > 0, 'permission denied')
    expect(store.appends).toBe(0)
  })
})
