/**
 * The notes-only view of a poster document: its question frames and the notes inside each,
 * read straight from the Y.Doc (shared/docLayout.ts), and the writes the notes page makes.
 */
import type * as Y from 'yjs'
import {
  deleteRecord,
  fieldNamesOf,
  getRecordKV,
  type JsonRecord,
  readRecords,
  writeRecord,
} from '../../shared/docLayout'
import { frameAt, freeSpot, indexAbove, maxChildIndex, shapeBox } from '../../shared/questionFrames'
import { plainTextToRichText, richTextToPlainText } from '../../shared/richText'
import { estimateGrowY, makeNoteRecord, NOTE_SIZE, type NoteAuthor, newShapeId } from './noteRecord'

/** A question frame of the poster. */
export interface QuestionFrame {
  id: string
  name: string
  x: number
  y: number
  w: number
  h: number
}

/** A note as the notes page shows it. */
export interface NoteItem {
  id: string
  parentId: string
  text: string
  authorId: string | null
  authorName: string | null
  x: number
  y: number
  w: number
  h: number
  index: string
}

/** A rectangle in frame coordinates that a new note must not cover. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** A frame with its notes, in reading order, and the other shapes inside it. */
export interface QuestionWithNotes {
  frame: QuestionFrame
  notes: NoteItem[]
  /** Other shapes in the frame (the template's question text, drawings) to keep clear of. */
  obstacles: Box[]
}

const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
const props = (r: JsonRecord) => (r.props ?? {}) as Record<string, unknown>
const byReadingOrder = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.y - b.y) > 40 ? a.y - b.y : a.x - b.x

function toFrame(r: JsonRecord): QuestionFrame {
  const p = props(r)
  return {
    id: r.id,
    name: typeof p.name === 'string' ? p.name : '',
    x: num(r.x),
    y: num(r.y),
    w: num(p.w, 400),
    h: num(p.h, 400),
  }
}

function toNote(r: JsonRecord): NoteItem {
  const p = props(r)
  const meta = (r.meta ?? {}) as Record<string, unknown>
  const scale = num(p.scale, 1)
  return {
    id: r.id,
    parentId: String(r.parentId),
    text: richTextToPlainText(p.richText),
    authorId: typeof meta.authorId === 'string' ? meta.authorId : null,
    authorName: typeof meta.authorName === 'string' ? meta.authorName : null,
    x: num(r.x),
    y: num(r.y),
    w: NOTE_SIZE * scale,
    h: (NOTE_SIZE + num(p.growY)) * scale,
    index: typeof r.index === 'string' ? r.index : 'a1',
  }
}

/**
 * The poster's questions (its locked frames, the template's; every frame when none is locked)
 * with the notes inside each, in reading order. A note on the page belongs to the frame under
 * its centre (`frameAt`, the rule the exports use); older posters have notes inside frames.
 */
export function readQuestions(doc: Y.Doc): QuestionWithNotes[] {
  const records = [...readRecords(doc).values()].filter((r) => r.typeName === 'shape')
  const frames = records.filter((r) => r.type === 'frame')
  const locked = frames.filter((r) => r.isLocked === true)
  const chosen = (locked.length > 0 ? locked : frames).map(toFrame).sort(byReadingOrder)
  const frameIds = new Set(chosen.map((f) => f.id))
  const pageIds = new Set(frames.map((f) => String(f.parentId)))
  const withBounds = chosen.map((f) => ({ frame: f, bounds: f }))
  const notesByParent = new Map<string, NoteItem[]>()
  const obstaclesByParent = new Map<string, Box[]>()
  for (const r of records) {
    const parent = String(r.parentId)
    const onPage = !frameIds.has(parent) && pageIds.has(parent)
    if (r.type === 'note') {
      let note = toNote(r)
      let owner = parent
      const under = onPage ? frameAt(withBounds, note)?.frame : null
      if (under) {
        owner = under.id
        note = { ...note, x: note.x - under.x, y: note.y - under.y }
      }
      const list = notesByParent.get(owner) ?? []
      list.push(note)
      notesByParent.set(owner, list)
    } else if (r.type !== 'frame' || !onPage) {
      let box = shapeBox(r)
      let owner = parent
      const under = box && onPage ? frameAt(withBounds, box)?.frame : null
      if (box && under) {
        owner = under.id
        box = { ...box, x: box.x - under.x, y: box.y - under.y }
      }
      if (box) obstaclesByParent.set(owner, [...(obstaclesByParent.get(owner) ?? []), box])
    }
  }
  return chosen.map((frame) => ({
    frame,
    notes: (notesByParent.get(frame.id) ?? []).sort(byReadingOrder),
    obstacles: obstaclesByParent.get(frame.id) ?? [],
  }))
}

/** A free spot for a new note inside a frame (frame coordinates), left to right, top to bottom. */
export function placeNote(
  frame: QuestionFrame,
  existing: Array<Pick<NoteItem, 'x' | 'y' | 'w' | 'h'>>,
): { x: number; y: number } {
  return freeSpot(frame, existing)
}

/**
 * Adds a note with `text` over a question frame, placed where it overlaps nothing. The note
 * is a shape of the page, not of the locked frame, so groups can move and recolour it on the
 * canvas. Returns its id.
 */
export function addNote(doc: Y.Doc, frameId: string, text: string, author: NoteAuthor): string {
  const question = readQuestions(doc).find((q) => q.frame.id === frameId)
  if (!question) throw new Error(`no question frame ${frameId}`)
  const records = readRecords(doc)
  const pageId = String(records.get(frameId)?.parentId)
  const { x, y } = placeNote(question.frame, [...question.notes, ...question.obstacles])
  const record = makeNoteRecord({
    id: newShapeId(),
    parentId: pageId,
    x: question.frame.x + x,
    y: question.frame.y + y,
    // Above every frame, or the frame's fill would hide it.
    index: indexAbove(maxChildIndex(records.values(), pageId)),
    text,
    author,
  })
  doc.transact(() => writeRecord(getRecordKV(doc), record), 'notes')
  return record.id
}

/** Replaces a note's text (only its text fields are written, so a concurrent move survives). */
export function editNote(doc: Y.Doc, id: string, text: string): void {
  const current = readRecords(doc).get(id)
  if (!current) throw new Error(`note ${id} no longer exists`)
  const next: JsonRecord = {
    ...current,
    props: {
      ...(current.props as Record<string, never>),
      richText: plainTextToRichText(text) as never,
      growY: estimateGrowY(text),
    },
  }
  doc.transact(() => writeRecord(getRecordKV(doc), next, current), 'notes')
}

/** Deletes a note. */
export function removeNote(doc: Y.Doc, id: string): void {
  const current = readRecords(doc).get(id)
  if (!current) return
  doc.transact(() => deleteRecord(getRecordKV(doc), id, fieldNamesOf(current)), 'notes')
}
