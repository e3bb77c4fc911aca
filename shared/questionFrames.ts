/**
 * Which question frame a note belongs to, and where a note may go inside one. One rule for the
 * notes-only page, the server's reveal and homework seeding, and the exports.
 *
 * Notes live on the page, not inside the template's frames: the frames are locked so nobody
 * drags a question away, and tldraw treats every child of a locked shape as locked too, so a
 * note inside a locked frame could be neither moved nor recoloured on the canvas. A note
 * belongs to the innermost named frame under its centre (`frameAt`). Pure and free of tldraw
 * imports, so the phone pages stay small.
 */
import type { JsonRecord } from './docLayout'
import { richTextToPlainText } from './richText'

/** Width and base height of a tldraw note at scale 1. */
export const NOTE_SIZE = 200

/** An axis-aligned rectangle. */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
const propsOf = (r: JsonRecord) => (r.props ?? {}) as Record<string, unknown>

/** The local size of a note record (its width and its height grown by the text). */
export function noteSize(record: JsonRecord): { w: number; h: number } {
  const p = propsOf(record)
  const scale = num(p.scale, 1)
  return { w: NOTE_SIZE * scale, h: (NOTE_SIZE + num(p.growY)) * scale }
}

/**
 * The approximate box of a shape in its parent's coordinates: a note by its size, others by
 * their own size, text by an estimate from its length (no fonts here); null when unknown.
 */
export function shapeBox(r: JsonRecord): Rect | null {
  const p = propsOf(r)
  const scale = num(p.scale, 1)
  const x = num(r.x)
  const y = num(r.y)
  if (r.type === 'note') return { x, y, ...noteSize(r) }
  if (typeof p.w === 'number' && typeof p.h === 'number') return { x, y, w: p.w * scale, h: p.h * scale }
  if (r.type === 'text' && typeof p.w === 'number') {
    const width = p.w
    const charWidth = p.size === 'xl' ? 30 : p.size === 'l' ? 22 : 16
    const lineHeight = charWidth * 2.2
    const lines = richTextToPlainText(p.richText)
      .split('\n')
      .reduce((n, line) => n + Math.max(1, Math.ceil((line.length * charWidth) / width)), 0)
    return { x, y, w: width * scale, h: (lines * lineHeight + 16) * scale }
  }
  return null
}

/**
 * The frame a shape with page bounds `box` belongs to: the smallest of `frames` containing the
 * box's centre, or null when no frame does.
 */
export function frameAt<F extends { bounds: Rect }>(frames: readonly F[], box: Rect): F | null {
  const cx = box.x + box.w / 2
  const cy = box.y + box.h / 2
  let best: F | null = null
  for (const frame of frames) {
    const b = frame.bounds
    if (cx < b.x || cx > b.x + b.w || cy < b.y || cy > b.y + b.h) continue
    if (!best || b.w * b.h < best.bounds.w * best.bounds.h) best = frame
  }
  return best
}

const GAP = 20

/**
 * A free spot for a note of `size` inside a frame of size `frame` (frame coordinates), left to
 * right, top to bottom, clear of every rectangle in `taken` (also frame coordinates). Past the
 * frame's visible rows the note still belongs to the frame; the canvas user can grow it.
 */
export function freeSpot(
  frame: { w: number; h: number },
  taken: readonly Rect[],
  size: { w: number; h: number } = { w: NOTE_SIZE, h: NOTE_SIZE },
): { x: number; y: number } {
  const overlaps = (x: number, y: number) =>
    taken.some((n) => x < n.x + n.w + 4 && x + size.w + 4 > n.x && y < n.y + n.h + 4 && y + size.h + 4 > n.y)
  const columns = Math.max(1, Math.floor((frame.w - GAP) / (size.w + GAP)))
  const rowsInside = Math.max(1, Math.floor((frame.h - GAP) / (NOTE_SIZE + GAP)))
  for (let row = 0; row < rowsInside + 40; row++) {
    for (let col = 0; col < columns; col++) {
      const x = GAP + col * (size.w + GAP)
      const y = GAP + row * (NOTE_SIZE + GAP)
      if (!overlaps(x, y)) return { x, y }
    }
  }
  return { x: GAP + taken.length * 8, y: GAP + taken.length * 8 }
}

/** True when two rectangles share area. */
export function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A fractional index above `max` (tldraw orders siblings by these keys): the next integer key
 * while one exists (`a1` or `a1V` → `a2`), otherwise `max` with one more fraction digit.
 */
export function indexAbove(max: string | null): string {
  if (!max) return 'a1'
  if (max[0] === 'a' && max.length >= 2 && max[1] !== 'z') return `a${DIGITS[DIGITS.indexOf(max[1]) + 1]}`
  return `${max}V`
}

/** The highest index among the shapes whose parent is `parentId`, or null. */
export function maxChildIndex(records: Iterable<JsonRecord>, parentId: string): string | null {
  let max: string | null = null
  for (const r of records) {
    if (r.typeName !== 'shape' || r.parentId !== parentId || typeof r.index !== 'string') continue
    if (max === null || r.index > max) max = r.index
  }
  return max
}

/**
 * Notes that are children of a locked frame, moved onto the frame's parent (the page) at the
 * same place and drawn above everything there. Posters written before notes lived on the page
 * have such notes; returns the records to write (empty when there is nothing to move).
 */
export function notesOutOfLockedFrames(records: ReadonlyMap<string, JsonRecord>): JsonRecord[] {
  const all = [...records.values()]
  const stuck = all
    .filter((r) => {
      if (r.typeName !== 'shape' || r.type !== 'note') return false
      const parent = records.get(String(r.parentId))
      return parent?.type === 'frame' && parent.isLocked === true
    })
    .sort((a, b) => (String(a.index) < String(b.index) ? -1 : 1))
  const maxByParent = new Map<string, string | null>()
  return stuck.map((note) => {
    const frame = records.get(String(note.parentId)) as JsonRecord
    const target = String(frame.parentId)
    if (!maxByParent.has(target)) maxByParent.set(target, maxChildIndex(all, target))
    const index = indexAbove(maxByParent.get(target) ?? null)
    maxByParent.set(target, index)
    const r = num(frame.rotation)
    const x = num(note.x)
    const y = num(note.y)
    return {
      ...note,
      parentId: target,
      x: num(frame.x) + x * Math.cos(r) - y * Math.sin(r),
      y: num(frame.y) + x * Math.sin(r) + y * Math.cos(r),
      rotation: num(note.rotation) + r,
      index,
    }
  })
}
