/**
 * Private writing. While a round is in its `private` phase each participant writes to their
 * own document `q-<posterId>_<participantId>`, which only they may open. It starts as a copy
 * of the poster, so they see the questions and everything already written. On reveal the
 * server copies every record a participant added into the poster, each note moved to free space
 * of its question when it would cover another, and deletes the private documents: nobody
 * else's client ever receives a private note before reveal.
 */
import * as Y from 'yjs'
import {
  getMetaMap,
  getRecordKV,
  type JsonRecord,
  type JsonValue,
  readRecords,
  SCHEMA_KEY,
  seedDocument,
  writeRecord,
} from '../../shared/docLayout'
import { posterDocName, privateDocPrefix } from '../../shared/docNames'
import { POSTER_PAGE_ID, serializedPosterSchema } from '../../shared/posterSchema'
import type { DocumentStore } from '../storage/DocumentStore'
import { placeRevealedNotes } from './revealPlacement'

/** Record types a participant may add privately and that are merged on reveal. */
const MERGED_TYPES = new Set(['shape', 'binding', 'asset'])

/**
 * The initial state of a private document: the poster's records as they are now. `posterState`
 * gives the poster's current state (from storage, or its seed when nobody opened it yet).
 */
export async function privateInitialState(
  posterState: () => Promise<Uint8Array | null>,
): Promise<Uint8Array> {
  const poster = new Y.Doc()
  const state = await posterState()
  if (state) Y.applyUpdate(poster, state)
  const schema = (getMetaMap(poster).get(SCHEMA_KEY) as JsonValue | undefined) ?? serializedPosterSchema()
  const copy = new Y.Doc()
  seedDocument(copy, readRecords(poster).values(), schema)
  const update = Y.encodeStateAsUpdate(copy)
  poster.destroy()
  copy.destroy()
  return update
}

/** The records a private document holds that the poster does not, ready to write into it. */
export function addedRecords(
  privateRecords: Map<string, JsonRecord>,
  posterIds: ReadonlySet<string>,
): JsonRecord[] {
  const added = [...privateRecords.values()].filter(
    (r) => MERGED_TYPES.has(r.typeName) && !posterIds.has(r.id),
  )
  const known = new Set([...posterIds, ...added.map((r) => r.id)])
  // A note whose frame was removed from the poster meanwhile lands on the page, not in limbo.
  return added.map((r) =>
    r.typeName === 'shape' && typeof r.parentId === 'string' && !known.has(r.parentId)
      ? { ...r, parentId: POSTER_PAGE_ID }
      : r,
  )
}

/** What merging needs: storage to find and read private documents, and a way to edit and delete documents live. */
export interface PrivateMergeDeps {
  documents: Pick<DocumentStore, 'list' | 'load' | 'delete'>
  /** Edits a document through its room (persisted and broadcast). */
  transact(docName: string, fn: (doc: Y.Doc) => void): Promise<void>
  /** Closes a document's connections and deletes it. */
  deleteDocument(docName: string): Promise<void>
}

/** Merges every private document of a poster into it and deletes them; returns how many records were added. */
export async function mergePrivateNotes(deps: PrivateMergeDeps, posterId: string): Promise<number> {
  const names = await deps.documents.list(privateDocPrefix(posterId))
  const additions: JsonRecord[][] = []
  for (const name of names) {
    const state = await deps.documents.load(name)
    if (!state) continue
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    additions.push([...readRecords(doc).values()])
    doc.destroy()
  }
  let count = 0
  if (additions.some((list) => list.length > 0)) {
    await deps.transact(posterDocName(posterId), (doc) => {
      const kv = getRecordKV(doc)
      const before = readRecords(doc)
      const ids = new Set(before.keys())
      const revealed: JsonRecord[] = []
      for (const list of additions) {
        const added = placeRevealedNotes(
          new Map([...before, ...revealed.map((r) => [r.id, r] as const)]),
          addedRecords(new Map(list.map((r) => [r.id, r])), ids),
        )
        revealed.push(...added)
        // Bindings go last so the shapes they connect exist first.
        added.sort((a, b) => Number(a.typeName === 'binding') - Number(b.typeName === 'binding'))
        for (const record of added) {
          writeRecord(kv, record)
          ids.add(record.id)
          count++
        }
      }
    })
  }
  for (const name of names) await deps.deleteDocument(name)
  return count
}
