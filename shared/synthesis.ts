/**
 * Layout of the synthesis poster (`y-<roundId>`): an ordinary poster document into which notes
 * from every table are copied, each copy carrying where it came from in `meta.provenance`, and
 * grouped into theme frames (`meta.theme: true`). The server writes copies and frames; the
 * canvas, the screen, votes and the exports read them back with `readSynthesis`.
 *
 * Copies get ids derived from their source note, so pulling the same note twice keeps one
 * copy, and accepting a theme moves a note already pulled instead of copying it again.
 */
import { createShapeId } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import type { JsonRecord, JsonValue } from './docLayout'
import { type ExtractedNote, extractPoster } from './extract'
import { noteProps } from './noteProps'
import { POSTER_PAGE_ID } from './posterSchema'
import { plainTextToRichText } from './richText'

/** Words of the synthesis poster itself, per workshop language. */
export const synthesisLabels = {
  da: { pageName: (round: string) => `Opsamling: ${round}`, inbox: 'Hentede noter' },
  en: { pageName: (round: string) => `Synthesis: ${round}`, inbox: 'Pulled notes' },
} as const

/** Where a copied note came from. */
export interface Provenance {
  /** The table poster and the note on it. */
  posterId: string
  noteId: string
  roundId: string
  tableId: string
  tableName: string
  /** The round question (0-based) the note was written under, or null. */
  questionIndex: number | null
  /** That question's frame title, or null. */
  question: string | null
  /** Author's name; null when unknown or when the workshop's notes are anonymous. */
  authorName: string | null
}

/** A note to copy: its text, colour and provenance. */
export interface NoteSource {
  text: string
  colour: string | null
  provenance: Provenance
}

/** Size of a tldraw note at scale 1, and the gap kept between notes and frames. */
const NOTE = 200
const GAP = 20
const FRAME_PAD = 30
const FRAME_HEADER = 40
/** Notes per row in a theme frame and in the inbox. */
const PER_ROW = 3
const FRAME_W = PER_ROW * (NOTE + GAP) - GAP + 2 * FRAME_PAD
/** The inbox (pulled notes not yet in a theme) is the left column; themes fill three columns to its right. */
const THEME_COLUMNS = 3
const TOP = 160

/** Id of the frame holding pulled notes that are not in a theme yet. */
export const INBOX_FRAME_ID = createShapeId('synthesis-inbox')

/** The shape id of the copy of a note (one per source note). */
export function copyIdOf(provenance: Pick<Provenance, 'posterId' | 'noteId'>): string {
  return createShapeId(`copy_${provenance.posterId}_${provenance.noteId.replace(/^shape:/, '')}`)
}

/** The provenance of a shape, or null when it is not a copy. */
export function provenanceOf(record: JsonRecord | undefined): Provenance | null {
  const meta = record?.meta as Record<string, unknown> | undefined
  const p = meta?.provenance as Provenance | undefined
  return p && typeof p.posterId === 'string' && typeof p.noteId === 'string' ? p : null
}

/** Whether a record is a theme frame of the synthesis poster. */
export const isThemeFrame = (r: JsonRecord) =>
  r.typeName === 'shape' && r.type === 'frame' && (r.meta as Record<string, unknown>)?.theme === true

function maxIndex(records: Iterable<JsonRecord>, parentId: string): IndexKey | null {
  let max: string | null = null
  for (const r of records) {
    if (r.typeName === 'shape' && r.parentId === parentId && typeof r.index === 'string') {
      if (max === null || r.index > max) max = r.index
    }
  }
  return max as IndexKey | null
}

function frameRecord(
  id: string,
  name: string,
  x: number,
  y: number,
  h: number,
  index: string,
  meta: Record<string, JsonValue>,
): JsonRecord {
  return {
    id,
    typeName: 'shape',
    type: 'frame',
    x,
    y,
    rotation: 0,
    index,
    parentId: POSTER_PAGE_ID,
    isLocked: false,
    opacity: 1,
    props: { w: FRAME_W, h, name, color: 'black' },
    meta,
  }
}

const frameHeight = (notes: number) =>
  FRAME_HEADER + FRAME_PAD + Math.max(1, Math.ceil(notes / PER_ROW)) * (NOTE + GAP) - GAP + FRAME_PAD

const slot = (i: number) => ({
  x: FRAME_PAD + (i % PER_ROW) * (NOTE + GAP),
  y: FRAME_HEADER + FRAME_PAD + Math.floor(i / PER_ROW) * (NOTE + GAP),
})

function noteRecord(source: NoteSource, parentId: string, i: number, index: string): JsonRecord {
  const { x, y } = slot(i)
  const colour = source.colour && source.colour !== 'black' ? source.colour : 'yellow'
  return {
    id: copyIdOf(source.provenance),
    typeName: 'shape',
    type: 'note',
    x,
    y,
    rotation: 0,
    index,
    parentId,
    isLocked: false,
    opacity: 1,
    props: noteProps(plainTextToRichText(source.text) as unknown as JsonValue, { color: colour }),
    meta: { provenance: source.provenance as unknown as JsonValue },
  }
}

/**
 * The records to write to pull notes into the inbox: the inbox frame (created or grown) and a
 * copy of every note not copied yet. `existing` is the synthesis poster's records now.
 */
export function pullRecords(
  existing: ReadonlyMap<string, JsonRecord>,
  sources: readonly NoteSource[],
  inboxName: string,
): JsonRecord[] {
  const fresh = sources.filter((s) => !existing.has(copyIdOf(s.provenance)))
  if (fresh.length === 0) return []
  const inbox = existing.get(INBOX_FRAME_ID)
  const already = [...existing.values()].filter((r) => r.parentId === INBOX_FRAME_ID).length
  const out: JsonRecord[] = []
  const total = already + fresh.length
  if (inbox) {
    const props = inbox.props as Record<string, JsonValue>
    out.push({ ...inbox, props: { ...props, h: Math.max(Number(props.h) || 0, frameHeight(total)) } })
  } else {
    const index = getIndexAbove(maxIndex(existing.values(), POSTER_PAGE_ID))
    out.push(frameRecord(INBOX_FRAME_ID, inboxName, 0, TOP, frameHeight(total), index, { inbox: true }))
  }
  let index = maxIndex(existing.values(), INBOX_FRAME_ID)
  fresh.forEach((source, k) => {
    index = getIndexAbove(index)
    out.push(noteRecord(source, INBOX_FRAME_ID, already + k, index))
  })
  return out
}

/**
 * The records to write to accept a theme: a new frame named `label`, below the shortest of
 * the theme columns, holding the theme's notes — moved there when already pulled, copied
 * otherwise. Returns the frame id and the records.
 */
export function themeRecords(
  existing: ReadonlyMap<string, JsonRecord>,
  label: string,
  sources: readonly NoteSource[],
  frameSlot: string,
): { frameId: string; records: JsonRecord[] } {
  const frameId = createShapeId(`theme_${frameSlot}`)
  const bottoms = Array.from({ length: THEME_COLUMNS }, () => TOP)
  for (const r of existing.values()) {
    if (!isThemeFrame(r)) continue
    const col = Math.round((Number(r.x) - FRAME_W - 2 * GAP) / (FRAME_W + 2 * GAP))
    if (col < 0 || col >= THEME_COLUMNS) continue
    const bottom = Number(r.y) + Number((r.props as Record<string, JsonValue>).h) + 2 * GAP
    bottoms[col] = Math.max(bottoms[col], bottom)
  }
  const col = bottoms.indexOf(Math.min(...bottoms))
  const x = FRAME_W + 2 * GAP + col * (FRAME_W + 2 * GAP)
  const frameIndex = getIndexAbove(maxIndex(existing.values(), POSTER_PAGE_ID))
  const records: JsonRecord[] = [
    frameRecord(frameId, label, x, bottoms[col], frameHeight(sources.length), frameIndex, { theme: true }),
  ]
  let index: IndexKey | null = null
  sources.forEach((source, i) => {
    index = getIndexAbove(index)
    const copy = existing.get(copyIdOf(source.provenance))
    const placed = noteRecord(source, frameId, i, index)
    // A copy already pulled keeps what the facilitator edited in it; only its place changes.
    records.push(copy ? { ...copy, parentId: frameId, x: placed.x, y: placed.y, index } : placed)
  })
  return { frameId, records }
}

/** A theme on the synthesis poster. */
export interface SynthesisTheme {
  frameId: string
  label: string
  notes: { shapeId: string; text: string; provenance: Provenance | null }[]
}

/** The themes of a synthesis poster in reading order, with their notes and provenance. */
export function readSynthesis(records: ReadonlyMap<string, JsonRecord>): SynthesisTheme[] {
  const content = extractPoster(records)
  const themeIds = new Set([...records.values()].filter(isThemeFrame).map((r) => r.id))
  const byFrame = new Map<string, ExtractedNote[]>()
  for (const note of content.notes) {
    if (!note.frameId || !themeIds.has(note.frameId)) continue
    byFrame.set(note.frameId, [...(byFrame.get(note.frameId) ?? []), note])
  }
  return content.frames
    .filter((f) => themeIds.has(f.id))
    .map((f) => ({
      frameId: f.id,
      label: f.name,
      notes: (byFrame.get(f.id) ?? []).map((n) => ({
        shapeId: n.shapeId,
        text: n.text,
        provenance: provenanceOf(records.get(n.shapeId)),
      })),
    }))
}
