/**
 * Document size under editing: 200 sticky notes moved 10,000 times, each move its own
 * transaction as a drag step would be, compared with the tldraw JSON snapshot of the same
 * records. The YKeyValue layout should keep the Yjs state within a small multiple of it.
 * Run alone with `npx tsx bench/docSize.ts`.
 */
import { pathToFileURL } from 'node:url'
import * as Y from 'yjs'
import { getRecordKV, type JsonRecord, readRecords, seedDocument, writeRecord } from '../shared/docLayout'
import { blankPosterRecords, serializedPosterSchema } from '../shared/posterSchema'
import { movedRecord, noteRecord } from './lib/benchRecords'
import { canonicalJson } from './lib/canonicalJson'

/** What the measurement found. */
export interface DocSizeResult {
  shapes: number
  moves: number
  /** Encoded Yjs state (update v1), bytes. */
  yjsBytes: number
  /** Encoded Yjs state in the v2 update format, bytes. */
  yjsV2Bytes: number
  /** `JSON.stringify` of a tldraw store snapshot `{ store, schema }` of the same records. */
  snapshotBytes: number
  /** yjsBytes / snapshotBytes. */
  ratio: number
  /** Whether a replica loaded from the encoded state holds exactly the same records. */
  reloadMatches: boolean
}

/** Builds the document, makes the moves and measures it. Deterministic (seeded moves). */
export function measureDocSize(shapes = 200, moves = 10_000): DocSizeResult {
  const doc = new Y.Doc()
  const notes: JsonRecord[] = Array.from({ length: shapes }, (_, i) =>
    noteRecord(`n${i}`, i, `Idea number ${i + 1}`),
  )
  seedDocument(doc, [...blankPosterRecords(), ...notes], serializedPosterSchema())
  const kv = getRecordKV(doc)
  let seed = 42
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  for (let m = 0; m < moves; m++) {
    const i = Math.floor(random() * shapes)
    const prev = notes[i]
    const next = movedRecord(prev, Math.round(random() * 400000) / 100, Math.round(random() * 300000) / 100)
    doc.transact(() => writeRecord(kv, next, prev))
    notes[i] = next
  }
  const state = Y.encodeStateAsUpdate(doc)
  const records = readRecords(doc)
  const snapshot = { store: Object.fromEntries(records), schema: serializedPosterSchema() }
  const snapshotBytes = Buffer.byteLength(JSON.stringify(snapshot))
  const replica = new Y.Doc()
  Y.applyUpdate(replica, state)
  const reloadMatches =
    canonicalJson(Object.fromEntries(readRecords(replica))) === canonicalJson(snapshot.store)
  return {
    shapes,
    moves,
    yjsBytes: state.byteLength,
    yjsV2Bytes: Y.encodeStateAsUpdateV2(doc).byteLength,
    snapshotBytes,
    ratio: state.byteLength / snapshotBytes,
    reloadMatches,
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(measureDocSize())
}
