/**
 * Test helper: a copy of `plenum.db` (a backup) opened the way a restore uses it — as the
 * `plenum.db` of a data folder of its own — so a test can read back what the copy holds.
 */
import { mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { SqliteDocumentStore } from '../storage/SqliteDocumentStore'

/** Moves `copyFile` into a new folder `dir` as its plenum.db and opens that as a store. */
export async function openRestoredStore(copyFile: string, dir: string): Promise<SqliteDocumentStore> {
  mkdirSync(dir)
  renameSync(copyFile, join(dir, 'plenum.db'))
  const restored = new SqliteDocumentStore(dir)
  await restored.init()
  return restored
}

/** The stored document `docName` of `store` as a Y.Doc (empty when it has none). */
export async function storedDoc(store: SqliteDocumentStore, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const state = await store.load(docName)
  if (state) Y.applyUpdate(doc, state)
  return doc
}
