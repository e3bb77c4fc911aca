import { HistoryManager } from '@tldraw/editor'
import type { TLRecord, TLShapeId } from 'tldraw'
import { toRichText } from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { getMetaMap, getRecordKV, readRecords, SCHEMA_KEY, writeRecord } from '../../shared/docLayout'
import { POSTER_PAGE_ID, serializedPosterSchema } from '../../shared/posterSchema'
import { editShape, MemoryLink, newStore, noteRecord, noteText, seededDoc } from './testing/memoryPeers'
import { LOCAL_ORIGIN, PosterLoadError, YjsTldrawBinding } from './YjsTldrawBinding'

function twoClients(flushIntervalMs = 0) {
  const link = new MemoryLink()
  const docA = link.add(seededDoc())
  const docB = link.add(new Y.Doc())
  const storeA = newStore()
  const storeB = newStore()
  const a = new YjsTldrawBinding(storeA, docA, { flushIntervalMs })
  const b = new YjsTldrawBinding(storeB, docB, { flushIntervalMs })
  a.start()
  b.start()
  return { link, docA, docB, storeA, storeB, a, b }
}

const shapeId = (id: string) => `shape:${id}` as TLShapeId

afterEach(() => {
  vi.useRealTimers()
})

describe('YjsTldrawBinding', () => {
  it('loads the seeded poster into the store', () => {
    const { storeB } = twoClients()
    expect(storeB.get(POSTER_PAGE_ID as never)).toMatchObject({ typeName: 'page', name: 'Poster' })
  })

  it('sends local notes to the other client and does not echo remote ones', () => {
    const { docB, storeA, storeB, link } = twoClients()
    const echoes: unknown[] = []
    docB.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === LOCAL_ORIGIN) echoes.push(tr)
    })
    storeA.put([noteRecord('n1', 'Borgerinddragelse', 100, 200)])
    expect(noteText(storeB, 'n1')).toBe('Borgerinddragelse')
    expect(storeB.get(shapeId('n1'))).toMatchObject({ x: 100, y: 200 })
    expect(echoes).toHaveLength(0)
    expect(link.sent.get(docB)).toHaveLength(0)
  })

  it('sends deletions', () => {
    const { storeA, storeB } = twoClients()
    storeA.put([noteRecord('n1', 'x')])
    storeA.remove([shapeId('n1')])
    expect(storeB.get(shapeId('n1'))).toBeUndefined()
  })

  it('keeps both edits when one moves a note while another types in it', () => {
    const { link, storeA, storeB } = twoClients()
    storeA.put([noteRecord('n1', 'first')])
    link.disconnect()
    editShape(storeA, 'n1', () => ({ x: 480, y: 90 }))
    editShape(storeB, 'n1', (s: { props: object }) => ({
      props: { ...s.props, richText: toRichText('typed by B') },
    }))
    link.reconnect()
    for (const store of [storeA, storeB]) {
      expect(store.get(shapeId('n1'))).toMatchObject({ x: 480, y: 90 })
      expect(noteText(store, 'n1')).toBe('typed by B')
    }
  })

  it('keeps both edits when one recolours a note while another types in it', () => {
    const { link, storeA, storeB } = twoClients()
    storeA.put([noteRecord('n1', 'first')])
    link.disconnect()
    editShape(storeA, 'n1', (s: { props: object }) => ({ props: { ...s.props, color: 'green' } }))
    editShape(storeB, 'n1', (s: { props: object }) => ({
      props: { ...s.props, richText: toRichText('B types') },
    }))
    link.reconnect()
    for (const store of [storeA, storeB]) {
      expect(store.get(shapeId('n1'))).toMatchObject({ props: { color: 'green' } })
      expect(noteText(store, 'n1')).toBe('B types')
    }
  })

  it('keeps a drag that is not yet written when a remote edit of the same note arrives', () => {
    vi.useFakeTimers()
    const { storeA, storeB } = twoClients(50)
    storeA.put([noteRecord('n1', 'first')])
    vi.advanceTimersByTime(100)
    editShape(storeA, 'n1', () => ({ x: 10 }))
    editShape(storeA, 'n1', () => ({ x: 20 })) // coalesced, not yet written
    editShape(storeB, 'n1', (s: { props: object }) => ({
      props: { ...s.props, richText: toRichText('remote') },
    }))
    expect(storeA.get(shapeId('n1'))).toMatchObject({ x: 20 })
    expect(noteText(storeA, 'n1')).toBe('remote')
    vi.advanceTimersByTime(100)
    expect(storeB.get(shapeId('n1'))).toMatchObject({ x: 20 })
    expect(noteText(storeB, 'n1')).toBe('remote')
  })

  it('undoes only the user’s own changes, never merged remote ones', () => {
    const { storeA, storeB } = twoClients()
    const history = new HistoryManager<TLRecord>({ store: storeA })
    storeA.put([noteRecord('mine', 'mine')])
    storeB.put([noteRecord('theirs', 'theirs')])
    expect(noteText(storeA, 'theirs')).toBe('theirs')
    history.undo()
    expect(storeA.get(shapeId('mine'))).toBeUndefined()
    expect(noteText(storeA, 'theirs')).toBe('theirs')
    // The undo is a user change too, so it reaches the other client.
    expect(storeB.get(shapeId('mine'))).toBeUndefined()
    expect(history.getNumUndos()).toBe(0)
    history.dispose()
  })

  it('skips remote records the schema rejects and keeps working', () => {
    const { docA, storeB } = twoClients()
    const rejected: string[] = []
    const storeC = newStore()
    const c = new YjsTldrawBinding(storeC, docA, { onInvalidRecord: (r) => rejected.push(r.id) })
    c.start()
    docA.transact(() => {
      writeRecord(getRecordKV(docA), { ...(noteRecord('bad', 'x') as object), x: 'not a number' } as never)
    }, 'server')
    expect(rejected).toContain('shape:bad')
    expect(storeC.get(shapeId('bad'))).toBeUndefined()
    storeB.put([noteRecord('good', 'ok')])
    expect(noteText(storeC, 'good')).toBe('ok')
  })

  it('migrates an older document on load and writes the migrated records back', () => {
    const doc = new Y.Doc()
    const schema = serializedPosterSchema() as { sequences: Record<string, number> }
    const old = { ...schema, sequences: { ...schema.sequences, 'com.tldraw.shape.note': 8 } }
    const current = noteRecord('old', '') as unknown as { props: Record<string, unknown> }
    const { richText: _r, textLastEditedBy: _t, ...oldProps } = current.props
    doc.transact(() => {
      getMetaMap(doc).set(SCHEMA_KEY, old)
      writeRecord(getRecordKV(doc), { ...current, props: { ...oldProps, text: 'from 2024' } } as never)
    })
    const store = newStore()
    new YjsTldrawBinding(store, doc).start()
    expect(noteText(store, 'old')).toBe('from 2024')
    const stored = readRecords(doc).get('shape:old') as unknown as { props: Record<string, unknown> }
    expect(stored.props.text).toBeUndefined()
    expect(stored.props.richText).toEqual(toRichText('from 2024'))
    expect(getMetaMap(doc).get(SCHEMA_KEY)).toEqual(serializedPosterSchema())
  })

  it('refuses a document from a newer schema with a typed error', () => {
    const doc = new Y.Doc()
    const schema = serializedPosterSchema() as { sequences: Record<string, number> }
    getMetaMap(doc).set(SCHEMA_KEY, {
      ...schema,
      sequences: { ...schema.sequences, 'com.tldraw.shape.note': 99 },
    })
    expect(() => new YjsTldrawBinding(newStore(), doc).start()).toThrow(PosterLoadError)
  })
})
