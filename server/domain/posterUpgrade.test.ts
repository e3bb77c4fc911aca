import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readRecords, seedDocument } from '../../shared/docLayout'
import { blankPosterRecords, POSTER_PAGE_ID, serializedPosterSchema } from '../../shared/posterSchema'
import { frameRecord, noteRecord } from '../../shared/testing/posterFixtures'
import { defaultConfig } from '../config'
import { Room } from '../sync/Room'
import { MemoryDocumentStore, memoryLogger } from '../sync/testDoubles'
import { upgradePoster } from './posterUpgrade'

describe('upgradePoster', () => {
  it('frees notes stuck in a locked question frame when the room loads, and stores the change', async () => {
    const frame = {
      ...frameRecord({ id: 'shape:question-1', name: '1. Hvem?', w: 1000, h: 760, x: 500, y: 100 }),
    }
    frame.isLocked = true
    const old = new Y.Doc()
    seedDocument(
      old,
      [
        ...blankPosterRecords(),
        frame,
        noteRecord({ id: 'shape:phone', text: 'fra telefonen', parentId: frame.id, x: 20, y: 30 }),
      ],
      serializedPosterSchema(),
    )
    const store = new MemoryDocumentStore()
    await store.append('p-abc', Y.encodeStateAsUpdate(old))
    const room = await Room.load({
      name: 'p-abc',
      store,
      limits: { ...defaultConfig, compactAfterUpdates: 500 },
      logger: memoryLogger(),
      hooks: { upgrade: upgradePoster },
    })
    try {
      await room.flush()
      for (const doc of [room.doc, await store.stored('p-abc')]) {
        expect(readRecords(doc).get('shape:phone')).toMatchObject({
          parentId: POSTER_PAGE_ID,
          x: 520,
          y: 130,
        })
      }
      // Nothing left to upgrade: loading again changes nothing.
      expect(upgradePoster('p-abc', room.doc)).toBeNull()
    } finally {
      room.destroy()
    }
  })

  it('leaves control documents alone', () => {
    expect(upgradePoster('c-abc', new Y.Doc())).toBeNull()
  })
})
