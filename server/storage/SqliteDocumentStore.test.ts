import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../logger.js'
import { openStorage } from '../openStorage.js'
import { openRestoredStore, storedDoc } from '../testing/restoredStore.js'
import { describeDocumentStoreContract } from './documentStoreContract.js'
import { SqliteDocumentStore } from './SqliteDocumentStore.js'

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
})
