/**
 * The synthesis posters in the workshop archive: written as `synthesis/<roundId>.yjs` (and a
 * `.tldr` to read without Plenum) with their theme votes under `votes["y-<roundId>"]`, and
 * read back on import under the new round's id, every copy's provenance pointing at the new
 * posters, rounds and tables so links back and the CSV's theme column keep working.
 */
import type * as Y from 'yjs'
import { getRecordKV, type JsonValue, readRecords, writeRecord } from '../../shared/docLayout'
import { parseDocName, synthesisDocName } from '../../shared/docNames'
import { provenanceOf } from '../../shared/synthesis'
import type { WorkshopAggregate } from '../domain/entities'
import { docFromState, stateFromFile, tldrawFileOf, type VoteReader } from '../export/posterContent'
import { fflateModule } from '../lazyModules'
import type { DocumentStore } from '../storage/DocumentStore'

/** The archive files and theme votes of every round's synthesis that has been started. */
export async function synthesisArchiveFiles(
  deps: { documents: Pick<DocumentStore, 'load'>; votes: VoteReader },
  a: WorkshopAggregate,
): Promise<{ files: Record<string, Uint8Array>; votes: Record<string, Record<string, number>> }> {
  const files: Record<string, Uint8Array> = {}
  const votes: Record<string, Record<string, number>> = {}
  for (const round of a.rounds) {
    const state = await deps.documents.load(synthesisDocName(round.id))
    if (!state) continue
    const doc = docFromState(state)
    const file = tldrawFileOf(doc)
    doc.destroy()
    files[`synthesis/${round.id}.yjs`] = stateFromFile(file)
    files[`synthesis/${round.id}.tldr`] = fflateModule().strToU8(JSON.stringify(file))
    const tally = Object.fromEntries(await deps.votes(a.workshop.id, synthesisDocName(round.id)))
    if (Object.keys(tally).length) votes[synthesisDocName(round.id)] = tally
  }
  return { files, votes }
}

/** Old ids → new ids of an import. */
export interface IdMaps {
  rounds: ReadonlyMap<string, string>
  tables: ReadonlyMap<string, string>
  posters: ReadonlyMap<string, string>
}

/** Rewrites the provenance of every copy in a synthesis document to the imported ids. */
function remapProvenance(doc: Y.Doc, maps: IdMaps): void {
  const kv = getRecordKV(doc)
  for (const record of readRecords(doc).values()) {
    const p = provenanceOf(record)
    if (!p) continue
    const provenance = {
      ...p,
      posterId: maps.posters.get(p.posterId) ?? p.posterId,
      roundId: maps.rounds.get(p.roundId) ?? p.roundId,
      tableId: maps.tables.get(p.tableId) ?? p.tableId,
    }
    const meta = {
      ...(record.meta as Record<string, JsonValue>),
      provenance: provenance as unknown as JsonValue,
    }
    writeRecord(kv, { ...record, meta }, record)
  }
}

/**
 * The synthesis documents of an archive, by their new document name, with provenance remapped.
 * `decode` parses (and so checks) the archived state of a listed path; archives without a
 * synthesis give none.
 */
export async function importedSynthesis(
  listed: Record<string, string>,
  maps: IdMaps,
  decode: (path: string) => Promise<Y.Doc>,
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>()
  for (const path of Object.keys(listed)) {
    const m = /^synthesis\/([^/]+)\.yjs$/.exec(path)
    const roundId = m && maps.rounds.get(m[1])
    if (!roundId) continue
    const doc = await decode(path)
    remapProvenance(doc, maps)
    out.set(synthesisDocName(roundId), stateFromFile(tldrawFileOf(doc)))
    doc.destroy()
  }
  return out
}

/** The new round of an archived synthesis vote key (`y-<oldRoundId>`), or null for a poster's. */
export function importedSynthesisVoteTarget(key: string, rounds: ReadonlyMap<string, string>) {
  const ref = parseDocName(key)
  if (ref?.kind !== 'synthesis') return null
  const roundId = rounds.get(ref.roundId)
  return roundId ? { roundId, posterId: synthesisDocName(roundId) } : null
}
