/**
 * Memory of an idle loaded room: `rooms` sandbox posters (blank, or holding `notes` sticky
 * notes) loaded through the `RoomRegistry` from SQLite, with nobody connected, measured as the
 * growth of the V8 heap plus external memory after a full garbage collection, per room. The
 * bare Y.Doc of the same state is measured the same way, for comparison (it is what the
 * reference server keeps per document). Run alone with `npx tsx bench/roomMemory.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as Y from 'yjs'
import { defaultConfig } from '../server/config'
import { SqliteDocumentStore } from '../server/storage/SqliteDocumentStore'
import { RoomRegistry } from '../server/sync/RoomRegistry'
import { getRecordKV, seedDocument, writeRecord } from '../shared/docLayout'
import { blankPosterRecords, serializedPosterSchema } from '../shared/posterSchema'
import { noteRecord } from './lib/benchRecords'

/** Bytes per idle room, and per bare Y.Doc of the same state. */
export interface RoomMemoryResult {
  notes: number
  rooms: number
  stateBytes: number
  bytesPerRoom: number
  bytesPerYDoc: number
}

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function used(): number {
  for (let i = 0; i < 3; i++) gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}

function posterState(notes: number): Uint8Array {
  const doc = new Y.Doc()
  seedDocument(doc, blankPosterRecords(), serializedPosterSchema())
  doc.transact(() => {
    for (let i = 0; i < notes; i++) writeRecord(getRecordKV(doc), noteRecord(`n${i}`, i + 20, `note ${i}`))
  })
  return Y.encodeStateAsUpdate(doc)
}

/** Loads `rooms` idle rooms of posters holding `notes` notes and measures them. */
export async function measureRoomMemory(notes: number, rooms = 40): Promise<RoomMemoryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-room-memory-'))
  const store = new SqliteDocumentStore(dir)
  await store.init()
  const state = posterState(notes)
  const names = Array.from({ length: rooms }, (_, i) => `s-memory${notes}x${i}`)
  for (const name of names) await store.append(name, state)
  const registry = new RoomRegistry({
    store,
    config: { ...defaultConfig, roomUnloadGraceMs: 3_600_000 },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    // Rooms are loaded directly here; nobody connects.
    authorize: async () => ({ role: 'sandbox', canWrite: () => true }),
  })
  try {
    const before = used()
    for (const name of names) await registry.get(name)
    const bytesPerRoom = (used() - before) / rooms
    const docsBefore = used()
    const docs = names.map(() => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state)
      return doc
    })
    const bytesPerYDoc = (used() - docsBefore) / rooms
    docs.length = 0
    return { notes, rooms, stateBytes: state.byteLength, bytesPerRoom, bytesPerYDoc }
  } finally {
    await registry.closeAll()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const notes of [0, 300]) console.log(await measureRoomMemory(notes))
}
