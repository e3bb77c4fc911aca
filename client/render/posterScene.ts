/**
 * Turns a poster's tldraw records into a flat list of simple drawables (boxes, text, lines)
 * in page coordinates. The wall draws 3–30 posters at once, so instead of mounting a tldraw
 * editor per tile it renders this scene as plain SVG. Arrows and freehand drawings are
 * approximated; frames, notes, geo shapes and text are drawn faithfully enough to recognise.
 */
import type { JsonRecord, JsonValue } from '../../shared/docLayout'
import { richTextToPlainText } from '../../shared/richText'
import { decodeDrawPoints } from './drawPoints'

/** A point in page space. */
export interface Point {
  x: number
  y: number
}

/** An axis-aligned rectangle in page space. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** One thing to draw. Boxes may be rotated by `rotation` radians about their top-left corner. */
export type Drawable =
  | { kind: 'frame'; id: string; box: Box; rotation: number; name: string }
  | { kind: 'note'; id: string; box: Box; rotation: number; fill: string; text: string; fontSize: number }
  | {
      kind: 'geo'
      id: string
      box: Box
      rotation: number
      geo: string
      stroke: string
      fill: string | null
      text: string
      fontSize: number
    }
  | { kind: 'text'; id: string; box: Box; rotation: number; colour: string; text: string; fontSize: number }
  | { kind: 'line'; id: string; points: Point[]; stroke: string; width: number; arrowEnd: boolean }
  | { kind: 'image'; id: string; box: Box; rotation: number }

/** A poster ready to draw: drawables in paint order and the bounds of all of them. */
export interface PosterScene {
  items: Drawable[]
  bounds: Box | null
}

/** tldraw's light palette: stroke and note-fill colours per colour style. */
export const PALETTE: Record<string, { solid: string; note: string; semi: string }> = {
  black: { solid: '#1d1d1d', note: '#FCE19C', semi: '#e8e8e8' },
  blue: { solid: '#4465e9', note: '#8AA3FF', semi: '#dce1f8' },
  green: { solid: '#099268', note: '#6FC896', semi: '#d3e9e3' },
  grey: { solid: '#9fa8b2', note: '#C0CAD3', semi: '#eceef0' },
  'light-blue': { solid: '#4ba1f1', note: '#9BC4FD', semi: '#ddedfa' },
  'light-green': { solid: '#4cb05e', note: '#98D08A', semi: '#dbf0e0' },
  'light-red': { solid: '#f87777', note: '#F7A5A1', semi: '#f4dadb' },
  'light-violet': { solid: '#e085f4', note: '#DFB0F9', semi: '#f5eafa' },
  orange: { solid: '#e16919', note: '#FAA475', semi: '#f8e2d4' },
  red: { solid: '#e03131', note: '#FC8282', semi: '#f4dadb' },
  violet: { solid: '#ae3ec9', note: '#DB91FD', semi: '#ecdcf2' },
  yellow: { solid: '#f1ac4b', note: '#FED49A', semi: '#f9f0e6' },
  white: { solid: '#FFFFFF', note: '#FFFFFF', semi: '#f5f5f5' },
}

/** tldraw's font sizes in CSS px at zoom 1 (theme size 16 × its multipliers). */
export const FONT_SIZE = { s: 18, m: 24, l: 36, xl: 44 } as const
/** tldraw's label font sizes (notes, geo labels) in CSS px at zoom 1. */
export const LABEL_FONT_SIZE = { s: 18, m: 22, l: 26, xl: 32 } as const
/** Side of a sticky note at scale 1. */
export const NOTE_SIZE = 200

type Props = Record<string, JsonValue>

const num = (v: JsonValue | undefined, fallback = 0): number => (typeof v === 'number' ? v : fallback)
const str = (v: JsonValue | undefined, fallback = ''): string => (typeof v === 'string' ? v : fallback)
const colour = (name: JsonValue | undefined) => PALETTE[str(name, 'black')] ?? PALETTE.black
const sizeOf = <T extends Record<string, number>>(table: T, v: JsonValue | undefined): number =>
  table[str(v, 'm') as keyof T] ?? table.m

/** A note's font size: tldraw stores a shrink factor for long texts (older posters: the size in px). */
function noteFontSize(p: Props, scale: number): number {
  const base = sizeOf(LABEL_FONT_SIZE, p.size) * scale
  const adjustment = num(p.fontSizeAdjustment, 0)
  if (adjustment <= 0) return base
  return adjustment > 2 ? adjustment * scale : adjustment * base
}

interface Transform {
  x: number
  y: number
  rotation: number
}

function apply(t: Transform, p: Point): Point {
  const cos = Math.cos(t.rotation)
  const sin = Math.sin(t.rotation)
  return { x: t.x + p.x * cos - p.y * sin, y: t.y + p.x * sin + p.y * cos }
}

function compose(parent: Transform, shape: JsonRecord): Transform {
  const origin = apply(parent, { x: num(shape.x as JsonValue), y: num(shape.y as JsonValue) })
  return { ...origin, rotation: parent.rotation + num(shape.rotation as JsonValue) }
}

function boundsOf(points: Point[]): Box | null {
  if (points.length === 0) return null
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (const p of points) {
    minX = Math.min(minX, p.x)
    minY = Math.min(minY, p.y)
    maxX = Math.max(maxX, p.x)
    maxY = Math.max(maxY, p.y)
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

/** Rough height of wrapped text, used where tldraw measures in the DOM (autosized text). */
function textHeight(text: string, width: number, fontSize: number): number {
  const perLine = Math.max(1, Math.floor(width / (fontSize * 0.5)))
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0)
  return lines * fontSize * 1.35 + 8
}

function drawShape(shape: JsonRecord, t: Transform, byId: Map<string, JsonRecord>, bindings: JsonRecord[]) {
  const p = (shape.props ?? {}) as Props
  const id = shape.id
  const scale = num(p.scale, 1)
  const box = (w: number, h: number): Box => ({ x: t.x, y: t.y, w, h })
  switch (shape.type) {
    case 'frame':
      return {
        kind: 'frame',
        id,
        box: box(num(p.w, 100), num(p.h, 100)),
        rotation: t.rotation,
        name: str(p.name),
      } as const
    case 'note':
      return {
        kind: 'note',
        id,
        box: box(NOTE_SIZE * scale, (NOTE_SIZE + num(p.growY)) * scale),
        rotation: t.rotation,
        fill: colour(p.color).note,
        text: richTextToPlainText(p.richText),
        fontSize: noteFontSize(p, scale),
      } as const
    case 'geo': {
      const fillStyle = str(p.fill, 'none')
      const c = colour(p.color)
      return {
        kind: 'geo',
        id,
        box: box(num(p.w, 100) * 1, num(p.h, 100) + num(p.growY)),
        rotation: t.rotation,
        geo: str(p.geo, 'rectangle'),
        stroke: c.solid,
        fill: fillStyle === 'none' ? null : fillStyle === 'semi' ? c.semi : c.note,
        text: richTextToPlainText(p.richText),
        fontSize: sizeOf(LABEL_FONT_SIZE, p.size) * scale,
      } as const
    }
    case 'text': {
      const text = richTextToPlainText(p.richText)
      const fontSize = sizeOf(FONT_SIZE, p.size) * scale
      const w = p.autoSize === false ? num(p.w, 100) : Math.max(20, text.length * fontSize * 0.5)
      const width = Math.min(w, num(p.w, w) > 0 && p.autoSize === false ? w : 2000)
      return {
        kind: 'text',
        id,
        box: box(width, textHeight(text, width, fontSize)),
        rotation: t.rotation,
        colour: colour(p.color).solid,
        text,
        fontSize,
      } as const
    }
    case 'arrow':
      return {
        kind: 'line',
        id,
        points: arrowPoints(shape, t, byId, bindings),
        stroke: colour(p.color).solid,
        width: 2,
        arrowEnd: str(p.arrowheadEnd, 'arrow') !== 'none',
      } as const
    case 'draw':
    case 'line':
    case 'highlight':
      return {
        kind: 'line',
        id,
        points: drawPoints(shape, t),
        stroke: colour(p.color).solid,
        width: shape.type === 'highlight' ? 12 : 3,
        arrowEnd: false,
      } as const
    case 'image':
    case 'video':
    case 'bookmark':
    case 'embed':
      return { kind: 'image', id, box: box(num(p.w, 100), num(p.h, 100)), rotation: t.rotation } as const
    default:
      return null
  }
}

function arrowPoints(
  shape: JsonRecord,
  t: Transform,
  byId: Map<string, JsonRecord>,
  bindings: JsonRecord[],
): Point[] {
  const p = (shape.props ?? {}) as Props
  const ends: Record<'start' | 'end', Point> = {
    start: apply(t, (p.start as unknown as Point) ?? { x: 0, y: 0 }),
    end: apply(t, (p.end as unknown as Point) ?? { x: 0, y: 0 }),
  }
  // A bound end follows its target; the target's centre is close enough on a thumbnail.
  for (const b of bindings) {
    if (b.fromId !== shape.id) continue
    const bp = (b.props ?? {}) as Props
    const target = byId.get(str(b.toId as JsonValue))
    const terminal = str(bp.terminal) as 'start' | 'end'
    if (!target || (terminal !== 'start' && terminal !== 'end')) continue
    const box = pageBoxCache.get(target.id)
    if (box) {
      const a = (bp.normalizedAnchor as unknown as Point) ?? { x: 0.5, y: 0.5 }
      ends[terminal] = { x: box.x + box.w * a.x, y: box.y + box.h * a.y }
    }
  }
  return [ends.start, ends.end]
}

function drawPoints(shape: JsonRecord, t: Transform): Point[] {
  const p = (shape.props ?? {}) as Props
  const sx = num(p.scaleX, 1) * num(p.scale, 1)
  const sy = num(p.scaleY, 1) * num(p.scale, 1)
  const out: Point[] = []
  if (shape.type === 'line' && p.points && typeof p.points === 'object') {
    const pts = Object.values(p.points as Record<string, JsonValue>) as unknown as Array<
      Point & { index: string }
    >
    pts.sort((a, b) => (a.index < b.index ? -1 : 1))
    for (const pt of pts) out.push(apply(t, { x: pt.x, y: pt.y }))
    return out
  }
  for (const seg of (p.segments as unknown as Array<{ path?: string; points?: Point[]; dim?: 2 | 3 }>) ??
    []) {
    let pts: Point[] = []
    try {
      pts = seg.points ?? (seg.path ? decodeDrawPoints(seg.path, seg.dim) : [])
    } catch {
      pts = []
    }
    // Thumbnails need the shape, not every sample.
    const step = Math.max(1, Math.floor(pts.length / 64))
    for (let i = 0; i < pts.length; i += step) out.push(apply(t, { x: pts[i].x * sx, y: pts[i].y * sy }))
  }
  return out
}

// Page boxes of the scene being built, so arrows can find their targets.
const pageBoxCache = new Map<string, Box>()

/** Drawables of records already drawn, by record object (see `RecordCache`). */
export type SceneCache = WeakMap<JsonRecord, { t: Transform; d: Drawable }>

/**
 * Builds the scene of a poster from its records (as read with `readRecords`). With a `cache`
 * and records whose unchanged entries keep their identity, only changed shapes are redrawn.
 */
export function buildPosterScene(
  records: Map<string, JsonRecord> | Iterable<JsonRecord>,
  cache?: SceneCache,
): PosterScene {
  const all = records instanceof Map ? [...records.values()] : [...records]
  const shapes = all.filter((r) => r.typeName === 'shape')
  const bindings = all.filter((r) => r.typeName === 'binding')
  const byId = new Map(shapes.map((s) => [s.id, s]))
  const children = new Map<string, JsonRecord[]>()
  for (const s of shapes) {
    const parent = str(s.parentId as JsonValue)
    const list = children.get(parent) ?? []
    children.set(parent, list)
    list.push(s)
  }
  for (const list of children.values())
    list.sort((a, b) => (str(a.index as JsonValue) < str(b.index as JsonValue) ? -1 : 1))

  pageBoxCache.clear()
  const ordered: Array<[JsonRecord, Transform]> = []
  const visit = (parentId: string, t: Transform, depth: number) => {
    if (depth > 32) return
    for (const shape of children.get(parentId) ?? []) {
      const st = compose(t, shape)
      ordered.push([shape, st])
      visit(shape.id, st, depth + 1)
    }
  }
  const roots = [...children.keys()].filter((id) => !byId.has(id))
  for (const root of roots) visit(root, { x: 0, y: 0, rotation: 0 }, 0)

  const items: Drawable[] = []
  // Arrows are drawn after their targets are placed, so bound ends can be resolved.
  const deferred: Array<[JsonRecord, Transform]> = []
  for (const [shape, t] of ordered) {
    if (shape.type === 'arrow') {
      deferred.push([shape, t])
      continue
    }
    // An unchanged record at an unchanged place keeps its drawable, so its SVG is not redrawn.
    const cached = cache?.get(shape)
    const reuse = cached && cached.t.x === t.x && cached.t.y === t.y && cached.t.rotation === t.rotation
    const d = reuse ? cached.d : drawShape(shape, t, byId, bindings)
    if (!d) continue
    if (!reuse) cache?.set(shape, { t, d })
    if (d.kind !== 'line') pageBoxCache.set(shape.id, d.box)
    items.push(d)
  }
  for (const [shape, t] of deferred) {
    const d = drawShape(shape, t, byId, bindings)
    if (d) items.push(d)
  }
  const corners: Point[] = []
  for (const d of items) {
    if ('box' in d) corners.push({ x: d.box.x, y: d.box.y }, { x: d.box.x + d.box.w, y: d.box.y + d.box.h })
    else corners.push(...d.points)
  }
  return { items, bounds: boundsOf(corners) }
}

/**
 * Splits text into lines of at most `width` CSS px at `fontSize` (estimated glyph widths). A
 * word longer than a line (Danish compounds: "borgerinddragelsesprocessen") is broken over
 * lines with a hyphen rather than cut, so every letter stays readable.
 */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const perLine = Math.max(2, Math.floor(width / (fontSize * 0.5)))
  const out: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/)) {
      if (!word) continue
      const candidate = line ? `${line} ${word}` : word
      if (candidate.length <= perLine) {
        line = candidate
        continue
      }
      if (line) out.push(line)
      let rest = word
      while (rest.length > perLine) {
        out.push(`${rest.slice(0, perLine - 1)}-`)
        rest = rest.slice(perLine - 1)
      }
      line = rest
    }
    out.push(line)
  }
  return out
}
