/**
 * Extracts the written content of a poster: every note, text and geo shape with text, the
 * question frame it sits in, its colour, votes, author and creation time. Used by the report,
 * the CSV export and snapshots. Pure: works on plain records (`readRecords(doc)`), no editor.
 */
import type { JsonRecord } from './docLayout'
import { frameAt } from './questionFrames'
import { richTextToPlainText } from './richText'

/** One piece of text on a poster. */
export interface ExtractedNote {
  /** Name of the frame (question) the shape sits in, or null when it is outside every named frame. */
  question: string | null
  /** Id of that frame, or null. */
  frameId: string | null
  /** `meta.questionIndex` of that frame (0-based question of the round), or null. */
  questionIndex: number | null
  /** The text as plain text (lists as `- ` lines). */
  text: string
  /** tldraw colour name (`yellow`, `light-blue`, …), or null when the shape has none. */
  colour: string | null
  /** tldraw shape id. */
  shapeId: string
  /** Shape type: note, text or geo. */
  kind: 'note' | 'text' | 'geo'
  /** ISO time from `meta.createdAt`, or null. */
  createdAt: string | null
  /** `meta.authorName`, else the name of the `user:` record in `props.textLastEditedBy`, or null. */
  authorName: string | null
  /** Votes (dots) on the shape. */
  votes: number
}

/** A named frame of a poster, in reading order. */
export interface ExtractedFrame {
  id: string
  name: string
  /** The round question (0-based) the template made this frame for, or null. */
  questionIndex: number | null
  /** Page-space bounds. */
  bounds: Box
}

/** What a poster holds, in reading order. */
export interface PosterContent {
  frames: ExtractedFrame[]
  notes: ExtractedNote[]
}

/** Options of `extractPoster`. */
export interface ExtractOptions {
  /** Votes per shape id, from wherever the votes live. */
  votes?: ReadonlyMap<string, number>
  /** Keep shapes whose text is empty (default false: an empty note says nothing). */
  includeEmpty?: boolean
}

/** An axis-aligned rectangle in page space. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** 2D affine matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
type Matrix = [number, number, number, number, number, number]

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]
const TEXT_KINDS = new Set(['note', 'text', 'geo'])
const FONT_SIZES: Record<string, number> = { s: 18, m: 24, l: 36, xl: 44 }
const NOTE_SIZE = 200

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ]
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function propsOf(record: JsonRecord): Record<string, unknown> {
  const props = record.props
  return props && typeof props === 'object' && !Array.isArray(props) ? (props as Record<string, unknown>) : {}
}

function metaOf(record: JsonRecord): Record<string, unknown> {
  const meta = record.meta
  return meta && typeof meta === 'object' && !Array.isArray(meta) ? (meta as Record<string, unknown>) : {}
}

/** Local size of a shape, estimating text height from its line count (no fonts here). */
function localSize(record: JsonRecord, text: string): { w: number; h: number } {
  const p = propsOf(record)
  const scale = num(p.scale, 1)
  switch (record.type) {
    case 'note':
      return { w: NOTE_SIZE * scale, h: (NOTE_SIZE + num(p.growY, 0)) * scale }
    case 'text': {
      const lines = Math.max(1, text.split('\n').length)
      const fontSize = FONT_SIZES[String(p.size)] ?? 24
      return { w: num(p.w, 100) * scale, h: lines * fontSize * 1.35 * scale }
    }
    default:
      return { w: num(p.w, 100), h: num(p.h, 100) + num(p.growY, 0) }
  }
}

function boundsOf(m: Matrix, w: number, h: number): Box {
  const corners = [
    [0, 0],
    [w, 0],
    [0, h],
    [w, h],
  ].map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]])
  const xs = corners.map((c) => c[0])
  const ys = corners.map((c) => c[1])
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}

/** Reading order: top to bottom in bands, left to right within a band. */
function readingOrder(a: Box, b: Box): number {
  const band = Math.max(20, Math.min(a.h, b.h) / 2)
  if (Math.abs(a.y - b.y) > band) return a.y - b.y
  return a.x - b.x || a.y - b.y
}

function createdAtOf(meta: Record<string, unknown>): string | null {
  const value = meta.createdAt
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString()
  if (typeof value === 'string' && value && !Number.isNaN(Date.parse(value)))
    return new Date(value).toISOString()
  return null
}

/**
 * Reads a poster's frames and texts. A shape belongs to the nearest named frame among its
 * ancestors; a shape whose parent chain has no frame belongs to the innermost named frame
 * containing its centre (`frameAt`: notes live on the page over the locked question frames).
 */
export function extractPoster(
  records: Iterable<JsonRecord> | ReadonlyMap<string, JsonRecord>,
  options: ExtractOptions = {},
): PosterContent {
  const list = [
    ...((records as ReadonlyMap<string, JsonRecord>).values?.() ?? (records as Iterable<JsonRecord>)),
  ]
  const shapes = new Map<string, JsonRecord>()
  const userNames = new Map<string, string>()
  for (const r of list) {
    if (r.typeName === 'shape') shapes.set(r.id, r)
    if (r.typeName === 'user' && typeof r.name === 'string' && r.name) userNames.set(r.id, r.name)
  }
  // tldraw's own attribution: the last editor of a shape's text, named by a `user:` record.
  const editorName = (p: Record<string, unknown>): string | null => {
    const by = p.textLastEditedBy
    if (typeof by !== 'string' || !by) return null
    return userNames.get(by) ?? userNames.get(`user:${by}`) ?? null
  }

  const matrices = new Map<string, Matrix>()
  const pageOf = new Map<string, string>()
  const matrixOf = (id: string, seen = new Set<string>()): Matrix => {
    const cached = matrices.get(id)
    if (cached) return cached
    const shape = shapes.get(id)
    if (!shape || seen.has(id)) return IDENTITY
    seen.add(id)
    const parentId = String(shape.parentId ?? '')
    const parent = shapes.has(parentId) ? matrixOf(parentId, seen) : IDENTITY
    pageOf.set(id, shapes.has(parentId) ? (pageOf.get(parentId) ?? '') : parentId)
    const r = num(shape.rotation, 0)
    const local: Matrix = [
      Math.cos(r),
      Math.sin(r),
      -Math.sin(r),
      Math.cos(r),
      num(shape.x, 0),
      num(shape.y, 0),
    ]
    const m = multiply(parent, local)
    matrices.set(id, m)
    return m
  }

  const frames: ExtractedFrame[] = []
  const frameById = new Map<string, ExtractedFrame>()
  for (const shape of shapes.values()) {
    if (shape.type !== 'frame') continue
    const name = String(propsOf(shape).name ?? '').trim()
    if (!name) continue
    const p = propsOf(shape)
    const qi = metaOf(shape).questionIndex
    const frame = {
      id: shape.id,
      name,
      questionIndex: typeof qi === 'number' && Number.isInteger(qi) ? qi : null,
      bounds: boundsOf(matrixOf(shape.id), num(p.w, 1), num(p.h, 1)),
    }
    frames.push(frame)
    frameById.set(shape.id, frame)
  }
  frames.sort((a, b) => readingOrder(a.bounds, b.bounds))
  const frameRank = new Map(frames.map((f, i) => [f.id, i]))

  const enclosingFrame = (shape: JsonRecord, bounds: Box): ExtractedFrame | null => {
    const seen = new Set<string>()
    let parentId = String(shape.parentId ?? '')
    let inFrameChain = false
    while (shapes.has(parentId) && !seen.has(parentId)) {
      seen.add(parentId)
      const named = frameById.get(parentId)
      if (named) return named
      if (shapes.get(parentId)?.type === 'frame') inFrameChain = true
      parentId = String(shapes.get(parentId)?.parentId ?? '')
    }
    // Inside only unnamed frames: a user's own grouping, not a question.
    if (inFrameChain) return null
    const page = pageOf.get(shape.id)
    return frameAt(
      frames.filter((f) => pageOf.get(f.id) === page),
      bounds,
    )
  }

  const placed: Array<{ note: ExtractedNote; bounds: Box }> = []
  for (const shape of shapes.values()) {
    // Locked shapes are the template's furniture (question headings), not what a group wrote.
    if (!TEXT_KINDS.has(String(shape.type)) || shape.isLocked === true) continue
    const p = propsOf(shape)
    const text = richTextToPlainText(p.richText ?? p.text)
    if (!text && !options.includeEmpty) continue
    const size = localSize(shape, text)
    const bounds = boundsOf(matrixOf(shape.id), size.w, size.h)
    const frame = enclosingFrame(shape, bounds)
    const meta = metaOf(shape)
    placed.push({
      bounds,
      note: {
        question: frame?.name ?? null,
        frameId: frame?.id ?? null,
        questionIndex: frame?.questionIndex ?? null,
        text,
        colour: typeof p.color === 'string' ? p.color : null,
        shapeId: shape.id,
        kind: shape.type as ExtractedNote['kind'],
        createdAt: createdAtOf(meta),
        authorName: typeof meta.authorName === 'string' && meta.authorName ? meta.authorName : editorName(p),
        votes: options.votes?.get(shape.id) ?? 0,
      },
    })
  }
  const rank = (n: ExtractedNote) => (n.frameId === null ? frames.length : (frameRank.get(n.frameId) ?? 0))
  placed.sort((a, b) => rank(a.note) - rank(b.note) || readingOrder(a.bounds, b.bounds))
  return { frames, notes: placed.map((p) => p.note) }
}

/** Shorthand for `extractPoster(records, options).notes`. */
export function extractNotes(
  records: Iterable<JsonRecord> | ReadonlyMap<string, JsonRecord>,
  options: ExtractOptions = {},
): ExtractedNote[] {
  return extractPoster(records, options).notes
}
