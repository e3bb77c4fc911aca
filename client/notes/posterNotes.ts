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
import {
  estimateGrowY,
  indexAbove,
  makeNoteRecord,
  NOTE_SIZE,
  type NoteAuthor,
  newShapeId,
  plainFromRichText,
  richTextFromPlain,
} from './noteRecord'

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
    text: plainFromRichText(p.richText),
    authorId: typeof meta.authorId === 'string' ? meta.authorId : null,
    authorName: typeof meta.authorName === 'string' ? meta.authorName : null,
    x: num(r.x),
    y: num(r.y),
    w: NOTE_SIZE * scale,
    h: (NOTE_SIZE + num(p.growY)) * scale,
    index: typeof r.index === 'string' ? r.index : 'a1',
  }
}

/** The approximate box of a non-note shape: its own size, or for text an estimate from its length. */
function obstacleBox(r: JsonRecord): Box | null {
  const p = props(r)
  const scale = num(p.scale, 1)
  const x = num(r.x)
  const y = num(r.y)
  if (typeof p.w === 'number' && typeof p.h === 'number') return { x, y, w: p.w * scale, h: p.h * scale }
  if (r.type === 'text' && typeof p.w === 'number') {
    const width = p.w
    const charWidth = p.size === 'xl' ? 30 : p.size === 'l' ? 22 : 16
    const lineHeight = charWidth * 2.2
    const text = plainFromRichText(p.richText)
    const lines = text
      .split('\n')
      .reduce((n, line) => n + Math.max(1, Math.ceil((line.length * charWidth) / width)), 0)
    return { x, y, w: width * scale, h: (lines * lineHeight + 16) * scale }
  }
  return null
}

/**
 * The poster's questions (its locked frames, the template's; every frame when none is locked)
 * with the notes inside each, in reading order.
 */
export function readQuestions(doc: Y.Doc): QuestionWithNotes[] {
  const records = [...readRecords(doc).values()].filter((r) => r.typeName === 'shape')
  const frames = records.filter((r) => r.type === 'frame')
  const locked = frames.filter((r) => r.isLocked === true)
  const chosen = (locked.length > 0 ? locked : frames).map(toFrame).sort(byReadingOrder)
  const frameIds = new Set(chosen.map((f) => f.id))
  const pageIds = new Set(frames.map((f) => String(f.parentId)))
  const frameAt = (x: number, y: number) =>
    chosen.find((f) => x >= f.x && x <= f.x + f.w && y >= f.y && y <= f.y + f.h) ?? null
  const notesByParent = new Map<string, NoteItem[]>()
  const obstaclesByParent = new Map<string, Box[]>()
  for (const r of records) {
    const parent = String(r.parentId)
    if (r.type === 'note') {
      let note = toNote(r)
      let owner = parent
      // A note dropped over a frame on the canvas may stay a child of the page (tldraw does not
      // drop shapes into locked frames): it belongs to the frame under its centre.
      const under =
        !frameIds.has(parent) && pageIds.has(parent)
          ? frameAt(note.x + note.w / 2, note.y + note.h / 2)
          : null
      if (under) {
        owner = under.id
        note = { ...note, x: note.x - under.x, y: note.y - under.y }
      }
      const list = notesByParent.get(owner) ?? []
      list.push(note)
      notesByParent.set(owner, list)
    } else {
      const box = obstacleBox(r)
      if (box) obstaclesByParent.set(parent, [...(obstaclesByParent.get(parent) ?? []), box])
    }
  }
  return chosen.map((frame) => ({
    frame,
    notes: (notesByParent.get(frame.id) ?? []).sort(byReadingOrder),
    obstacles: obstaclesByParent.get(frame.id) ?? [],
  }))
}

const GAP = 20

/** A free spot for a new note inside a frame (frame coordinates), left to right, top to bottom. */
export function placeNote(
  frame: QuestionFrame,
  existing: Array<Pick<NoteItem, 'x' | 'y' | 'w' | 'h'>>,
): {
  x: number
  y: number
} {
  const overlaps = (x: number, y: number) =>
    existing.some(
      (n) => x < n.x + n.w + 4 && x + NOTE_SIZE + 4 > n.x && y < n.y + n.h + 4 && y + NOTE_SIZE + 4 > n.y,
    )
  const columns = Math.max(1, Math.floor((frame.w - GAP) / (NOTE_SIZE + GAP)))
  const rowsInside = Math.max(1, Math.floor((frame.h - GAP) / (NOTE_SIZE + GAP)))
  // Past the frame's visible rows the note still belongs to the frame; the canvas user can grow it.
  for (let row = 0; row < rowsInside + 20; row++) {
    for (let col = 0; col < columns; col++) {
      const x = GAP + col * (NOTE_SIZE + GAP)
      const y = GAP + row * (NOTE_SIZE + GAP)
      if (!overlaps(x, y)) return { x, y }
    }
  }
  return { x: GAP + existing.length * 8, y: GAP + existing.length * 8 }
}

/** Adds a note with `text` to a frame, placed where it overlaps no other note. Returns its id. */
export function addNote(doc: Y.Doc, frameId: string, text: string, author: NoteAuthor): string {
  const question = readQuestions(doc).find((q) => q.frame.id === frameId)
  if (!question) throw new Error(`no question frame ${frameId}`)
  const siblings = [...readRecords(doc).values()].filter(
    (r) => r.typeName === 'shape' && r.parentId === frameId,
  )
  const maxIndex =
    siblings
      .map((r) => String(r.index))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .pop() ?? null
  const { x, y } = placeNote(question.frame, [...question.notes, ...question.obstacles])
  const record = makeNoteRecord({
    id: newShapeId(),
    parentId: frameId,
    x,
    y,
    index: indexAbove(maxIndex),
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
      richText: richTextFromPlain(text) as never,
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
