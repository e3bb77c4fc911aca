import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { defaultConfig } from '../config'
import { Room } from './Room'
import { MemoryDocumentStore, memoryLogger, noteRecord, TestClient, testAccess, until } from './testDoubles'
import type { Access } from './types'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

async function openRoom(): Promise<Room> {
  const room = await Room.load({
    name: 's-read',
    store: new MemoryDocumentStore(),
    limits: { ...defaultConfig, compactAfterUpdates: 500 },
    logger: memoryLogger(),
  })
  cleanups.push(() => room.destroy())
  return room
}

async function connect(room: Room, access: Access): Promise<TestClient> {
  const client = new TestClient()
  cleanups.push(() => client.destroy())
  const conn = room.join(client.socket, access)
  client.socket.onClose = () => room.leave(conn)
  client.open((data) => room.receive(conn, data))
  await until(() => client.synced, 'initial sync')
  await room.flush()
  return client
}

describe('Room read access', () => {
  it('closes a reader with Forbidden, sending it nothing more, once canRead() turns false', async () => {
    const room = await openRoom()
    let readable = true
    const writer = await connect(room, testAccess(true))
    const reader = await connect(room, { ...testAccess(false), canRead: () => readable })
    const other = await connect(room, testAccess(false))

    writer.doc.transact(() => writeRecord(getRecordKV(writer.doc), noteRecord('shape:seen', 'before')))
    await until(() => readRecords(reader.doc).has('shape:seen'), 'reader gets the first note')

    readable = false
    writer.doc.transact(() => writeRecord(getRecordKV(writer.doc), noteRecord('shape:hidden', 'after')))
    await until(() => readRecords(other.doc).has('shape:hidden'), 'a reader without the check gets it')
    await room.flush()
    expect(reader.socket.closeCode).toBe(CloseCode.Forbidden)
    expect(readRecords(reader.doc).has('shape:hidden')).toBe(false)
    expect(other.socket.closeCode).toBeNull()
    expect(room.connectionCount).toBe(2)
  })
})
