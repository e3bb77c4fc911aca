import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { type CreateWorkshopResponse, createWorkshopRequestSchema } from '../../shared/api'
import { readControl } from '../../shared/controlDoc'
import { getRecordKV, type JsonRecord, readRecords, writeRecord } from '../../shared/docLayout'
import { controlDocName, posterDocName, privateDocName, privateDocPrefix } from '../../shared/docNames'
import { noteProps } from '../../shared/noteProps'
import { POSTER_PAGE_ID } from '../../shared/posterSchema'
import { PhaseTransitionError } from '../../shared/rounds'
import { createAuthorize } from '../domain/access'
import type { Participant } from '../domain/entities'
import { createInitialState } from '../domain/posterSeed'
import { SqliteSnapshotStore } from '../domain/SqliteSnapshotStore'
import { SqliteWorkshopStore } from '../domain/SqliteWorkshopStore'
import { WorkshopService } from '../domain/WorkshopService'
import { votesFromTallies } from '../export/posterContent'
import { SnapshotService } from '../export/SnapshotService'
import { SqliteDocumentStore } from '../storage/SqliteDocumentStore'
import { RoomRegistry } from '../sync/RoomRegistry'
import { memoryLogger } from '../sync/testDoubles'
import { RoundService } from './RoundService'
import { SqliteVoteStore } from './VoteStore'

const config = {
  maxMessageBytes: 1 << 20,
  maxDocumentBytes: 1 << 24,
  maxBufferedBytes: 1 << 24,
  compactAfterUpdates: 500,
  maxQueuedMessages: 100,
  roomUnloadGraceMs: 60_000,
}

function note(id: string, text: string, parentId = POSTER_PAGE_ID): JsonRecord {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x: 10,
    y: 10,
    rotation: 0,
    index: 'a5',
    parentId,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: noteProps({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }),
  } as unknown as JsonRecord
}

describe('RoundService', () => {
  let dir: string
  let documents: SqliteDocumentStore
  let store: SqliteWorkshopStore
  let snapshots: SqliteSnapshotStore
  let votes: SqliteVoteStore
  let workshops: WorkshopService
  let rooms: RoomRegistry
  let rounds: RoundService
  let w: CreateWorkshopResponse
  let now: number

  const control = async () => readControl(await docOf(controlDocName(w.workshopId)))
  const docOf = async (name: string): Promise<Y.Doc> => {
    let doc: Y.Doc | null = null
    await rooms.transact(name, (d) => {
      doc = d
    })
    return doc as unknown as Y.Doc
  }
  const aggregate = async () => (await workshops.refresh(w.workshopId))!
  const joinTable = async (tableIndex: number, name: string): Promise<Participant> => {
    const res = await workshops.join(w.tables[tableIndex].joinCode, undefined, name)
    return (await store.getParticipant(res.participantId))!
  }
  const posterOf = async (tableIndex: number) => {
    const a = await aggregate()
    return a.posters.find(
      (p) => p.roundId === a.workshop.currentRoundId && p.tableId === w.tables[tableIndex].id,
    )!
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plenum-rounds-'))
    documents = new SqliteDocumentStore(dir)
    await documents.init()
    const file = join(dir, 'plenum.db')
    store = new SqliteWorkshopStore(file)
    await store.init()
    snapshots = new SqliteSnapshotStore(file)
    await snapshots.init()
    votes = new SqliteVoteStore(file)
    await votes.init()
    workshops = new WorkshopService(store)
    const initialState = createInitialState({ workshops, documents, allowSandbox: false })
    rooms = new RoomRegistry({
      store: documents,
      config,
      logger: memoryLogger(),
      authorize: createAuthorize({ workshops, allowSandbox: false }),
      hooks: [{ initialState }],
    })
    const snapshotService = new SnapshotService({
      snapshots,
      workshops: store,
      documents,
      allowSandbox: false,
      votes: votesFromTallies((posterId) => votes.tallies(posterId)),
    })
    now = 1_800_000_000_000
    rounds = new RoundService({
      workshops,
      documents,
      rooms,
      deleteDocument: (name) => documents.delete(name),
      takeSnapshot: (posterId, reason) => snapshotService.takeSnapshot(posterId, reason),
      votes,
      logger: { ...memoryLogger(), error: (msg, fields) => console.error(msg, fields) },
      now: () => now,
    })
    w = await workshops.create(
      createWorkshopRequestSchema.parse({
        title: 'AS IS',
        date: '2026-11-22',
        rounds: [{ title: 'Runde 1', questions: ['Formål', 'Målgrupper'] }, { title: 'Runde 2' }],
        tables: 3,
      }),
      'http://plenum.test',
    )
  })

  afterEach(async () => {
    await rooms.closeAll()
    await votes.close()
    await snapshots.close()
    await store.close()
    await documents.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('starts a round on every table with a timer and stores the phase', async () => {
    const a = await aggregate()
    const round = a.rounds[0]
    expect(await rounds.act(w.workshopId, round.id, 'start', { minutes: 7 })).toBe('writing')
    const state = await control()
    expect(state.phase).toBe('writing')
    expect(state.currentRoundId).toBe(round.id)
    expect(state.timer).toEqual({ startedAt: now, durationMs: 7 * 60_000, pausedRemaining: null })
    expect(state.tables.map((t) => t.name)).toEqual(['Bord 1', 'Bord 2', 'Bord 3'])
    expect(state.tables.every((t) => t.posterId)).toBe(true)
    // Stored: a fresh service over the same database sees it.
    const fresh = await new WorkshopService(store).refresh(w.workshopId)
    expect(fresh?.rounds[0].phase).toBe('writing')
    expect(workshops.live.phase(round.id)).toBe('writing')
  })

  it('refuses transitions the phase machine does not allow', async () => {
    const round = (await aggregate()).rounds[0]
    await expect(rounds.act(w.workshopId, round.id, 'lock')).rejects.toThrow(PhaseTransitionError)
    await rounds.act(w.workshopId, round.id, 'start')
    await expect(rounds.act(w.workshopId, round.id, 'reveal')).rejects.toThrow(/cannot reveal/)
    // Another round cannot start while this one is open.
    const second = (await aggregate()).rounds[1]
    await expect(rounds.act(w.workshopId, second.id, 'start')).rejects.toThrow(/still open/)
  })

  it('locks: stops the timer and snapshots every poster of the round', async () => {
    const round = (await aggregate()).rounds[0]
    await rounds.act(w.workshopId, round.id, 'start')
    await rounds.act(w.workshopId, round.id, 'lock')
    expect((await control()).timer).toBeNull()
    const taken = await snapshots.list({ workshopId: w.workshopId })
    expect(taken.map((s) => s.reason)).toEqual(['lock', 'lock', 'lock'])
  })

  it('presents tables in order, snapshots each once, and moves locked to presented', async () => {
    const round = (await aggregate()).rounds[0]
    await rounds.act(w.workshopId, round.id, 'start')
    await rounds.act(w.workshopId, round.id, 'lock')
    await rounds.present(w.workshopId, w.tables[1].id)
    let state = await control()
    expect(state.presenting?.tableName).toBe('Bord 2')
    expect(state.phase).toBe('presented')
    await rounds.present(w.workshopId, w.tables[1].id, 'shape:frame1')
    expect((await control()).presenting?.frameId).toBe('shape:frame1')
    expect(await rounds.step(w.workshopId, 1)).toBe(w.tables[2].id)
    expect(await rounds.step(w.workshopId, 1)).toBe(w.tables[2].id)
    expect(await rounds.step(w.workshopId, -1)).toBe(w.tables[1].id)
    state = await control()
    expect(state.presenting?.tableId).toBe(w.tables[1].id)
    const present = (await snapshots.list({ workshopId: w.workshopId })).filter((s) => s.reason === 'present')
    expect(present).toHaveLength(3)
    expect(workshops.live.presentingPosterId(w.workshopId)).toBe(state.presenting?.posterId)
  })

  it('counts dots against the limit and refuses the next one, and tallies them', async () => {
    const round = (await aggregate()).rounds[0]
    await rounds.act(w.workshopId, round.id, 'start')
    const alice = await joinTable(0, 'Alice')
    const poster = await posterOf(0)
    const other = await posterOf(1)
    await rooms.transact(posterDocName(poster.id), (doc) =>
      writeRecord(getRecordKV(doc), note('shape:n1', 'Idé')),
    )
    await rooms.transact(posterDocName(other.id), (doc) =>
      writeRecord(getRecordKV(doc), note('shape:n2', 'Anden')),
    )
    await expect(rounds.vote(alice, poster.id, 'shape:n1')).rejects.toThrow(/not in its voting phase/)
    await rounds.act(w.workshopId, round.id, 'voting', { votes: { dots: 2, scope: 'table' } })
    expect(await rounds.vote(alice, poster.id, 'shape:n1')).toBe(1)
    await expect(rounds.vote(alice, other.id, 'shape:n2')).rejects.toThrow(/own table/)
    await expect(rounds.vote(alice, poster.id, 'shape:nope')).rejects.toThrow(/no such note/)
    expect(await rounds.vote(alice, poster.id, 'shape:n1')).toBe(0)
    await expect(rounds.vote(alice, poster.id, 'shape:n1')).rejects.toThrow(/no dots left/)
    expect((await control()).tallies[poster.id]).toEqual({ 'shape:n1': 2 })
    await rounds.unvote(alice, poster.id, 'shape:n1')
    expect((await control()).tallies[poster.id]).toEqual({ 'shape:n1': 1 })
    expect(await rounds.myVotes(alice)).toEqual({ dots: 2, used: 1, notes: { [`${poster.id}/shape:n1`]: 1 } })
    await rounds.act(w.workshopId, round.id, 'lock')
    await expect(rounds.vote(alice, poster.id, 'shape:n1')).rejects.toThrow(/not in its voting phase/)
  })

  it('reveal merges private notes into the poster and deletes the private documents', async () => {
    const round = (await aggregate()).rounds[0]
    await rounds.act(w.workshopId, round.id, 'private', { minutes: 3 })
    const alice = await joinTable(0, 'Alice')
    const bob = await joinTable(0, 'Bob')
    const poster = await posterOf(0)
    const frame = [...readRecords(await docOf(posterDocName(poster.id))).values()].find(
      (r) => r.type === 'frame',
    )!
    const qa = privateDocName(poster.id, alice.id)
    const qb = privateDocName(poster.id, bob.id)
    await rooms.transact(qa, (doc) =>
      writeRecord(getRecordKV(doc), note('shape:a', 'Alices tanke', frame.id)),
    )
    await rooms.transact(qb, (doc) => writeRecord(getRecordKV(doc), note('shape:b', 'Bobs tanke')))
    // The private copy starts from the poster, so the question frames are there too.
    expect(readRecords(await docOf(qa)).has(frame.id)).toBe(true)
    expect(readRecords(await docOf(posterDocName(poster.id))).has('shape:a')).toBe(false)
    await rooms.closeAll()
    rooms = new RoomRegistry({
      store: documents,
      config,
      logger: memoryLogger(),
      authorize: createAuthorize({ workshops, allowSandbox: false }),
      hooks: [{ initialState: createInitialState({ workshops, documents, allowSandbox: false }) }],
    })
    ;(rounds as unknown as { deps: { rooms: RoomRegistry } }).deps.rooms = rooms
    await rounds.act(w.workshopId, round.id, 'reveal')
    const records = readRecords(await docOf(posterDocName(poster.id)))
    expect(records.get('shape:a')?.parentId).toBe(frame.id)
    expect(records.get('shape:b')).toBeTruthy()
    expect(await documents.list(privateDocPrefix(poster.id))).toEqual([])
  })

  it('raises and lowers done flags per table', async () => {
    await rounds.setDone(w.workshopId, w.tables[2].id, true)
    expect((await control()).done).toEqual({ [w.tables[2].id]: true })
    await rounds.setDone(w.workshopId, w.tables[2].id, false)
    expect((await control()).done).toEqual({ [w.tables[2].id]: false })
    await expect(rounds.setDone(w.workshopId, 'nope', true)).rejects.toThrow(/not part/)
  })
})
