/**
 * The behaviour every `DocumentStore` adapter must show. Adapter test files call
 * `describeDocumentStoreContract` with a factory that opens a new store over one shared
 * backing database, so "close and reopen" means what it means in production.
 */
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordKV, type JsonValue } from '../../shared/docLayout.js'
import type { DocumentStore } from './DocumentStore.js'

/** Opens a new store over the suite's backing database; the suite calls `init` itself. */
export type MakeDocumentStore = () => DocumentStore | Promise<DocumentStore>

/** A document being edited like a poster, recording every update it produces. */
class EditedDoc {
  readonly doc = new Y.Doc()
  readonly updates: Uint8Array[] = []
  private readonly kv = getRecordKV(this.doc)

  constructor() {
    this.doc.on('update', (update: Uint8Array) => this.updates.push(update))
  }

  /** Writes one field, as a tldraw edit would, and returns the update it produced. */
  set(key: string, value: JsonValue): Uint8Array {
    this.kv.set(key, value)
    return this.updates[this.updates.length - 1] as Uint8Array
  }

  delete(key: string): void {
    this.kv.delete(key)
  }

  content(): Record<string, unknown> {
    return kvContent(this.doc)
  }
}

function kvContent(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of getRecordKV(doc).map) out[key] = value.val
  return out
}

function docFrom(update: Uint8Array | null): Y.Doc {
  expect(update).not.toBeNull()
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update as Uint8Array)
  return doc
}

/** Registers the contract tests for one adapter. */
export function describeDocumentStoreContract(name: string, makeStore: MakeDocumentStore): void {
  describe(`${name} document store contract`, () => {
    const opened: DocumentStore[] = []
    // Unique names per test keep tests independent while they share one database.
    const prefix = () => `s-t${randomBytes(6).toString('hex')}`

    async function open(): Promise<DocumentStore> {
      const store = await makeStore()
      await store.init()
      opened.push(store)
      return store
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()))
    })

    it('loads back what was appended, as the same document', async () => {
      const store = await open()
      const name = prefix()
      const edited = new EditedDoc()
      for (let i = 0; i < 20; i++) await store.append(name, edited.set(`shape:${i}/x`, i * 10))
      edited.set('shape:3/x', 'moved')
      await store.append(name, edited.updates[edited.updates.length - 1] as Uint8Array)
      edited.delete('shape:4/x')
      await store.append(name, edited.updates[edited.updates.length - 1] as Uint8Array)

      expect(kvContent(docFrom(await store.load(name)))).toEqual(edited.content())
      expect(await store.pendingUpdates(name)).toBe(22)
    })

    it('returns null for a document never written', async () => {
      const store = await open()
      expect(await store.load(prefix())).toBeNull()
      expect(await store.pendingUpdates(prefix())).toBe(0)
    })

    it('keeps the content through compaction and empties the log', async () => {
      const store = await open()
      const name = prefix()
      const edited = new EditedDoc()
      for (let i = 0; i < 30; i++) await store.append(name, edited.set(`note:${i % 5}/text`, `edit ${i}`))
      await store.compact(name)
      expect(await store.pendingUpdates(name)).toBe(0)
      expect(kvContent(docFrom(await store.load(name)))).toEqual(edited.content())

      await store.append(name, edited.set('note:9/text', 'after compaction'))
      expect(await store.pendingUpdates(name)).toBe(1)
      await store.compact(name)
      await store.compact(name)
      expect(kvContent(docFrom(await store.load(name)))).toEqual(edited.content())
      // Compaction drops the content of overwritten values: the state stays small.
      const state = (await store.load(name)) as Uint8Array
      expect(state.byteLength).toBeLessThan(edited.updates.reduce((n, u) => n + u.byteLength, 0))
    })

    it('tells when the compacted state was written; a compaction with nothing to fold leaves it', async () => {
      const store = await open()
      const name = prefix()
      const edited = new EditedDoc()
      await store.append(name, edited.set('note:1/text', 'first'))
      expect(await store.compactedAt(name)).toBeNull()
      const before = Date.now()
      await store.compact(name)
      const at = (await store.compactedAt(name)) as number
      // PostgreSQL's clock is another process's: allow it a little skew.
      expect(at).toBeGreaterThanOrEqual(before - 1_000)
      expect(at).toBeLessThanOrEqual(Date.now() + 1_000)
      await new Promise((resolve) => setTimeout(resolve, 20))
      await store.compact(name)
      expect(await store.compactedAt(name)).toBe(at)
      await store.delete(name)
      expect(await store.compactedAt(name)).toBeNull()
    })

    it('loses no update appended while compactions run, from several store instances', async () => {
      const a = await open()
      const b = await open()
      const name = prefix()
      const writers = [new EditedDoc(), new EditedDoc(), new EditedDoc()]
      const work: Promise<void>[] = []
      for (let i = 0; i < 40; i++) {
        writers.forEach((w, j) => {
          work.push((j % 2 ? a : b).append(name, w.set(`w${j}/n${i}`, i)))
        })
        if (i % 8 === 0) work.push(a.compact(name), b.compact(name))
      }
      await Promise.all(work)
      await Promise.all([a.compact(name), b.compact(name)])

      const expected = Object.assign({}, ...writers.map((w) => w.content()))
      expect(Object.keys(expected)).toHaveLength(120)
      expect(kvContent(docFrom(await a.load(name)))).toEqual(expected)
      expect(kvContent(docFrom(await b.load(name)))).toEqual(expected)
      expect(await a.pendingUpdates(name)).toBe(0)
    })

    it('has every appended update after closing without compaction and reopening', async () => {
      const first = await open()
      const name = prefix()
      const edited = new EditedDoc()
      for (let i = 0; i < 10; i++) await first.append(name, edited.set(`shape:${i}/y`, i))
      await first.compact(name)
      for (let i = 10; i < 25; i++) await first.append(name, edited.set(`shape:${i}/y`, i))
      await first.close()

      const second = await open()
      expect(kvContent(docFrom(await second.load(name)))).toEqual(edited.content())
      expect(await second.pendingUpdates(name)).toBe(15)
    })

    it('deletes a document without touching others', async () => {
      const store = await open()
      const gone = prefix()
      const kept = prefix()
      const edited = new EditedDoc()
      await store.append(gone, edited.set('a', 1))
      await store.compact(gone)
      await store.append(gone, edited.set('b', 2))
      await store.append(kept, edited.set('c', 3))
      await store.delete(gone)
      expect(await store.load(gone)).toBeNull()
      expect(await store.pendingUpdates(gone)).toBe(0)
      expect(await store.list(gone)).toEqual([])
      expect(await store.load(kept)).not.toBeNull()
    })

    it('lists documents by exact, case-sensitive prefix', async () => {
      const store = await open()
      const base = prefix()
      const update = new EditedDoc().set('k', 'v')
      const names = [`${base}_a`, `${base}_b`, `${base}_c`]
      for (const n of names) await store.append(n, update)
      await store.compact(`${base}_b`) // only a state row left
      await store.append(`${base}Xa`, update) // `_` must not act as a wildcard
      await store.append(`${base.toUpperCase()}_a`, update)

      expect(await store.list(`${base}_`)).toEqual(names)
      expect((await store.list(base)).sort()).toEqual([...names, `${base}Xa`].sort())
      expect(await store.list(`${base}_z`)).toEqual([])
    })

    it('stores, reads and deletes assets by key prefix', async () => {
      const store = await open()
      const base = prefix()
      const png = new Uint8Array(randomBytes(70_000))
      await store.putAsset(`${base}/one.png`, { contentType: 'image/png', data: png })
      await store.putAsset(`${base}/two.svg`, {
        contentType: 'image/svg+xml',
        data: new Uint8Array([60, 115]),
      })
      await store.putAsset(`${base}x/other.png`, { contentType: 'image/png', data: new Uint8Array([1]) })

      const one = await store.getAsset(`${base}/one.png`)
      expect(one?.contentType).toBe('image/png')
      expect(Buffer.from(one?.data ?? []).equals(Buffer.from(png))).toBe(true)
      expect(await store.getAsset(`${base}/missing.png`)).toBeNull()

      await store.deleteAssets(`${base}/`)
      expect(await store.getAsset(`${base}/one.png`)).toBeNull()
      expect(await store.getAsset(`${base}/two.svg`)).toBeNull()
      expect(await store.getAsset(`${base}x/other.png`)).not.toBeNull()
    })

    it('answers ping while open and not after close', async () => {
      const store = await open()
      expect(await store.ping()).toBe(true)
      await store.close()
      expect(await store.ping()).toBe(false)
    })
  })
}
