import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { deleteRecord, getRecordKV, type JsonRecord, readRecords, writeRecord } from './docLayout'
import { RecordCache } from './RecordCache'

const note = (id: string, x: number, text = 'tekst'): JsonRecord =>
  ({ id, typeName: 'shape', type: 'note', x, y: 0, props: { text } }) as unknown as JsonRecord

describe('RecordCache', () => {
  it('follows remote edits and keeps unchanged records identical', () => {
    const server = new Y.Doc()
    const kv = getRecordKV(server)
    server.transact(() => {
      writeRecord(kv, note('shape:a', 1))
      writeRecord(kv, note('shape:b', 2))
    })
    const wall = new Y.Doc()
    const cache = new RecordCache(wall)
    server.on('update', (u: Uint8Array) => Y.applyUpdate(wall, u))
    Y.applyUpdate(wall, Y.encodeStateAsUpdate(server))

    const first = cache.records()
    expect([...first.keys()].sort()).toEqual(['shape:a', 'shape:b'])
    const a = first.get('shape:a')
    const b = first.get('shape:b')

    server.transact(() => writeRecord(kv, note('shape:b', 20, 'ny'), note('shape:b', 2)))
    const second = cache.records()
    expect(second.get('shape:a')).toBe(a)
    expect(second.get('shape:b')).not.toBe(b)
    expect(second.get('shape:b')?.x).toBe(20)

    server.transact(() => deleteRecord(kv, 'shape:a'))
    expect(cache.records().has('shape:a')).toBe(false)
    // The cache agrees with a full read of the document.
    expect(new Map(cache.records())).toEqual(readRecords(wall))
    cache.destroy()
  })

  it('reads what a document already holds when created', () => {
    const doc = new Y.Doc()
    writeRecord(getRecordKV(doc), note('shape:c', 3))
    expect(new RecordCache(doc).records().get('shape:c')?.x).toBe(3)
  })

  it('keeps the records shown before the sync where the synced document agrees', () => {
    const doc = new Y.Doc()
    const cache = new RecordCache(doc)
    const shown = new Map([
      ['shape:same', note('shape:same', 1)],
      ['shape:moved', note('shape:moved', 2)],
      ['shape:gone', note('shape:gone', 3)],
    ])
    // What the socket brings: one note moved since, one deleted, one new.
    const kv = getRecordKV(doc)
    doc.transact(() => {
      writeRecord(kv, note('shape:same', 1))
      writeRecord(kv, note('shape:moved', 50))
      writeRecord(kv, note('shape:new', 4))
    })
    cache.reuse(shown)
    const synced = cache.records()
    expect(synced.get('shape:same')).toBe(shown.get('shape:same'))
    expect(synced.get('shape:moved')?.x).toBe(50)
    expect(synced.has('shape:gone')).toBe(false)
    expect(synced.has('shape:new')).toBe(true)
  })
})
