import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createWorkshopRequestSchema } from '../../shared/api'
import { parseCsv } from '../../shared/csv'
import { getRecordKV, writeRecord } from '../../shared/docLayout'
import { docKindPrefix, posterDocName } from '../../shared/docNames'
import { noteRecord } from '../../shared/testing/posterFixtures'
import { posterInitialState } from '../domain/posterSeed'
import { SqliteSnapshotStore } from '../domain/SqliteSnapshotStore'
import { SqliteWorkshopStore } from '../domain/SqliteWorkshopStore'
import { WorkshopService } from '../domain/WorkshopService'
import { SqliteVoteStore } from '../rounds/VoteStore'
import { SqliteDocumentStore } from '../storage/SqliteDocumentStore'
import { closeSqliteDatabase, openSqliteDatabase } from '../storage/sqliteDatabase'
import { docFromState, votesFromTallies } from './posterContent'
import { SnapshotService } from './SnapshotService'
import { ImportError, importWorkshopZip } from './workshopImport'
import { noteRows, readWorkshopPosters } from './workshopNotes'
import { buildWorkshopZip } from './workshopZip'

let dir: string
let documents: SqliteDocumentStore
let store: SqliteWorkshopStore
let snapshots: SqliteSnapshotStore
let voteStore: SqliteVoteStore
let workshops: WorkshopService

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-zip-'))
  const file = join(dir, 'plenum.db')
  documents = new SqliteDocumentStore(dir)
  store = new SqliteWorkshopStore(file)
  snapshots = new SqliteSnapshotStore(file)
  voteStore = new SqliteVoteStore(file)
  for (const s of [documents, store, snapshots, voteStore]) await s.init()
  workshops = new WorkshopService(store)
  workshops.onWorkshopDeleted(async (a) => {
    for (const p of a.posters) await documents.delete(posterDocName(p.id))
    await snapshots.deleteWorkshop(a.workshop.id)
    await voteStore.deleteWorkshop(a.workshop.id)
  })
})

afterEach(async () => {
  for (const s of [voteStore, snapshots, store, documents]) await s.close()
  rmSync(dir, { recursive: true, force: true })
})

const deps = () => ({
  documents,
  snapshots,
  votes: votesFromTallies((posterId) => voteStore.tallies(posterId)),
  initialState: (posterId: string) =>
    posterInitialState({ workshops, documents, allowSandbox: true }, posterId),
})

async function addNote(posterId: string, text: string, id?: string) {
  const docName = posterDocName(posterId)
  let stored = await documents.load(docName)
  if (!stored) {
    stored = await posterInitialState({ workshops, documents, allowSandbox: true }, posterId)
    await documents.append(docName, stored)
  }
  const doc = docFromState(stored)
  const before = Y.encodeStateVector(doc)
  doc.transact(() => writeRecord(getRecordKV(doc), noteRecord({ id, text, y: Math.random() * 500 })))
  await documents.append(docName, Y.encodeStateAsUpdate(doc, before))
}

async function exampleWorkshop() {
  const created = await workshops.create(
    createWorkshopRequestSchema.parse({
      title: 'Workshop 1: AS IS',
      date: '2026-03-05',
      place: 'Odense',
      rounds: [
        { title: 'Runde 1', questions: ['Hvad virker?', 'Hvad driller?'] },
        { title: 'Runde 2', questions: ['Hvad nu?'], copyFromRound: 0 },
      ],
      tables: 2,
    }),
    'http://localhost',
  )
  const a = (await store.getAggregate(created.workshopId))!
  const [p1, p2, p3] = a.posters
  await addNote(p1.id, 'Gode møder, "faste" aftaler', 'shape:voted')
  await addNote(p1.id, 'Æblekage\n- med flødeskum')
  await addNote(p2.id, 'Blåbær')
  await addNote(p3.id, 'Runde to')
  for (let i = 0; i < 3; i++) {
    await voteStore.addIfUnder(
      {
        workshopId: a.workshop.id,
        roundId: p1.roundId,
        posterId: p1.id,
        noteId: 'shape:voted',
        participantId: `p${i}`,
      },
      5,
    )
  }
  const service = new SnapshotService({ ...deps(), workshops: store, allowSandbox: true })
  await service.takeSnapshot(p1.id, 'lock')
  return a
}

function summary(rows: ReturnType<typeof noteRows>) {
  return rows.map((r) => [r.roundTitle, r.tableName, r.question, r.text, r.colour, r.votes].join('|')).sort()
}

const limits = { maxTotalBytes: 64 * 1024 * 1024, maxDocumentBytes: 4 * 1024 * 1024 }

describe('workshop ZIP', () => {
  it('imports as a new workshop with the same rounds, notes, votes and snapshots', async () => {
    const a = await exampleWorkshop()
    const zip = await buildWorkshopZip(deps(), a)
    const files = unzipSync(zip)
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['manifest.json', 'workshop.json', 'notes.csv', 'summary.md']),
    )
    const csv = parseCsv(strFromU8(files['notes.csv']))
    // Round 2 starts from round 1's posters (homework), so its posters carry round 1's notes too.
    expect(csv).toHaveLength(1 + 4 + 3)
    expect(csv.filter((row) => row[4] === 'Blåbær').map((row) => row[1])).toEqual(['Runde 1', 'Runde 2'])
    expect(strFromU8(files['summary.md'])).toContain('Gode møder, "faste" aftaler (3 stemmer)')

    const imported = await importWorkshopZip(
      {
        workshops: store,
        documents,
        snapshots,
        votes: voteStore,
        limits,
        rollback: (id) => workshops.delete(id),
      },
      zip,
      'http://localhost',
    )
    expect(imported.workshopId).not.toBe(a.workshop.id)
    expect(await workshops.authenticate(imported.organizerKey)).toMatchObject({ role: 'organizer' })
    const b = (await store.getAggregate(imported.workshopId))!
    expect(b.rounds.map((r) => [r.title, r.questions, r.phase])).toEqual(
      a.rounds.map((r) => [r.title, r.questions, r.phase]),
    )
    expect(b.rounds[1].copyFromRoundId).toBe(b.rounds[0].id)
    expect(b.tables.map((t) => t.joinCode)).not.toEqual(a.tables.map((t) => t.joinCode))

    const before = summary(noteRows(await readWorkshopPosters(deps(), a)))
    const after = summary(noteRows(await readWorkshopPosters(deps(), b)))
    expect(after).toEqual(before)
    expect(after.some((line) => line.endsWith('|3'))).toBe(true)
    expect(await snapshots.list({ workshopId: b.workshop.id })).toHaveLength(1)
  })

  it('refuses foreign, damaged and newer archives and leaves no workshop behind', async () => {
    const a = await exampleWorkshop()
    const zip = await buildWorkshopZip(deps(), a)
    const importDeps = {
      workshops: store,
      documents,
      snapshots,
      votes: voteStore,
      limits,
      rollback: (id: string) => workshops.delete(id),
    }
    const db = openSqliteDatabase(join(dir, 'plenum.db'))
    const countWorkshops = async () => {
      const row = db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }
      return `${row.n} workshops, ${(await documents.list(docKindPrefix('poster'))).length} docs`
    }

    const docsBefore = await countWorkshops()
    const attempt = (bytes: Uint8Array) => importWorkshopZip(importDeps, bytes, 'http://x')
    await expect(attempt(strToU8('not a zip at all'))).rejects.toThrow(/not a ZIP/)
    await expect(attempt(zipSync({ 'hello.txt': strToU8('hi') }))).rejects.toThrow(/no manifest.json/)

    const files = unzipSync(zip)
    const posterPath = Object.keys(files).find((p) => p.startsWith('posters/') && p.endsWith('.yjs'))!
    const damaged = { ...files, [posterPath]: files[posterPath].slice(0, 10) }
    await expect(attempt(zipSync(damaged))).rejects.toThrow(/damaged \(checksum/)

    const manifest = JSON.parse(strFromU8(files['manifest.json']))
    const newer = { ...files, 'manifest.json': strToU8(JSON.stringify({ ...manifest, formatVersion: 99 })) }
    await expect(attempt(zipSync(newer))).rejects.toThrow(/format version 99/)

    const err = await attempt(zipSync(damaged)).catch((e) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect(await countWorkshops()).toBe(docsBefore)
    closeSqliteDatabase(db)
  })
})
