import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
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

  it('refuses writes after close with a named error', async () => {
    const store = new SqliteDocumentStore(dataDir)
    await store.init()
    await store.close()
    await expect(store.append('s-closed', new Uint8Array([0, 0]))).rejects.toThrow(
      'the document store is closed',
    )
  })
})
