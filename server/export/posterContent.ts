/**
 * Reads what a poster holds right now from durable storage: its Yjs state, its records in
 * tldraw's file format and its texts with votes. Storage is written before any update is
 * relayed, so this is at least as new as anything a participant has seen.
 */
import * as Y from 'yjs'
import { readControl } from '../../shared/controlDoc'
import { getMetaMap, type JsonValue, readRecords, SCHEMA_KEY, seedDocument } from '../../shared/docLayout'
import { controlDocName } from '../../shared/docNames'
import { type ExtractedNote, extractNotes } from '../../shared/extract'
import { serializedPosterSchema } from '../../shared/posterSchema'
import type { TldrawFileJson } from '../domain/SnapshotStore'
import type { DocumentStore } from '../storage/DocumentStore'

/** tldraw's `.tldr` file format version written by Plenum. */
export const TLDRAW_FILE_FORMAT_VERSION = 1

/** A poster read from storage. */
export interface PosterContentSnapshot {
  state: Uint8Array
  document: TldrawFileJson
  text: ExtractedNote[]
}

/** A fresh document holding the given records: a copy without the source's edit history. */
export function stateFromFile(file: TldrawFileJson): Uint8Array {
  const doc = new Y.Doc()
  seedDocument(doc, file.records, file.schema)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

/** Builds a Y.Doc from a stored state (an empty doc when there is none). */
export function docFromState(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc()
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state)
  return doc
}

/** The records of a document in tldraw's file format. */
export function tldrawFileOf(doc: Y.Doc): TldrawFileJson {
  const schema = (getMetaMap(doc).get(SCHEMA_KEY) as JsonValue | undefined) ?? serializedPosterSchema()
  return {
    tldrawFileFormatVersion: TLDRAW_FILE_FORMAT_VERSION,
    schema,
    records: [...readRecords(doc).values()],
  }
}

/** Dots per note of one poster (note shape id → count). */
export type VoteReader = (workshopId: string, posterId: string) => Promise<Map<string, number>>

/** Reads votes from a store answering "dots per note on one poster" (the rounds' VoteStore). */
export function votesFromTallies(tallies: (posterId: string) => Promise<Record<string, number>>): VoteReader {
  return async (_workshopId, posterId) =>
    new Map(Object.entries(await tallies(posterId)).filter(([, n]) => typeof n === 'number' && n > 0))
}

/** Reads votes from the tallies the server mirrors into the workshop's control document. */
export function votesFromControlDoc(documents: DocumentStore): VoteReader {
  return async (workshopId, posterId) => {
    const state = await documents.load(controlDocName(workshopId))
    if (!state) return new Map()
    const doc = docFromState(state)
    const tallies = readControl(doc).tallies?.[posterId] ?? {}
    doc.destroy()
    return new Map(Object.entries(tallies).filter(([, n]) => typeof n === 'number' && n > 0))
  }
}

/** Reads a poster document with its texts; `initial` gives the seed of a poster nobody opened yet. */
export async function readPosterContent(
  documents: DocumentStore,
  docName: string,
  votes: ReadonlyMap<string, number> = new Map(),
  initial?: () => Promise<Uint8Array | null>,
): Promise<PosterContentSnapshot> {
  const stored = (await documents.load(docName)) ?? (initial ? await initial() : null)
  const doc = docFromState(stored)
  // Re-encode so the state is one compact update whatever the log looked like.
  const state = Y.encodeStateAsUpdate(doc)
  const document = tldrawFileOf(doc)
  doc.destroy()
  return { state, document, text: extractNotes(document.records, { votes }) }
}
