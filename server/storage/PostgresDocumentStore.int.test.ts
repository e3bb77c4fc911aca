import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../logger.js'
import { openStorage } from '../openStorage.js'
import { findPostgresBinaries, startPostgres, type TestPostgres } from '../testing/postgres.js'
import { describeDocumentStoreContract } from './documentStoreContract.js'
import { PostgresDocumentStore } from './PostgresDocumentStore.js'

const binaries = findPostgresBinaries()
if (!binaries)
  console.warn('PostgreSQL binaries (initdb, pg_ctl) not found: skipping PostgresDocumentStore tests')

describe.skipIf(!binaries)('PostgresDocumentStore', () => {
  let server: TestPostgres
  beforeAll(async () => {
    server = await startPostgres()
  })
  afterAll(async () => {
    await server?.stop()
  })

  describeDocumentStoreContract('PostgreSQL', () => new PostgresDocumentStore(server.url, { max: 4 }))

  it('migrates once even when several instances start at the same moment', async () => {
    const url = await server.createDatabase('migrate_race')
    const stores = [1, 2, 3].map(() => new PostgresDocumentStore(url, { max: 2 }))
    await Promise.all(stores.map((store) => store.init()))
    const versions = await stores[0]?.pool.query('SELECT component, version FROM plenum_schema_versions')
    expect(versions?.rows).toEqual([{ component: 'documents', version: 1 }])
    await Promise.all(stores.map((store) => store.close()))
  })

  it('is what the server opens when a database URL is configured', async () => {
    const storage = await openStorage(
      { databaseUrl: server.url, dataDir: '/nonexistent' },
      createLogger('silent'),
    )
    const store = storage.documents
    expect(store).toBeInstanceOf(PostgresDocumentStore)
    const doc = new Y.Doc()
    doc.getMap('m').set('k', 'v')
    await store.append('s-factory', Y.encodeStateAsUpdate(doc))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, (await store.load('s-factory')) as Uint8Array)
    expect(copy.getMap('m').get('k')).toBe('v')
    await storage.close()
  })

  it('fails to start with a clear error when the database is unreachable', async () => {
    await expect(
      openStorage(
        { databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: '/nonexistent' },
        createLogger('silent'),
      ),
    ).rejects.toThrow(/ECONNREFUSED/)
  })
})
