import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createWorkshopRequestSchema } from '../../shared/api'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { posterDocName } from '../../shared/docNames'
import { noteRecord } from '../../shared/testing/posterFixtures'
import { posterInitialState } from '../domain/posterSeed'
import { SqliteSnapshotStore } from '../domain/SqliteSnapshotStore'
import { SqliteWorkshopStore } from '../domain/SqliteWorkshopStore'
import { WorkshopService } from '../domain/WorkshopService'
import { SqliteDocumentStore } from '../storage/SqliteDocumentStore'
import { closeSqliteDatabase, openSqliteDatabase } from '../storage/sqliteDatabase'
import { docFromState, votesFromControlDoc } from './posterContent'
import { SnapshotError, SnapshotService } from './SnapshotService'

let dir: string
let documents: SqliteDocumentStore
let workshopStore: SqliteWorkshopStore
let snapshots: SqliteSnapshotStore
let workshops: WorkshopService
let service: SnapshotService

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-snap-'))
  documents = new SqliteDocumentStore(dir)
  await documents.init()
  workshopStore = new SqliteWorkshopStore(join(dir, 'plenum.db'))
  await workshopStore.init()
  snapshots = new SqliteSnapshotStore(join(dir, 'plenum.db'))
  await snapshots.init()
  workshops = new WorkshopService(workshopStore)
  service = new SnapshotService({
    snapshots,
    workshops: workshopStore,
    documents,
    allowSandbox: true,
    votes: votesFromControlDoc(documents),
    initialState: (posterId) => posterInitialState({ workshops, documents, allowSandbox: true }, posterId),
  })
})

afterEach(async () => {
  await snapshots.close()
  await workshopStore.close()
  await documents.close()
  rmSync(dir, { recursive: true, force: true })
})

async function workshop() {
  const input = createWorkshopRequestSchema.parse({
    title: 'Borgerinddragelse',
    date: '2026-03-05',
    rounds: [
      { title: 'AS IS', questions: ['Hvad virker?', 'Hvad mangler?'] },
      { title: 'TO BE', questions: ['Hvad gør vi?'] },
    ],
    tables: 2,
  })
  const created = await workshops.create(input, 'http://localhost')
  const aggregate = (await workshopStore.getAggregate(created.workshopId))!
  return { created, aggregate }
}

/** Adds a note to a poster the way a client would: one update appended to storage. */
async function addNote(posterId: string, text: string) {
  const docName = posterDocName(posterId)
  let stored = await documents.load(docName)
  if (!stored) {
    // As the room does: the seed is stored before the first client edit.
    stored = await posterInitialState({ workshops, documents, allowSandbox: true }, posterId)
    await documents.append(docName, stored)
  }
  const doc = docFromState(stored)
  const before = Y.encodeStateVector(doc)
  doc.transact(() => writeRecord(getRecordKV(doc), noteRecord({ text })))
  await documents.append(docName, Y.encodeStateAsUpdate(doc, before))
}

describe('SnapshotService', () => {
  it('keeps a snapshot exactly as it was when the poster changes afterwards', async () => {
    const { aggregate } = await workshop()
    const poster = aggregate.posters[0]
    await addNote(poster.id, 'før låsning')
    const taken = await service.takeSnapshot(poster.id, 'lock')
    await addNote(poster.id, 'efter låsning')

    const stored = (await snapshots.get(taken.id))!
    expect(stored.reason).toBe('lock')
    expect(stored.text.map((n) => n.text)).toEqual(['før låsning'])
    const texts = stored.document.records.filter((r) => r.type === 'note')
    expect(texts).toHaveLength(1)
    expect(
      [...readRecords(docFromState(stored.state)).values()].filter((r) => r.type === 'note'),
    ).toHaveLength(1)

    const db = openSqliteDatabase(join(dir, 'plenum.db'))
    try {
      expect(() => db.prepare("UPDATE snapshots SET reason = 'manual' WHERE id = ?").run(taken.id)).toThrow(
        /immutable/,
      )
    } finally {
      closeSqliteDatabase(db)
    }
    const listed = await snapshots.list({ workshopId: poster.workshopId, tableId: poster.tableId })
    expect(listed.map((s) => [s.id, s.noteCount])).toEqual([[taken.id, 1]])
  })

  it('snapshots a poster nobody opened from its template', async () => {
    const { aggregate } = await workshop()
    const taken = await service.takeSnapshot(aggregate.posters[1].id, 'manual')
    const frames = taken.document.records.filter((r) => r.type === 'frame')
    expect(frames.length).toBeGreaterThan(0)
    expect(taken.text).toEqual([])
  })

  it('restores as a new poster of a round that has not started, leaving the source alone', async () => {
    const { aggregate } = await workshop()
    const [round1, round2] = aggregate.rounds
    const source = aggregate.posters.find((p) => p.roundId === round1.id)!
    await addNote(source.id, 'hjemmeopgave')
    const snap = await service.takeSnapshot(source.id, 'manual')
    const sourceStateBefore = await documents.load(posterDocName(source.id))

    const result = await service.restoreAsCopy(aggregate.workshop.id, snap.id, {
      kind: 'poster',
      roundId: round2.id,
      tableId: source.tableId,
    })
    expect(result.posterId).not.toBe(source.id)
    const after = (await workshopStore.getAggregate(aggregate.workshop.id))!
    const target = after.posters.find((p) => p.roundId === round2.id && p.tableId === source.tableId)!
    expect(target.id).toBe(result.posterId)
    const copy = readRecords(docFromState(await documents.load(result.docName)))
    expect([...copy.values()].some((r) => JSON.stringify(r).includes('hjemmeopgave'))).toBe(true)
    expect(await documents.load(posterDocName(source.id))).toEqual(sourceStateBefore)

    await workshopStore.setRoundPhase(round1.id, 'writing')
    await expect(
      service.restoreAsCopy(aggregate.workshop.id, snap.id, {
        kind: 'poster',
        roundId: round1.id,
        tableId: source.tableId,
      }),
    ).rejects.toMatchObject({ status: 409 })
  })

  it('makes standalone copies and removes everything when the workshop is deleted', async () => {
    const { aggregate } = await workshop()
    const poster = aggregate.posters[0]
    await addNote(poster.id, 'kopi')
    const snap = await service.takeSnapshot(poster.id, 'present')
    const copy = await service.restoreAsCopy(aggregate.workshop.id, snap.id, { kind: 'standalone' })
    expect(copy.docName).toMatch(/^s-/)
    expect(await documents.load(copy.docName)).not.toBeNull()
    await expect(service.getForWorkshop('other', snap.id)).rejects.toBeInstanceOf(SnapshotError)

    await service.deleteWorkshop(aggregate.workshop.id)
    expect(await snapshots.list({ workshopId: aggregate.workshop.id })).toEqual([])
    expect(await documents.load(copy.docName)).toBeNull()
    expect(await documents.load(posterDocName(poster.id))).toBeNull()
  })
})
