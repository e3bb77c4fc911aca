import { describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { KeyValueStore, type KVChange } from './KeyValueStore'

type Store = {
  doc: Y.Doc
  set(key: string, val: number): void
  delete(key: string): void
  get(key: string): number | undefined
  entries(): Record<string, number>
  changes: Array<Record<string, KVChange<number>>>
}

/** The same operations over y-utility's YKeyValue and our store, so both are held to one behaviour. */
const implementations: Array<[string, (doc: Y.Doc) => Store]> = [
  [
    'YKeyValue',
    (doc) => {
      const kv = new YKeyValue<number>(doc.getArray('records'))
      const changes: Store['changes'] = []
      kv.on('change', (c: Map<string, KVChange<number>>) => changes.push(Object.fromEntries(c)))
      return wrap(doc, kv, changes)
    },
  ],
  [
    'KeyValueStore',
    (doc) => {
      const kv = new KeyValueStore<number>(doc.getArray('records'))
      kv.cleanUpDuplicates = true
      const changes: Store['changes'] = []
      kv.on('change', (c) => changes.push(Object.fromEntries(c)))
      return wrap(doc, kv, changes)
    },
  ],
]

function wrap(doc: Y.Doc, kv: KeyValueStore<number> | YKeyValue<number>, changes: Store['changes']): Store {
  return {
    doc,
    changes,
    set: (key, val) => kv.set(key, val),
    delete: (key) => kv.delete(key),
    get: (key) => kv.get(key),
    entries: () => Object.fromEntries([...kv.map].map(([k, e]) => [k, e.val])),
  }
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

function liveEntries(doc: Y.Doc): number {
  return doc.getArray('records').length
}

describe.each(implementations)('%s', (_name, create) => {
  it('adds, updates and deletes keys, with one change event per transaction', () => {
    const s = create(new Y.Doc())
    s.set('a', 1)
    s.set('b', 2)
    s.set('a', 3)
    s.delete('b')
    expect(s.entries()).toEqual({ a: 3 })
    expect(liveEntries(s.doc)).toBe(1)
    expect(s.changes).toEqual([
      { a: { action: 'add', newValue: 1 } },
      { b: { action: 'add', newValue: 2 } },
      { a: { action: 'update', oldValue: 1, newValue: 3 } },
      { b: { action: 'delete', oldValue: 2 } },
    ])
  })

  it('reports a remote update as an update of the key', () => {
    const a = create(new Y.Doc())
    const b = create(new Y.Doc())
    a.set('x', 1)
    sync(a.doc, b.doc)
    a.set('x', 2)
    sync(a.doc, b.doc)
    expect(b.get('x')).toBe(2)
    expect(b.changes.at(-1)).toEqual({ x: { action: 'update', oldValue: 1, newValue: 2 } })
  })

  it('resolves concurrent writes of one key to the same value everywhere and removes the loser', () => {
    const a = create(new Y.Doc())
    const b = create(new Y.Doc())
    a.set('k', 0)
    sync(a.doc, b.doc)
    a.set('k', 1)
    b.set('k', 2)
    sync(a.doc, b.doc)
    sync(a.doc, b.doc)
    expect(a.get('k')).toBe(b.get('k'))
    expect([1, 2]).toContain(a.get('k'))
    expect(liveEntries(a.doc)).toBe(1)
    expect(liveEntries(b.doc)).toBe(1)
  })
})

describe('KeyValueStore', () => {
  it('never writes to a document while duplicate clean-up is off (a read-only client)', () => {
    const a = new KeyValueStore<number>(new Y.Doc().getArray('records'))
    const b = new KeyValueStore<number>(new Y.Doc().getArray('records'))
    const reader = new Y.Doc()
    const readerKv = new KeyValueStore<number>(reader.getArray('records'))
    a.set('k', 1)
    b.set('k', 2)
    a.set('other', 3)
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(a.doc))
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(b.doc))
    expect(Y.getState(reader.store, reader.clientID)).toBe(0)
    // The winner is the same one a writer that cleans up would keep.
    const writer = new Y.Doc()
    const writerKv = new KeyValueStore<number>(writer.getArray('records'))
    writerKv.cleanUpDuplicates = true
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(reader))
    writerKv.cleanUp()
    expect(readerKv.get('k')).toBe(writerKv.get('k'))
    expect(liveEntries(reader)).toBe(3)
    expect(liveEntries(writer)).toBe(2)
    // Once the writer's clean-up arrives, the reader holds one entry per key and the same values.
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer))
    expect(liveEntries(reader)).toBe(2)
    expect(Object.fromEntries([...readerKv.map].map(([k, e]) => [k, e.val]))).toEqual({
      k: writerKv.get('k'),
      other: 3,
    })
    expect(Y.getState(reader.store, reader.clientID)).toBe(0)
  })

  it('lets a surviving duplicate take over when the winning entry is deleted', () => {
    const a = new KeyValueStore<number>(new Y.Doc().getArray('records'))
    const b = new KeyValueStore<number>(new Y.Doc().getArray('records'))
    a.set('k', 1)
    b.set('k', 2)
    const reader = new Y.Doc()
    const kv = new KeyValueStore<number>(reader.getArray('records'))
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(a.doc))
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(b.doc))
    const winner = kv.get('k')
    const winnerDoc = winner === 1 ? a.doc : b.doc
    // The winner's author deletes its own entry without having seen the other one.
    ;(winner === 1 ? a : b).delete('k')
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(winnerDoc))
    expect(kv.get('k')).toBe(winner === 1 ? 2 : 1)
  })

  it('indexes what is in the document when it is created, keeping the rightmost duplicate, without writing', () => {
    const a = new KeyValueStore<number>(new Y.Doc().getArray('records'))
    const b = new KeyValueStore<number>(new Y.Doc().getArray('records'))
    a.set('k', 1)
    b.set('k', 2)
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(a.doc), Y.encodeStateAsUpdate(b.doc)])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, merged)
    const kv = new KeyValueStore<number>(doc.getArray('records'))
    const reference = new Y.Doc()
    Y.applyUpdate(reference, merged)
    expect(kv.get('k')).toBe(new YKeyValue<number>(reference.getArray('records')).get('k'))
    expect(Y.getState(doc.store, doc.clientID)).toBe(0)
  })

  it('keeps a rewritten key in its place in the index, locally and from a remote update', () => {
    // A Map whose key is deleted and added again keeps a dead slot in that key's hash chain
    // until the Map is rebuilt; a key moved on every edit made its lookups ever slower on a
    // large poster. A rewrite must update the key in place (its position stays the same).
    const a = new KeyValueStore<number>(new Y.Doc().getArray('records'))
    const b = new KeyValueStore<number>(new Y.Doc().getArray('records'))
    a.doc.transact(() => {
      for (const key of ['first', 'moved', 'last']) a.set(key, 0)
    })
    sync(a.doc, b.doc)
    for (let i = 1; i <= 3; i++) {
      a.set('moved', i)
      sync(a.doc, b.doc)
    }
    for (const s of [a, b]) {
      expect([...s.map.keys()]).toEqual(['first', 'moved', 'last'])
      expect(s.get('moved')).toBe(3)
    }
    // A key deleted for good leaves the index when its transaction ends.
    a.delete('moved')
    sync(a.doc, b.doc)
    for (const s of [a, b]) expect([...s.map.keys()]).toEqual(['first', 'last'])
  })

  it('agrees with YKeyValue on random concurrent edits of three replicas', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let round = 0; round < 20; round++) {
      const stores = [0, 1, 2].map(() => new KeyValueStore<number>(new Y.Doc().getArray('records')))
      stores[0].cleanUpDuplicates = true
      for (let step = 0; step < 60; step++) {
        const s = stores[Math.floor(random() * 3)]
        const key = `k${Math.floor(random() * 5)}`
        if (random() < 0.2) s.delete(key)
        else s.set(key, step)
        if (random() < 0.3) {
          const i = Math.floor(random() * 3)
          const j = (i + 1 + Math.floor(random() * 2)) % 3
          sync(stores[i].doc, stores[j].doc)
        }
      }
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== j) sync(stores[i].doc, stores[j].doc)
      for (const s of stores) {
        const copy = new Y.Doc()
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(s.doc))
        const reference = new YKeyValue<number>(copy.getArray('records'))
        const ours = Object.fromEntries([...s.map].map(([k, e]) => [k, e.val]))
        expect(ours).toEqual(Object.fromEntries([...reference.map].map(([k, e]) => [k, e.val])))
      }
    }
  })
})
