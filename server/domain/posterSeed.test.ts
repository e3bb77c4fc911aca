import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readQuestions } from '../../client/notes/posterNotes'
import { createWorkshopRequestSchema } from '../../shared/api'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { privateDocName } from '../../shared/docNames'
import { SqliteDocumentStore } from '../storage/SqliteDocumentStore'
import { AccessError } from './AccessError'
import { createInitialState, type PosterSeedContext } from './posterSeed'
import { SqliteWorkshopStore } from './SqliteWorkshopStore'
import { WorkshopService } from './WorkshopService'

function frameNames(state: Uint8Array): string[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return [...readRecords(doc).values()]
    .filter((r) => r.type === 'frame')
    .map((r) => (r.props as { name: string }).name)
    .sort()
}

describe('poster seeding', () => {
  let dir: string
  let ctx: PosterSeedContext
  let service: WorkshopService

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plenum-seed-'))
    const store = new SqliteWorkshopStore(join(dir, 'plenum.db'))
    await store.init()
    const documents = new SqliteDocumentStore(dir)
    await documents.init()
    service = new WorkshopService(store)
    ctx = { workshops: service, documents, allowSandbox: true }
  })
  afterEach(async () => {
    await ctx.documents.close()
    await service.store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function workshop() {
    const created = await service.create(
      createWorkshopRequestSchema.parse({
        title: 'W',
        date: '2017-11-16',
        language: 'en',
        rounds: [
          { title: 'Plan', template: 'collaboration-plan' },
          { title: 'Homework', copyFromRound: 0, template: 'blank' },
        ],
        tables: 2,
      }),
      'http://x',
    )
    const view = await service.view(created.workshopId, 'organizer', 'http://x')
    if (!view) throw new Error('missing')
    return view
  }

  it("seeds a poster from its round's template, identically every time", async () => {
    const view = await workshop()
    const poster = view.posters.find((p) => p.roundId === view.rounds[0].id) as { docName: string }
    const seed = createInitialState(ctx)
    const a = (await seed(poster.docName)) as Uint8Array
    expect(frameNames(a)).toContain('Purpose')
    expect(frameNames(a)).toHaveLength(7)
    expect(Buffer.from((await seed(poster.docName)) as Uint8Array).equals(Buffer.from(a))).toBe(true)
  })

  it("starts a copy round's poster from the same table's earlier poster, edits included", async () => {
    const view = await workshop()
    const table = view.tables[1].id
    const first = view.posters.find((p) => p.roundId === view.rounds[0].id && p.tableId === table) as {
      docName: string
    }
    const second = view.posters.find((p) => p.roundId === view.rounds[1].id && p.tableId === table) as {
      docName: string
    }
    const seed = createInitialState(ctx)
    // The table worked on its first poster: a note was added and stored.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, (await seed(first.docName)) as Uint8Array)
    doc.transact(() =>
      writeRecord(getRecordKV(doc), {
        id: 'shape:homework',
        typeName: 'shape',
        type: 'note',
        x: 10,
        y: 10,
        rotation: 0,
        index: 'b1',
        parentId: 'page:poster',
        isLocked: false,
        opacity: 1,
        props: {},
        meta: {},
      }),
    )
    await ctx.documents.append(first.docName, Y.encodeStateAsUpdate(doc))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, (await seed(second.docName)) as Uint8Array)
    const records = readRecords(copy)
    expect(records.has('shape:homework')).toBe(true)
    expect([...records.values()].filter((r) => r.type === 'frame')).toHaveLength(7)
  })

  it("adds a homework round's own question frames above the copied poster", async () => {
    const created = await service.create(
      createWorkshopRequestSchema.parse({
        title: 'W',
        date: '2017-11-16',
        language: 'da',
        rounds: [
          { title: 'AS IS', questions: ['Hvem?', 'Hvad?'] },
          { title: 'Hjemme', copyFromRound: 0, questions: ['Hvad har vi undersøgt hjemme?'] },
        ],
        tables: 1,
      }),
      'http://x',
    )
    const view = await service.view(created.workshopId, 'organizer', 'http://x')
    const poster = view?.posters.find((p) => p.roundId === view.rounds[1].id) as { docName: string }
    const seed = createInitialState(ctx)
    const state = (await seed(poster.docName)) as Uint8Array
    expect(frameNames(state)).toEqual(['1. Hvem?', '2. Hvad?', 'Hjemme: 1. Hvad har vi undersøgt hjemme?'])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    // The notes-only page shows the frames in reading order under their names: no two "1.".
    expect(readQuestions(doc).map((q) => q.frame.name)).toEqual([
      'Hjemme: 1. Hvad har vi undersøgt hjemme?',
      '1. Hvem?',
      '2. Hvad?',
    ])
    const frames = [...readRecords(doc).values()].filter((r) => r.type === 'frame')
    const own = frames.find((r) => (r.props as { name: string }).name.includes('hjemme'))!
    // Only the round's own frame counts as its question 1; it sits above the copied frames.
    expect(frames.filter((r) => (r.meta as { questionIndex?: number }).questionIndex === 0)).toEqual([own])
    for (const r of frames) if (r !== own) expect(r.y as number).toBeGreaterThan((own.y as number) + 760)
    expect(Buffer.from((await seed(poster.docName)) as Uint8Array).equals(Buffer.from(state))).toBe(true)
  })

  it('refuses documents that do not exist', async () => {
    const seed = createInitialState(ctx)
    await expect(seed('p-doesnotexist')).rejects.toBeInstanceOf(AccessError)
    await expect(seed('w-doesnotexist')).rejects.toBeInstanceOf(AccessError)
    await expect(seed('x-what')).rejects.toBeInstanceOf(AccessError)
    expect(frameNames((await seed('s-free')) as Uint8Array)).toEqual([])
    await expect(createInitialState({ ...ctx, allowSandbox: false })('s-free')).rejects.toBeInstanceOf(
      AccessError,
    )
  })

  it("starts a participant's private notes as a copy of the poster", async () => {
    const view = await workshop()
    const poster = view.posters.find((p) => p.roundId === view.rounds[0].id) as {
      id: string
      tableId: string
    }
    const code = view.tables.find((t) => t.id === poster.tableId)?.joinCode as string
    const joined = await service.join(code, undefined, 'Ida')
    const seed = createInitialState(ctx)
    const state = (await seed(privateDocName(poster.id, joined.participantId))) as Uint8Array
    expect(frameNames(state)).toHaveLength(7)
    await expect(seed(privateDocName(poster.id, 'nosuchparticipant'))).rejects.toBeInstanceOf(AccessError)
  })
})
