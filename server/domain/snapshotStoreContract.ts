/**
 * The behaviour every `SnapshotStore` adapter must have. Run by the SQLite unit test and the
 * PostgreSQL integration test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExtractedNote } from '../../shared/extract'
import type { Snapshot, SnapshotReason, SnapshotStore } from './SnapshotStore'
import { newId } from './secrets'

function note(text: string): ExtractedNote {
  return {
    question: 'Hvad virker?',
    frameId: 'shape:frame-1',
    questionIndex: 0,
    text,
    colour: 'yellow',
    shapeId: `shape:${newId()}`,
    kind: 'note',
    createdAt: '2017-11-16T10:00:00.000Z',
    authorName: 'Søren',
    votes: 2,
  }
}

/** A snapshot of one poster with `texts` notes; ids are new on every call. */
export function sampleSnapshot(
  workshopId: string,
  over: Partial<Pick<Snapshot, 'roundId' | 'tableId' | 'posterId' | 'createdAt'>> & {
    reason?: SnapshotReason
    texts?: string[]
  } = {},
): Snapshot {
  const text = (over.texts ?? ['Cykelparkering', 'Mere grønt']).map(note)
  const state = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256)
  return {
    id: newId(),
    workshopId,
    posterId: over.posterId ?? newId(),
    roundId: over.roundId ?? 'round-1',
    tableId: over.tableId ?? 'table-1',
    reason: over.reason ?? 'manual',
    createdAt: over.createdAt ?? '2017-11-16T10:30:00.000Z',
    noteCount: text.length,
    stateBytes: state.byteLength,
    state,
    document: {
      tldrawFileFormatVersion: 1,
      schema: { schemaVersion: 2, sequences: { 'com.tldraw.shape.note': 9 } },
      records: [{ id: 'shape:a', typeName: 'shape', props: { richText: 'Å æ ø', size: 1.5 } }],
    },
    text,
  }
}

/** Declares the contract tests for the store `make` returns (a fresh, empty store). */
export function describeSnapshotStoreContract(
  name: string,
  make: () => SnapshotStore | Promise<SnapshotStore>,
) {
  describe(`SnapshotStore contract: ${name}`, () => {
    let store: SnapshotStore
    beforeEach(async () => {
      store = await make()
      await store.init()
      await store.init()
    })
    afterEach(async () => store.close())

    it('gives back exactly what was stored', async () => {
      const s = sampleSnapshot('w1', { texts: ['Én', 'To', 'Tre'] })
      await store.insert(s)
      const back = await store.get(s.id)
      expect(back).toEqual({ ...s, state: expect.any(Uint8Array) })
      expect(Array.from(back?.state ?? [])).toEqual(Array.from(s.state))
      expect(back?.noteCount).toBe(3)
      expect(back?.stateBytes).toBe(300)
      expect(await store.get('missing')).toBeNull()
    })

    it('lists oldest first and filters by round, table and poster', async () => {
      const late = sampleSnapshot('w1', {
        roundId: 'r2',
        tableId: 't1',
        createdAt: '2017-11-16T12:00:00.000Z',
      })
      const early = sampleSnapshot('w1', {
        roundId: 'r1',
        tableId: 't1',
        createdAt: '2017-11-16T09:00:00.000Z',
      })
      const same1 = sampleSnapshot('w1', {
        roundId: 'r1',
        tableId: 't2',
        createdAt: '2017-11-16T10:00:00.000Z',
      })
      const same2 = sampleSnapshot('w1', {
        roundId: 'r1',
        tableId: 't2',
        createdAt: '2017-11-16T10:00:00.000Z',
      })
      const elsewhere = sampleSnapshot('w2')
      for (const s of [late, early, same1, same2, elsewhere]) await store.insert(s)
      const ids = async (f: Parameters<SnapshotStore['list']>[0]) => (await store.list(f)).map((s) => s.id)
      // Equal times keep the order they were taken in.
      expect(await ids({ workshopId: 'w1' })).toEqual([early.id, same1.id, same2.id, late.id])
      expect(await ids({ workshopId: 'w1', roundId: 'r1' })).toEqual([early.id, same1.id, same2.id])
      expect(await ids({ workshopId: 'w1', roundId: 'r1', tableId: 't2' })).toEqual([same1.id, same2.id])
      expect(await ids({ workshopId: 'w1', posterId: late.posterId })).toEqual([late.id])
      const [summary] = await store.list({ workshopId: 'w2' })
      expect(summary).toEqual({
        id: elsewhere.id,
        workshopId: 'w2',
        posterId: elsewhere.posterId,
        roundId: elsewhere.roundId,
        tableId: elsewhere.tableId,
        reason: 'manual',
        createdAt: elsewhere.createdAt,
        noteCount: 2,
        stateBytes: 300,
      })
    })

    it('never overwrites a snapshot: a second insert with the same id fails', async () => {
      const s = sampleSnapshot('w1', { texts: ['Original'] })
      await store.insert(s)
      await expect(store.insert({ ...s, text: [], reason: 'lock' })).rejects.toThrow()
      const back = await store.get(s.id)
      expect(back?.text.map((t) => t.text)).toEqual(['Original'])
      expect(back?.reason).toBe('manual')
    })

    it('deletes the snapshots of one workshop only', async () => {
      await store.insert(sampleSnapshot('w1'))
      await store.insert(sampleSnapshot('w1'))
      const kept = sampleSnapshot('w2')
      await store.insert(kept)
      expect(await store.deleteWorkshop('w1')).toBe(2)
      expect(await store.list({ workshopId: 'w1' })).toEqual([])
      expect((await store.get(kept.id))?.id).toBe(kept.id)
      expect(await store.deleteWorkshop('w1')).toBe(0)
    })
  })
}
