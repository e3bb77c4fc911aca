/**
 * The records of every open poster, kept up to date as edits arrive (`RecordCache`), so the
 * wall's request for all posters of a round reads them instead of rebuilding thirty posters'
 * records from their documents while the wall waits.
 */
import type * as Y from 'yjs'
import type { JsonRecord } from '../../shared/docLayout'
import { DocKind, parseDocName } from '../../shared/docNames'
import { RecordCache } from '../../shared/RecordCache'
import type { RoomHooks } from '../sync/types'

// Gone with the document when its room unloads.
const caches = new WeakMap<Y.Doc, RecordCache>()

/** The records of a poster document now. */
export function posterRecords(doc: Y.Doc): JsonRecord[] {
  let cache = caches.get(doc)
  if (!cache) {
    cache = new RecordCache(doc)
    caches.set(doc, cache)
  }
  return [...cache.records().values()]
}

/** Room hook: a poster's records are gathered when its room loads, not when the wall asks. */
export const keepPosterRecords: RoomHooks = {
  afterLoad: (docName, doc) => {
    if (parseDocName(docName)?.kind === DocKind.Poster) posterRecords(doc)
  },
}
