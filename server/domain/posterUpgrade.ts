/**
 * `RoomHooks.upgrade` for posters: brings posters written by older versions up to date when
 * their room loads. Notes used to be children of the locked question frames, which made them
 * locked on the canvas too; they move onto the page at the same place (see
 * shared/questionFrames.ts).
 */
import type * as Y from 'yjs'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { DocKind, parseDocName } from '../../shared/docNames'
import { notesOutOfLockedFrames } from '../../shared/questionFrames'

const POSTER_KINDS: ReadonlySet<string> = new Set([DocKind.Poster, DocKind.Private, DocKind.Sandbox])

/** The edit that frees notes stuck in locked frames, or null when the poster has none. */
export function upgradePoster(docName: string, doc: Y.Doc): ((doc: Y.Doc) => void) | null {
  if (!POSTER_KINDS.has(parseDocName(docName)?.kind ?? '')) return null
  if (notesOutOfLockedFrames(readRecords(doc)).length === 0) return null
  return (live) => {
    const current = readRecords(live)
    const kv = getRecordKV(live)
    for (const record of notesOutOfLockedFrames(current)) writeRecord(kv, record, current.get(record.id))
  }
}
