import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  deleteRecord,
  fieldKey,
  fieldNamesOf,
  getRecordKV,
  isSeeded,
  type JsonRecord,
  parseFieldKey,
  readRecords,
  seedDocument,
  writeRecord,
} from './docLayout'
import { noteProps } from './noteProps'
import { blankPosterRecords, serializedPosterSchema, validatePosterRecord } from './posterSchema'

function note(overrides: Partial<Record<string, unknown>> = {}): JsonRecord {
  return {
    id: 'shape:note1',
    typeName: 'shape',
    type: 'note',
    x: 100,
    y: 100,
    rotation: 0,
    index: 'a1',
    parentId: 'page:poster',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: noteProps({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hello' }] }],
    }),
    ...overrides,
  } as JsonRecord
}

/** Two documents that exchange updates only when `sync()` is called (like two offline peers). */
function pair() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
  }
  return { a, b, sync }
}

describe('docLayout', () => {
  it('splits and parses field keys, props one level deep', () => {
    expect(parseFieldKey(fieldKey('shape:a/b', 'props.color'))).toEqual({
      id: 'shape:a/b',
      field: 'props.color',
    })
    expect(parseFieldKey('no-slash')).toBeNull()
    expect(fieldNamesOf(note())).toContain('props.richText')
  })

  it('round-trips a record through the document', () => {
    const doc = new Y.Doc()
    doc.transact(() => writeRecord(getRecordKV(doc), note()))
    expect(readRecords(doc).get('shape:note1')).toEqual(note())
  })

  it('keeps both edits when one client moves a note while another types in it', () => {
    const { a, b, sync } = pair()
    a.transact(() => writeRecord(getRecordKV(a), note()))
    sync()
    const base = readRecords(a).get('shape:note1')!
    const moved = note({ x: 400, y: 250 })
    const typed = note()
    ;(typed.props as Record<string, unknown>).richText = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'typed by B' }] }],
    }
    a.transact(() => writeRecord(getRecordKV(a), moved, base))
    b.transact(() => writeRecord(getRecordKV(b), typed, base))
    sync()
    for (const doc of [a, b]) {
      const merged = readRecords(doc).get('shape:note1')!
      expect(merged.x).toBe(400)
      expect(merged.y).toBe(250)
      expect(JSON.stringify(merged.props)).toContain('typed by B')
      expect(validatePosterRecord(merged)).toBeNull()
    }
  })

  it('keeps both edits when one client recolours while another types', () => {
    const { a, b, sync } = pair()
    a.transact(() => writeRecord(getRecordKV(a), note()))
    sync()
    const base = readRecords(a).get('shape:note1')!
    const recoloured = structuredClone(base)
    ;(recoloured.props as Record<string, unknown>).color = 'light-blue'
    const typed = structuredClone(base)
    ;(typed.props as Record<string, unknown>).richText = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Formål' }] }],
    }
    a.transact(() => writeRecord(getRecordKV(a), recoloured, base))
    b.transact(() => writeRecord(getRecordKV(b), typed, base))
    sync()
    const merged = readRecords(b).get('shape:note1')!
    expect((merged.props as Record<string, unknown>).color).toBe('light-blue')
    expect(JSON.stringify(merged.props)).toContain('Formål')
  })

  it('a delete racing an edit leaves no half record behind', () => {
    const { a, b, sync } = pair()
    a.transact(() => writeRecord(getRecordKV(a), note()))
    sync()
    const base = readRecords(a).get('shape:note1')!
    a.transact(() => deleteRecord(getRecordKV(a), base.id, fieldNamesOf(base)))
    b.transact(() => writeRecord(getRecordKV(b), note({ x: 999 }), base))
    sync()
    expect(readRecords(a).has('shape:note1')).toBe(false)
    expect(readRecords(b).has('shape:note1')).toBe(false)
  })

  it('only writes the fields that changed', () => {
    const doc = new Y.Doc()
    const kv = getRecordKV(doc)
    doc.transact(() => writeRecord(kv, note()))
    const before = Y.encodeStateAsUpdate(doc).byteLength
    doc.transact(() => writeRecord(kv, note({ x: 101 }), note()))
    const growth = Y.encodeStateAsUpdate(doc).byteLength - before
    // One small field entry, not a copy of the whole record.
    expect(growth).toBeLessThan(60)
  })

  it('seeds a blank poster with the schema in one transaction', () => {
    const doc = new Y.Doc()
    let transactions = 0
    doc.on('update', () => transactions++)
    expect(isSeeded(doc)).toBe(false)
    seedDocument(doc, blankPosterRecords(), serializedPosterSchema())
    expect(transactions).toBe(1)
    expect(isSeeded(doc)).toBe(true)
    const records = [...readRecords(doc).values()]
    expect(records.map((r) => r.typeName).sort()).toEqual(['document', 'page'])
    for (const record of records) expect(validatePosterRecord(record)).toBeNull()
  })
})
