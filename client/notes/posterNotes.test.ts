import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordKV, type JsonRecord, readRecords, seedDocument, writeRecord } from '../../shared/docLayout'
import {
  blankPosterRecords,
  POSTER_PAGE_ID,
  serializedPosterSchema,
  validatePosterRecord,
} from '../../shared/posterSchema'
import { addNote, editNote, placeNote, readQuestions, removeNote } from './posterNotes'

function frame(id: string, name: string, x: number, y: number, index: string): JsonRecord {
  return {
    id,
    typeName: 'shape',
    type: 'frame',
    x,
    y,
    rotation: 0,
    index,
    parentId: POSTER_PAGE_ID,
    isLocked: true,
    opacity: 1,
    meta: {},
    props: { w: 660, h: 500, name, color: 'black' },
  }
}

function posterDoc(): Y.Doc {
  const doc = new Y.Doc()
  const frames = [
    frame('shape:q2', '2. Hvad virker?', 700, 0, 'a2'),
    frame('shape:q1', '1. Hvem er borgerne?', 0, 0, 'a1'),
    frame('shape:q3', '3. Hvad mangler?', 0, 560, 'a3'),
  ]
  for (const f of frames) expect(validatePosterRecord(f)).toBeNull()
  seedDocument(doc, [...blankPosterRecords(), ...frames], serializedPosterSchema())
  return doc
}

const mette = { authorId: 'p-mette', authorName: 'Mette' }

describe('posterNotes', () => {
  it('lists the question frames in reading order', () => {
    expect(readQuestions(posterDoc()).map((q) => q.frame.name)).toEqual([
      '1. Hvem er borgerne?',
      '2. Hvad virker?',
      '3. Hvad mangler?',
    ])
  })

  it('adds valid notes inside the chosen frame without overlapping', () => {
    const doc = posterDoc()
    const ids = [1, 2, 3, 4].map((i) => addNote(doc, 'shape:q2', `Idé ${i}`, mette))
    const q2 = readQuestions(doc).find((q) => q.frame.id === 'shape:q2')!
    expect(q2.notes.map((n) => n.text)).toEqual(['Idé 1', 'Idé 2', 'Idé 3', 'Idé 4'])
    const records = readRecords(doc)
    for (const id of ids) expect(validatePosterRecord(records.get(id)!)).toBeNull()
    for (const a of q2.notes) {
      expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= 660).toBe(true)
      for (const b of q2.notes) {
        if (a === b) continue
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
        expect(overlap).toBe(false)
      }
    }
    expect(readQuestions(doc).find((q) => q.frame.id === 'shape:q1')!.notes).toEqual([])
  })

  it('puts new notes on the page over their frame, above the frames, so the canvas can move them', () => {
    const doc = posterDoc()
    const id = addNote(doc, 'shape:q2', 'på siden', mette)
    const record = readRecords(doc).get(id)!
    expect(record.parentId).toBe(POSTER_PAGE_ID)
    expect(String(record.index) > 'a3').toBe(true)
    expect(record.x as number).toBeGreaterThanOrEqual(700)
    expect(
      readQuestions(doc)
        .find((q) => q.frame.id === 'shape:q2')!
        .notes.map((n) => n.id),
    ).toEqual([id])
  })

  it('edits only the text of a note, so a concurrent move on another replica survives', () => {
    const a = posterDoc()
    const id = addNote(a, 'shape:q1', 'før', mette)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const moved = { ...readRecords(b).get(id)!, x: 300 }
    b.transact(() => writeRecord(getRecordKV(b), moved, readRecords(b).get(id)))
    editNote(a, id, 'efter')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    for (const doc of [a, b]) {
      const note = readQuestions(doc)[0].notes[0]
      expect(note.text).toBe('efter')
      expect(note.x).toBe(300)
    }
  })

  it('keeps new notes clear of the question text inside the frame', () => {
    const doc = posterDoc()
    const text: JsonRecord = {
      id: 'shape:q1text',
      typeName: 'shape',
      type: 'text',
      x: 24,
      y: 24,
      rotation: 0,
      index: 'a1',
      parentId: 'shape:q1',
      isLocked: true,
      opacity: 1,
      meta: {},
      props: {
        color: 'black',
        size: 'l',
        font: 'sans',
        textAlign: 'start',
        w: 612,
        richText: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hvem er borgerne?' }] }],
        },
        scale: 1,
        autoSize: false,
      },
    }
    expect(validatePosterRecord(text)).toBeNull()
    doc.transact(() => writeRecord(getRecordKV(doc), text))
    addNote(doc, 'shape:q1', 'under teksten', mette)
    const note = readQuestions(doc)[0].notes[0]
    expect(note.y).toBeGreaterThanOrEqual(24 + 48)
  })

  it("counts a note lying over a frame on the page as that frame's", () => {
    const doc = posterDoc()
    const id = addNote(doc, 'shape:q2', 'på siden', mette)
    const onPage = { ...readRecords(doc).get(id)!, parentId: POSTER_PAGE_ID, x: 700 + 300, y: 100 }
    doc.transact(() => writeRecord(getRecordKV(doc), onPage, readRecords(doc).get(id)))
    const q2 = readQuestions(doc).find((q) => q.frame.id === 'shape:q2')!
    expect(q2.notes.map((n) => n.text)).toEqual(['på siden'])
    expect(q2.notes[0].x).toBe(300)
  })

  it('removes a note', () => {
    const doc = posterDoc()
    const id = addNote(doc, 'shape:q3', 'væk', mette)
    removeNote(doc, id)
    expect(readRecords(doc).has(id)).toBe(false)
    expect(readQuestions(doc)[2].notes).toEqual([])
  })

  it('places the next note beside existing ones, then on a new row', () => {
    const f = { id: 'f', name: '', x: 0, y: 0, w: 460, h: 460 }
    const first = placeNote(f, [])
    const second = placeNote(f, [{ ...first, w: 200, h: 200 }])
    const third = placeNote(f, [
      { ...first, w: 200, h: 200 },
      { ...second, w: 200, h: 200 },
    ])
    expect(second.y).toBe(first.y)
    expect(second.x).toBeGreaterThanOrEqual(first.x + 200)
    expect(third.y).toBeGreaterThanOrEqual(first.y + 200)
  })
})
