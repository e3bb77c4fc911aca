import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../logger.js'
import { openStorage } from '../openStorage.js'
import { openRestoredStore, storedDoc } from '../testing/restoredStore.js'
import { describeDocumentStoreContract } from './documentStoreContract.js'
import { SqliteDocumentStore } from './SqliteDocumentStore.js'
import { openSqliteDatabase } from './sqliteDatabase.js'

const dataDir = mkdtempSync(join(tmpdir(), 'plenum-sqlite-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describeDocumentStoreContract('SQLite', () => new SqliteDocumentStore(dataDir))

describe('SqliteDocumentStore', () => {
  it('keeps the database in <dataDir>/plenum.db in WAL mode', async () => {
    const store = new SqliteDocumentStore(dataDir)
    await store.init()
    expect(store.db.name).toBe(join(dataDir, 'plenum.db'))
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    await store.close()
  })

  it('can be copied online with VACUUM INTO, including writes still in the WAL', async () => {
    const store = new SqliteDocumentStore(dataDir)
    await store.init()
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => void store.append('s-backup', update))
    for (let i = 0; i < 50; i++) doc.getMap('notes').set(`n${i}`, `text ${i}`)
    await store.putAsset('s-backup/pic.png', {
      contentType: 'image/png',
      data: new Uint8Array([137, 80, 78, 71]),
    })
    const copyFile = join(dataDir, 'backup.db')
    store.db.prepare('VACUUM INTO ?').run(copyFile)

    // The copy is a complete store on its own: open it as a data folder's plenum.db.
    const restored = await openRestoredStore(copyFile, join(dataDir, 'restored'))
    const copy = await storedDoc(restored, 's-backup')
    expect(copy.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
    expect((await restored.getAsset('s-backup/pic.png'))?.contentType).toBe('image/png')
    await Promise.all([store.close(), restored.close()])
  })

  it('is what the server opens without a database URL', async () => {
    const storage = await openStorage({ databaseUrl: null, dataDir }, createLogger('silent'))
    const store = storage.documents
    expect(store).toBeInstanceOf(SqliteDocumentStore)
    expect(await store.ping()).toBe(true)
    await storage.close()
  })

  it('refuses writes after close with a named error', async () => {
    const store = new SqliteDocumentStore(dataDir)
    await store.init()
    await store.close()
    await expect(store.append('s-closed', new Uint8Array([0, 0]))).rejects.toThrow(
      'the document store is closed',
    )
  })

  it('writes one database page per append, not one per table, index and counter', async () => {
    const store = new SqliteDocumentStore(join(dataDir, 'pages'))
    await store.init()
    await walPagesPerAppend(store, 100) // the trees' first pages and splits
    // 3 as the log was kept before: a rowid table, an index on (doc, seq), AUTOINCREMENT's counter.
    expect(await walPagesPerAppend(store, 200)).toBeLessThan(1.5)
    await store.close()
  })

  it('moves a log of the earlier rowid layout into the clustered one, keeping order and content', async () => {
    const dir = join(dataDir, 'rowid-layout')
    mkdirSync(dir)
    // The layout databases made before the log was clustered by (doc, seq).
    const old = openSqliteDatabase(join(dir, 'plenum.db'))
    old.exec(`CREATE TABLE doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL);
              CREATE INDEX doc_updates_doc_seq ON doc_updates (doc, seq);
              CREATE TABLE doc_state (doc TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at INTEGER NOT NULL);`)
    const insert = old.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)')
    const a = new Y.Doc()
    const b = new Y.Doc()
    const logA = (u: Uint8Array) => insert.run('poster:a', Buffer.from(u))
    const logB = (u: Uint8Array) => insert.run('poster:b', Buffer.from(u))
    a.on('update', logA)
    b.on('update', logB)
    for (let i = 0; i < 5; i++) {
      a.getText('t').insert(a.getText('t').length, `a${i} `)
      b.getMap('m').set('k', `b${i}`)
    }
    a.off('update', logA)
    b.off('update', logB)
    old.close()

    const store = new SqliteDocumentStore(dir)
    await store.init()
    await store.init()
    expect((await storedDoc(store, 'poster:a')).getText('t').toString()).toBe('a0 a1 a2 a3 a4 ')
    expect((await storedDoc(store, 'poster:b')).getMap('m').get('k')).toBe('b4')
    expect(await store.pendingUpdates('poster:a')).toBe(5)
    // Appends after the move come after what was there.
    a.on('update', (u: Uint8Array) => void store.append('poster:a', u))
    a.getText('t').insert(a.getText('t').length, 'after')
    const seqs = store.db
      .prepare("SELECT seq FROM doc_updates WHERE doc = 'poster:a' ORDER BY seq")
      .all() as {
      seq: number
    }[]
    expect(seqs.length).toBe(6)
    expect(seqs[5]!.seq).toBeGreaterThan(seqs[4]!.seq)
    await store.compact('poster:a')
    expect(await store.pendingUpdates('poster:a')).toBe(0)
    expect((await storedDoc(store, 'poster:a')).getText('t').toString()).toBe('a0 a1 a2 a3 a4 after')
    expect(await store.list('poster:')).toEqual(['poster:a', 'poster:b'])
    expect(await walPagesPerAppend(store, 100)).toBeLessThan(1.5)
    await store.close()
  })
})

/**
 * Database pages written to the WAL per append, over `appends` small updates (a note moved on one
 * of ten posters each). Starts from an empty WAL; the automatic checkpoint starts at 1,000 pages.
 */
async function walPagesPerAppend(store: SqliteDocumentStore, appends: number): Promise<number> {
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  const docs = Array.from({ length: 10 }, (_, i) => {
    const doc = new Y.Doc()
    doc.on('update', (u: Uint8Array) => void store.append(`poster:moves-${i}`, u))
    return doc
  })
  for (let n = 0; n < appends; n++) docs[n % 10]!.getMap('shapes').set(`note${n % 7}`, { x: n, y: 1 })
  const [{ log }] = store.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[]
  return log / appends
}
