/**
 * Import of a workshop archive (see `workshopZip.ts`) as a new, working workshop with new ids,
 * codes and keys. Everything is checked before anything is written: the ZIP, the manifest and
 * its checksums, the workshop JSON, and every poster and snapshot document record by record.
 * The workshop rows go in one transaction; documents, snapshots and votes follow, and if any
 * of them fails the new workshop is removed again, so a failed import leaves nothing behind.
 */
import { strFromU8, unzipSync } from 'fflate'
import * as Y from 'yjs'
import type { z } from 'zod'
import { type CreateWorkshopResponse, clientPaths } from '../../shared/api'
import { readRecords } from '../../shared/docLayout'
import { validatePosterRecord } from '../../shared/posterSchema'
import type { Poster, Round, Table, WorkshopAggregate } from '../domain/entities'
import type { Snapshot, SnapshotStore } from '../domain/SnapshotStore'
import { hashSecret, newId, newJoinCode, newSecret } from '../domain/secrets'
import type { WorkshopStore } from '../domain/WorkshopStore'
import type { DocumentStore } from '../storage/DocumentStore'
import { archiveManifestSchema, archiveWorkshopSchema } from './archiveSchemas'
import { stateFromFile, tldrawFileOf } from './posterContent'
import { ARCHIVE_FORMAT_VERSION, sha256 } from './workshopZip'

/** Thrown for an archive that cannot be imported; the message says why (HTTP 400). */
export class ImportError extends Error {
  override name = 'ImportError'
}

/** Largest uncompressed archive accepted, in bytes. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024

/** How votes are written back (the rounds' VoteStore). */
export interface VoteWriter {
  addIfUnder(
    vote: { workshopId: string; roundId: string; posterId: string; noteId: string; participantId: string },
    limit: number,
  ): Promise<boolean>
}

/** What an import writes to. */
export interface ImportDeps {
  workshops: WorkshopStore
  documents: DocumentStore
  snapshots: SnapshotStore
  votes?: VoteWriter
  /** Removes a half-written import (the workshop service's delete with its listeners). */
  rollback: (workshopId: string) => Promise<void>
}

function decodeDoc(bytes: Uint8Array, what: string): Y.Doc {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, bytes)
  } catch {
    throw new ImportError(`${what} is not a valid document`)
  }
  for (const record of readRecords(doc).values()) {
    const problem = validatePosterRecord(record)
    if (problem) throw new ImportError(`${what} holds an invalid record ${record.id}: ${problem}`)
  }
  return doc
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize
        if (total > MAX_IMPORT_BYTES) throw new ImportError('the archive is too large to import')
        return true
      },
    })
  } catch (err) {
    if (err instanceof ImportError) throw err
    throw new ImportError('the file is not a ZIP archive, or it is damaged')
  }
}

function json(files: Record<string, Uint8Array>, path: string): unknown {
  const data = files[path]
  if (!data) throw new ImportError(`the archive has no ${path}; is it a Plenum workshop export?`)
  try {
    return JSON.parse(strFromU8(data))
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

/** Imports a workshop archive; returns the new workshop's links and keys. */
export async function importWorkshopZip(
  deps: ImportDeps,
  bytes: Uint8Array,
  baseUrl: string,
): Promise<CreateWorkshopResponse> {
  const files = unzip(bytes)
  const manifestParsed = archiveManifestSchema.safeParse(json(files, 'manifest.json'))
  if (!manifestParsed.success) throw new ImportError('manifest.json is not a Plenum workshop manifest')
  const manifest = manifestParsed.data
  if (manifest.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw new ImportError(
      `the archive has format version ${manifest.formatVersion}; this server reads up to ${ARCHIVE_FORMAT_VERSION}`,
    )
  }
  for (const [path, hash] of Object.entries(manifest.files)) {
    if (!files[path]) throw new ImportError(`the archive is missing ${path}`)
    if (sha256(files[path]) !== hash) throw new ImportError(`${path} is damaged (checksum mismatch)`)
  }
  if (!manifest.files['workshop.json']) throw new ImportError('the manifest does not list workshop.json')
  const parsed = archiveWorkshopSchema.safeParse(json(files, 'workshop.json'))
  if (!parsed.success) throw issue('workshop.json', parsed.error)
  const src = parsed.data

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
    const doc = decodeDoc(files[path], path)
    // A fresh document with the same records: the import starts without old edit history.
    states.set(p.id, stateFromFile(tldrawFileOf(doc)))
    doc.destroy()
  }
  const snapshots: Snapshot[] = []
  for (const s of src.snapshots) {
    const path = `snapshots/${s.id}.yjs`
    if (!manifest.files[path] || !manifest.files[`snapshots/${s.id}.json`]) {
      throw new ImportError(`the archive is missing the files of snapshot ${s.id}`)
    }
    decodeDoc(files[path], path).destroy()
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
      stateBytes: files[path].byteLength,
      state: files[path],
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
    for (const [oldId, state] of states) await deps.documents.append(`p-${posterIds.get(oldId)}`, state)
    for (const s of snapshots) await deps.snapshots.insert({ ...s, workshopId })
    if (deps.votes) {
      for (const [oldPosterId, tally] of Object.entries(src.votes)) {
        const poster = posters.find((p) => p.id === posterIds.get(oldPosterId))
        if (!poster) continue
        for (const [noteId, count] of Object.entries(tally)) {
          for (let i = 0; i < count; i++) {
            const vote = {
              workshopId,
              roundId: poster.roundId,
              posterId: poster.id,
              noteId,
              participantId: 'imported',
            }
            await deps.votes.addIfUnder(vote, Number.MAX_SAFE_INTEGER)
          }
        }
      }
    }
  } catch (err) {
    await deps.rollback(workshopId)
    throw err
  }

  const url = (path: string, key: string) => `${baseUrl}${path}#k=${key}`
  return {
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
}
