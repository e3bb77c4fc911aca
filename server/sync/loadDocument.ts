/**
 * Loading a room's document: the stored state, or, when storage has none, the initial state
 * from the room hooks (a blank poster for sandboxes), stored before anyone sees it.
 */
import * as Y from 'yjs'
import { seedDocument } from '../../shared/docLayout'
import { DocKind, parseDocName } from '../../shared/docNames'
import { blankPosterRecords, serializedPosterSchema } from '../../shared/posterSchema'
import type { DocumentStore } from '../storage/DocumentStore'
import type { RoomHooks } from './types'

/** The state of a blank sandbox poster. */
export function blankPosterState(): Uint8Array {
  const doc = new Y.Doc()
  seedDocument(doc, blankPosterRecords(), serializedPosterSchema())
  return Y.encodeStateAsUpdate(doc)
}

/** What a load found. */
export interface LoadedDocument {
  /** Bytes of the state applied (the document's size estimate). */
  bytes: number
  /** Updates in the storage log since the last compaction. */
  pendingUpdates: number
}

/** Applies the stored (or freshly seeded and stored) state of `name` to `doc`. */
export async function loadDocument(
  doc: Y.Doc,
  name: string,
  store: DocumentStore,
  hooks: RoomHooks | undefined,
  origin: unknown,
): Promise<LoadedDocument> {
  const state = await store.load(name)
  if (state) {
    Y.applyUpdate(doc, state, origin)
    return { bytes: state.byteLength, pendingUpdates: await store.pendingUpdates(name) }
  }
  let initial = hooks?.initialState ? await hooks.initialState(name) : null
  if (!initial && parseDocName(name)?.kind === DocKind.Sandbox) initial = blankPosterState()
  if (!initial) return { bytes: 0, pendingUpdates: 0 }
  // Stored before anyone sees it, like every other write.
  await store.append(name, initial)
  Y.applyUpdate(doc, initial, origin)
  return { bytes: initial.byteLength, pendingUpdates: 1 }
}
