/**
 * Import of a workshop archive (see `workshopZip.ts`) as a new, working workshop with new ids,
 * codes and keys. Everything is checked before anything is written: the ZIP, the manifest and
 * its checksums, the workshop JSON, and every poster and snapshot document record by record.
 * The workshop rows go in one transaction; documents, snapshots and votes follow (the votes in
 * one transaction), and if any of them fails the new workshop is removed again, so a failed
 * import leaves nothing behind.
 *
 * An archive is an anonymous upload: it is read with bounds on the bytes actually inflated
 * (`readArchive.ts`), on each file by its kind, on the number of files and on the number of
 * votes, and the work yields to the event loop between steps so posters stay live meanwhile.
 */

import * as Y from 'yjs'
import type { z } from 'zod'
import { type CreateWorkshopResponse, clientPaths } from '../../shared/api'
import { readRecords } from '../../shared/docLayout'
import { posterDocName } from '../../shared/docNames'
import { validatePosterRecord } from '../../shared/posterSchema'
import { MAX_DOTS } from '../../shared/rounds'
import type { Poster, Round, Table, WorkshopAggregate } from '../domain/entities'
import type { Snapshot, SnapshotStore } from '../domain/SnapshotStore'
import { hashSecret, newId, newJoinCode, newSecret } from '../domain/secrets'
import type { WorkshopStore } from '../domain/WorkshopStore'
import { fflateModule } from '../lazyModules'
import type { Vote } from '../rounds/VoteStore'
import type { DocumentStore } from '../storage/DocumentStore'
import { importedSynthesis, importedSynthesisVoteTarget } from '../synthesis/synthesisArchive'
import { archiveManifestSchema, archiveWorkshopSchema } from './archiveSchemas'
import { stateFromFile, tldrawFileOf } from './posterContent'
import { type ArchiveEntry, ArchiveLimitError, readArchive } from './readArchive'
import { ARCHIVE_FORMAT_VERSION } from './workshopZip'

/** Thrown for an archive that cannot be imported; the message says why (HTTP 400). */
export class ImportError extends Error {
  override name = 'ImportError'
}

/** Most files an archive may hold: far above a real workshop's posters and snapshots. */
export const MAX_IMPORT_FILES = 20_000
/**
 * Most dots an archive may carry: every participant of a 500-person event spending the most
 * dots a round can hand out ({@link MAX_DOTS}). The archive keeps tallies per note, not per
 * participant, so the round's own limit cannot be checked per person; this bounds the total.
 */
export const MAX_IMPORT_VOTES = 500 * MAX_DOTS
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024
const MAX_WORKSHOP_JSON_BYTES = 16 * 1024 * 1024

/** How votes are written back (the rounds' VoteStore). */
export interface VoteWriter {
  insertMany(votes: readonly Vote[]): Promise<void>
}

/** Bounds of an import. */
export interface ImportLimits {
  /** Most bytes the archive's files may unpack to, in total. */
  maxTotalBytes: number
  /** Largest poster or snapshot document, in bytes. */
  maxDocumentBytes: number
}

/** What an import writes to. */
export interface ImportDeps {
  workshops: WorkshopStore
  documents: DocumentStore
  snapshots: SnapshotStore
  votes?: VoteWriter
  limits: ImportLimits
  /** Removes a half-written import (the workshop service's delete with its listeners). */
  rollback: (workshopId: string) => Promise<void>
}

/** Longest stretch of checking before the event loop gets a turn, in milliseconds. */
const SLICE_MS = 8

/** A clock of the work done since the last turn given back; `await pace()` between steps. */
function pacer(): () => Promise<void> {
  let since = performance.now()
  return async () => {
    if (performance.now() - since < SLICE_MS) return
    await new Promise<void>((resolve) => setImmediate(resolve))
    since = performance.now()
  }
}

async function decodeDoc(bytes: Uint8Array, what: string, pace: () => Promise<void>): Promise<Y.Doc> {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, bytes)
  } catch {
    throw new ImportError(`${what} is not a valid document`)
  }
  for (const record of readRecords(doc).values()) {
    const problem = validatePosterRecord(record)
    if (problem) throw new ImportError(`${what} holds an invalid record ${record.id}: ${problem}`)
    await pace()
  }
  return doc
}

/** The inflated-size bound of each file the import reads; null for files it skips. */
function boundOf(path: string, limits: ImportLimits): number | null {
  if (path === 'manifest.json') return MAX_MANIFEST_BYTES
  if (path === 'workshop.json') return MAX_WORKSHOP_JSON_BYTES
  if (/^(posters|snapshots|synthesis)\/[^/]+\.yjs$/.test(path)) return limits.maxDocumentBytes
  // A snapshot's records as JSON are somewhat larger than the same records as Yjs state.
  if (/^snapshots\/[^/]+\.json$/.test(path)) return 2 * limits.maxDocumentBytes
  return null
}

async function unzip(bytes: Uint8Array, limits: ImportLimits): Promise<Map<string, ArchiveEntry>> {
  try {
    const { entries, names } = await readArchive(bytes, (path) => boundOf(path, limits), {
      maxTotalBytes: limits.maxTotalBytes,
      maxEntries: MAX_IMPORT_FILES,
    })
    if (!names.has('manifest.json') && !names.has('workshop.json'))
      throw new ImportError('the archive has no manifest.json; is it a Plenum workshop export?')
    return entries
  } catch (err) {
    if (err instanceof ArchiveLimitError) throw new ImportError(err.message)
    throw err
  }
}

function json(files: Map<string, ArchiveEntry>, path: string): unknown {
  const data = files.get(path)?.data
  if (!data) throw new ImportError(`the archive has no ${path}; is it a Plenum workshop export?`)
  try {
    return JSON.parse(fflateModule().strFromU8(data))
  } catch {
    throw new ImportError(`${path} is not valid JSON`)
  }
}

function issue(path: string, err: z.ZodError): ImportError {
  const first = err.issues[0]
  return new ImportError(`${path}: ${first.path.join('.') || '(root)'}: ${first.message}`)
}

async function freshCodes(store: WorkshopStore, n: number): Promise<string[]> {
  const codes: string[] = []
  while (codes.length < n) {
    const code = newJoinCode()
    if (!codes.includes(code) && !(await store.codeTaken(code))) codes.push(code)
  }
  return codes
}

/** Old id → new id of everything an import renamed, for the links a series archive restores. */
export interface ImportedIds {
  rounds: Map<string, string>
  tables: Map<string, string>
  posters: Map<string, string>
}

/** Imports a workshop archive; returns the new workshop's links and keys. */
export async function importWorkshopZip(
  deps: ImportDeps,
  bytes: Uint8Array,
  baseUrl: string,
): Promise<CreateWorkshopResponse> {
  return (await importWorkshopArchive(deps, bytes, baseUrl)).created
}

/**
 * Imports a workshop archive; returns the new workshop's links and keys, its new ids and how
 * many bytes its files unpacked to (a series import shares one bound over its workshops).
 */
export async function importWorkshopArchive(
  deps: ImportDeps,
  bytes: Uint8Array,
  baseUrl: string,
): Promise<{ created: CreateWorkshopResponse; ids: ImportedIds; bytesRead: number }> {
  const { limits } = deps
  const pace = pacer()
  const files = await unzip(bytes, limits)
  let bytesRead = 0
  for (const entry of files.values()) bytesRead += entry.data.byteLength
  const fileData = (path: string) => files.get(path)?.data as Uint8Array
  const manifestParsed = archiveManifestSchema.safeParse(json(files, 'manifest.json'))
  if (!manifestParsed.success) throw new ImportError('manifest.json is not a Plenum workshop manifest')
  const manifest = manifestParsed.data
  if (manifest.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw new ImportError(
      `the archive has format version ${manifest.formatVersion}; this server reads up to ${ARCHIVE_FORMAT_VERSION}`,
    )
  }
  // Files the import does not read (CSV, Markdown, .tldr) were skipped unread.
  for (const [path, hash] of Object.entries(manifest.files)) {
    if (boundOf(path, limits) === null) continue
    const entry = files.get(path)
    if (!entry) throw new ImportError(`the archive is missing ${path}`)
    if (entry.sha256 !== hash) throw new ImportError(`${path} is damaged (checksum mismatch)`)
  }
  if (!manifest.files['workshop.json']) throw new ImportError('the manifest does not list workshop.json')
  const parsed = archiveWorkshopSchema.safeParse(json(files, 'workshop.json'))
  if (!parsed.success) throw issue('workshop.json', parsed.error)
  const src = parsed.data
  let voteCount = 0
  for (const tally of Object.values(src.votes)) for (const n of Object.values(tally)) voteCount += n
  if (voteCount > MAX_IMPORT_VOTES) {
    throw new ImportError(
      `workshop.json holds ${voteCount} votes; an archive may hold at most ${MAX_IMPORT_VOTES}`,
    )
  }

  const roundIds = new Map(src.rounds.map((r) => [r.id, newId()]))
  const tableIds = new Map(src.tables.map((t) => [t.id, newId()]))
  const posterIds = new Map(src.posters.map((p) => [p.id, newId()]))
  const states = new Map<string, Uint8Array>()
  for (const p of src.posters) {
    if (!roundIds.has(p.roundId) || !tableIds.has(p.tableId)) {
      throw new ImportError(`workshop.json: poster ${p.id} refers to an unknown round or table`)
    }
    const path = `posters/${p.id}.yjs`
    if (!manifest.files[path]) throw new ImportError(`the archive has no document for poster ${p.id}`)
    const doc = await decodeDoc(fileData(path), path, pace)
    // A fresh document with the same records: the import starts without old edit history.
    states.set(p.id, stateFromFile(tldrawFileOf(doc)))
    doc.destroy()
    await pace()
  }
  const synthesis = await importedSynthesis(
    manifest.files,
    { rounds: roundIds, tables: tableIds, posters: posterIds },
    (path) => decodeDoc(fileData(path), path, pace),
  )
  const snapshots: Snapshot[] = []
  for (const s of src.snapshots) {
    const path = `snapshots/${s.id}.yjs`
    if (!manifest.files[path] || !manifest.files[`snapshots/${s.id}.json`]) {
      throw new ImportError(`the archive is missing the files of snapshot ${s.id}`)
    }
    ;(await decodeDoc(fileData(path), path, pace)).destroy()
    const body = json(files, `snapshots/${s.id}.json`) as Pick<Snapshot, 'document' | 'text'>
    if (!body || !Array.isArray(body.text) || !Array.isArray(body.document?.records)) {
      throw new ImportError(`snapshots/${s.id}.json is not a snapshot`)
    }
    snapshots.push({
      ...s,
      id: newId(),
      workshopId: '',
      posterId: posterIds.get(s.posterId) ?? newId(),
      roundId: roundIds.get(s.roundId) ?? s.roundId,
      tableId: tableIds.get(s.tableId) ?? s.tableId,
      noteCount: body.text.length,
      stateBytes: fileData(path).byteLength,
      state: fileData(path),
      document: body.document,
      text: body.text,
    })
  }

  const keys = { organizer: newSecret(), facilitator: newSecret(), screen: newSecret() }
  const workshopId = newId()
  const codes = await freshCodes(deps.workshops, 1 + src.tables.length)
  const w = src.workshop
  const rounds: Round[] = [...src.rounds]
    .sort((a, b) => a.index - b.index)
    .map((r, index) => ({
      ...r,
      id: roundIds.get(r.id)!,
      workshopId,
      index,
      copyFromRoundId: r.copyFromRoundId ? (roundIds.get(r.copyFromRoundId) ?? null) : null,
    }))
  const tables: Table[] = src.tables.map((t, i) => ({
    id: tableIds.get(t.id)!,
    workshopId,
    number: t.number,
    name: t.name,
    colour: t.colour,
    joinCode: codes[i + 1],
  }))
  const posters: Poster[] = src.posters.map((p) => ({
    id: posterIds.get(p.id)!,
    workshopId,
    roundId: roundIds.get(p.roundId)!,
    tableId: tableIds.get(p.tableId)!,
  }))
  const aggregate: WorkshopAggregate = {
    workshop: {
      id: workshopId,
      code: codes[0],
      title: w.title,
      date: w.date,
      place: w.place,
      language: w.language,
      anonymousNotes: w.anonymousNotes,
      createdAt: new Date().toISOString(),
      currentRoundId: w.currentRoundId ? (roundIds.get(w.currentRoundId) ?? null) : null,
      presentingPosterId: null,
      organizerKeyHash: hashSecret(keys.organizer),
      facilitatorKeyHash: hashSecret(keys.facilitator),
      screenKeyHash: hashSecret(keys.screen),
    },
    rounds,
    tables,
    posters,
  }

  await deps.workshops.insertWorkshop(aggregate)
  try {
    for (const [oldId, state] of states)
      await deps.documents.append(posterDocName(posterIds.get(oldId)!), state)
    for (const [docName, state] of synthesis) await deps.documents.append(docName, state)
    for (const s of snapshots) await deps.snapshots.insert({ ...s, workshopId })
    if (deps.votes) {
      const votes: Vote[] = []
      const posterById = new Map(posters.map((p) => [p.id, p]))
      for (const [oldPosterId, tally] of Object.entries(src.votes)) {
        const poster = posterById.get(posterIds.get(oldPosterId) ?? '')
        // Theme votes of a synthesis are kept under `y-<roundId>`.
        const target =
          importedSynthesisVoteTarget(oldPosterId, roundIds) ??
          (poster ? { roundId: poster.roundId, posterId: poster.id } : null)
        if (!target) continue
        for (const [noteId, count] of Object.entries(tally)) {
          const vote = {
            workshopId,
            roundId: target.roundId,
            posterId: target.posterId,
            noteId,
            participantId: 'imported',
          }
          for (let i = 0; i < count; i++) votes.push(vote)
        }
      }
      await deps.votes.insertMany(votes)
    }
  } catch (err) {
    await deps.rollback(workshopId)
    throw err
  }

  const url = (path: string, key: string) => `${baseUrl}${path}#k=${key}`
  const created: CreateWorkshopResponse = {
    workshopId,
    code: aggregate.workshop.code,
    organizerUrl: url(clientPaths.setup(workshopId), keys.organizer),
    facilitatorUrl: url(clientPaths.wall(workshopId), keys.facilitator),
    screenUrl: url(clientPaths.screen(workshopId), keys.screen),
    organizerKey: keys.organizer,
    facilitatorKey: keys.facilitator,
    screenKey: keys.screen,
    tables: tables.map((t) => ({
      id: t.id,
      number: t.number,
      name: t.name,
      colour: t.colour,
      joinCode: t.joinCode,
      joinUrl: `${baseUrl}${clientPaths.join(t.joinCode)}`,
    })),
  }
  return { created, ids: { rounds: roundIds, tables: tableIds, posters: posterIds }, bytesRead }
}
