/**
 * Where revealed notes go. Everyone wrote privately on a copy of the same poster, so a phone
 * and a laptop both put their first note at the first free spot of question 1; merged as they
 * are, the notes would cover each other and hide each other's text on every screen and in the
 * report. A revealed note that overlaps a note already on the poster (or one revealed before
 * it) moves to a free spot of the question frame it belongs to.
 */
import type { JsonRecord } from '../../shared/docLayout'
import { frameAt, freeSpot, overlap, type Rect, shapeBox } from '../../shared/questionFrames'

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

interface Frame {
  id: string
  bounds: Rect
}

/**
 * `added` with every note that would overlap another note moved to free space. `poster` is the
 * poster's records before the merge. Only notes lying on the page are moved.
 */
export function placeRevealedNotes(
  poster: ReadonlyMap<string, JsonRecord>,
  added: JsonRecord[],
): JsonRecord[] {
  const all = [...poster.values()]
  const pageIds = new Set(all.filter((r) => r.typeName === 'page').map((r) => r.id))
  const frames: Frame[] = all
    .filter((r) => r.type === 'frame' && pageIds.has(String(r.parentId)))
    .map((r) => {
      const p = (r.props ?? {}) as Record<string, unknown>
      return { id: r.id, bounds: { x: num(r.x), y: num(r.y), w: num(p.w), h: num(p.h) } }
    })
  // What a note must not cover: notes on the page, and each frame's own contents (question text).
  const notes: Rect[] = all
    .filter((r) => r.type === 'note' && pageIds.has(String(r.parentId)))
    .map((r) => shapeBox(r) as Rect)
  const frameContents = (frame: Frame): Rect[] =>
    all
      .filter((r) => r.typeName === 'shape' && r.parentId === frame.id)
      .map((r) => {
        const box = shapeBox(r)
        return box ? { ...box, x: box.x + frame.bounds.x, y: box.y + frame.bounds.y } : null
      })
      .filter((b): b is Rect => b !== null)
  return added.map((record) => {
    if (record.type !== 'note' || !pageIds.has(String(record.parentId))) return record
    const box = shapeBox(record) as Rect
    if (!notes.some((n) => overlap(n, box))) {
      notes.push(box)
      return record
    }
    const frame = frameAt(frames, box)
    // Outside every frame: look for room to the right of where it was written.
    const area = frame?.bounds ?? { x: box.x, y: box.y, w: 1000, h: box.h }
    const taken = [...notes, ...(frame ? frameContents(frame) : [])].map((n) => ({
      ...n,
      x: n.x - area.x,
      y: n.y - area.y,
    }))
    const spot = freeSpot(area, taken, box)
    const moved = { ...record, x: area.x + spot.x, y: area.y + spot.y }
    notes.push({ ...box, x: moved.x, y: moved.y })
    return moved
  })
}
