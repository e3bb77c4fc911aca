/**
 * Draws a poster into a PDF page as vector shapes and real text, from the same scene the wall
 * and the presenter draw (`client/render/posterScene.ts`), so the report needs no tldraw
 * editor and no raster image: a poster of 300 notes is drawn in a few tens of milliseconds,
 * stays sharp at any zoom, and its notes can be searched and copied.
 */
import type { PDFFont, PDFPage } from 'pdf-lib'
import type { Box, Drawable, Point, PosterScene } from '../render/posterScene'
import { colourOp, draw, lineWidth, num, type Rgb, showLine, wrapLines } from './pdfText'

/** Empty space around the poster's shapes, in poster units (as the old image export had). */
const PADDING = 32
/** tldraw's light canvas background. */
const BACKGROUND = hex('#f9fafb')
const FRAME_STROKE = hex('#717171')
const FRAME_LABEL = hex('#444444')
const INK = hex('#1d1d1d')
const SHADOW = { red: 0.85, green: 0.85, blue: 0.86 }

/** A colour from `#rrggbb`. */
export function hex(colour: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)
  if (!m) return { red: 0, green: 0, blue: 0 }
  return {
    red: Number.parseInt(m[1], 16) / 255,
    green: Number.parseInt(m[2], 16) / 255,
    blue: Number.parseInt(m[3], 16) / 255,
  }
}

const fillColour = (c: Rgb) => colourOp(c)
const strokeColour = (c: Rgb) => colourOp(c, true)
const moveTo = (x: number, y: number) => `${num(x)} ${num(y)} m`
const lineTo = (x: number, y: number) => `${num(x)} ${num(y)} l`
const rectangle = (x: number, y: number, w: number, h: number) => `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`
const curve = (...p: number[]) => `${p.map(num).join(' ')} c`

/** Where on the page the poster goes, in PDF points (origin bottom left). */
export interface PdfArea {
  x: number
  y: number
  width: number
  height: number
}

/** Fonts the poster's text is set in. */
export interface PosterFonts {
  regular: PDFFont
  bold: PDFFont
}

/** Path operators of an ellipse inside a box whose top-left is (0, 0), y up. */
function ellipse(w: number, h: number): string[] {
  const k = 0.5523
  const rx = w / 2
  const ry = h / 2
  const cx = rx
  const cy = -ry
  return [
    moveTo(cx + rx, cy),
    curve(cx + rx, cy + ry * k, cx + rx * k, cy + ry, cx, cy + ry),
    curve(cx - rx * k, cy + ry, cx - rx, cy + ry * k, cx - rx, cy),
    curve(cx - rx, cy - ry * k, cx - rx * k, cy - ry, cx, cy - ry),
    curve(cx + rx * k, cy - ry, cx + rx, cy - ry * k, cx + rx, cy),
    'h',
  ]
}

function polygon(points: Array<[number, number]>): string[] {
  return [moveTo(...points[0]), ...points.slice(1).map((p) => lineTo(...p)), 'h']
}

/** Path of a geo shape in local coordinates (top-left at 0, 0; y up, so the box is at negative y). */
function geoPath(geo: string, w: number, h: number): string[] {
  if (geo === 'ellipse' || geo === 'oval') return ellipse(w, h)
  if (geo === 'diamond')
    return polygon([
      [w / 2, 0],
      [w, -h / 2],
      [w / 2, -h],
      [0, -h / 2],
    ])
  if (geo === 'triangle')
    return polygon([
      [w / 2, 0],
      [w, -h],
      [0, -h],
    ])
  return [rectangle(0, -h, w, h)]
}

/**
 * Draws `text` wrapped into the box (local coordinates, top-left at 0, 0, y up), centred or
 * from the left, as the canvas does; lines that do not fit end with "…".
 */
function textBlock(
  page: PDFPage,
  font: PDFFont,
  text: string,
  box: { w: number; h: number },
  o: { size: number; colour: Rgb; align: 'start' | 'middle'; vertical: 'top' | 'middle'; padding: number },
): void {
  if (!text.trim() || o.size <= 0) return
  // Text that does not fit is set smaller, as tldraw shrinks a long note's text, down to half.
  let size = o.size
  let lead = size * 1.35
  let lines: string[] = []
  let maxLines = 1
  for (let attempt = 0; attempt < 5; attempt++) {
    lead = size * 1.35
    lines = wrapLines(text, font, size, Math.max(size, box.w - o.padding * 2))
    maxLines = Math.max(1, Math.floor((box.h - o.padding * 2) / lead))
    if (lines.length <= maxLines) break
    size *= 0.85
  }
  if (lines.length > maxLines) lines = [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]}…`]
  const blockHeight = lines.length * lead
  const top = o.vertical === 'middle' ? (box.h - blockHeight) / 2 : o.padding
  lines.forEach((line, i) => {
    const width = o.align === 'middle' ? lineWidth(font, line, size) : 0
    const x = o.align === 'middle' ? (box.w - width) / 2 : o.padding
    // Baseline: the line box's top, half the extra leading, then the font's ascent (~0.8 em).
    const baseline = top + i * lead + (lead - size) / 2 + size * 0.8
    showLine(page, font, line, { x, y: -baseline, size, colour: o.colour })
  })
}

/** Maps poster coordinates (y down) to the page. */
interface Fit {
  scale: number
  /** Page position of poster point (0, 0). */
  x0: number
  y0: number
}

/** The operator that makes a drawable's local space: origin at its top-left, rotated, in poster units, y up. */
function localSpace(fit: Fit, box: Box, rotation: number): string {
  const a = -rotation
  const s = fit.scale
  const m = [s * Math.cos(a), s * Math.sin(a), -s * Math.sin(a), s * Math.cos(a)]
  // Six decimals for the scale and rotation: two would visibly distort a small poster.
  return `${m.map((v) => String(Math.round(v * 1e6) / 1e6)).join(' ')} ${num(fit.x0 + box.x * s)} ${num(fit.y0 - box.y * s)} cm`
}

function drawLine(page: PDFPage, fit: Fit, d: Extract<Drawable, { kind: 'line' }>): void {
  if (d.points.length < 2) return
  const pt = (p: Point): [number, number] => [fit.x0 + p.x * fit.scale, fit.y0 - p.y * fit.scale]
  const ops: string[] = [
    'q',
    strokeColour(hex(d.stroke)),
    `${num(d.width * fit.scale)} w 1 J 1 j`,
    moveTo(...pt(d.points[0])),
    ...d.points.slice(1).map((p) => lineTo(...pt(p))),
    'S',
  ]
  if (d.arrowEnd) {
    const [ax, ay] = pt(d.points[d.points.length - 1])
    const [bx, by] = pt(d.points[d.points.length - 2])
    const angle = Math.atan2(ay - by, ax - bx)
    const len = Math.max(6, d.width * 5) * fit.scale
    const wing = (sign: number): [number, number] => [
      ax - len * Math.cos(angle + (sign * Math.PI) / 7),
      ay - len * Math.sin(angle + (sign * Math.PI) / 7),
    ]
    ops.push(fillColour(hex(d.stroke)), ...polygon([[ax, ay], wing(1), wing(-1)]), 'f')
  }
  ops.push('Q')
  draw(page, ...ops)
}

function drawBoxed(
  page: PDFPage,
  fit: Fit,
  d: Exclude<Drawable, { kind: 'line' }>,
  fonts: PosterFonts,
): void {
  const { w, h } = d.box
  draw(page, 'q', localSpace(fit, d.box, d.rotation))
  switch (d.kind) {
    case 'frame':
      draw(
        page,
        fillColour(hex('#ffffff')),
        strokeColour(FRAME_STROKE),
        // At least a hairline on paper, however small the poster is drawn.
        `${num(Math.max(1.5, 0.4 / fit.scale))} w`,
        rectangle(0, -h, w, h),
        'B',
      )
      // The frame's name sits just above it, as on the canvas.
      showLine(page, fonts.regular, d.name, { x: 0, y: 8, size: 16, colour: FRAME_LABEL })
      break
    case 'note':
      draw(
        page,
        // A soft shadow under the note, then the note.
        fillColour(SHADOW),
        rectangle(1.5, -h - 2.5, w, h),
        'f',
        fillColour(hex(d.fill)),
        rectangle(0, -h, w, h),
        'f',
      )
      textBlock(page, fonts.regular, d.text, d.box, {
        size: d.fontSize,
        colour: INK,
        align: 'middle',
        vertical: 'middle',
        padding: 16,
      })
      break
    case 'geo': {
      const path = geoPath(d.geo, w, h)
      draw(
        page,
        strokeColour(hex(d.stroke)),
        '2.5 w 1 j',
        ...(d.fill ? [fillColour(hex(d.fill)), ...path, 'B'] : [...path, 'S']),
      )
      textBlock(page, fonts.regular, d.text, d.box, {
        size: d.fontSize,
        colour: hex(d.stroke),
        align: 'middle',
        vertical: 'middle',
        padding: 16,
      })
      break
    }
    case 'text':
      // Autosized text boxes are estimated by the scene; never cut a heading short.
      textBlock(
        page,
        fonts.regular,
        d.text,
        { w: Math.max(w, 40), h: Number.POSITIVE_INFINITY },
        {
          size: d.fontSize,
          colour: hex(d.colour),
          align: 'start',
          vertical: 'top',
          padding: 4,
        },
      )
      break
    case 'image':
      draw(page, fillColour(hex('#eeeeee')), strokeColour(hex('#bbbbbb')), '2 w', rectangle(0, -h, w, h), 'B')
      break
  }
  draw(page, 'Q')
}

/**
 * Draws the scene fitted and centred in `area`, on tldraw's light background. `pause` is awaited
 * between shapes and may yield to the event loop. Returns false when there is nothing to draw.
 */
export async function drawPosterScene(
  page: PDFPage,
  scene: PosterScene,
  area: PdfArea,
  fonts: PosterFonts,
  pause: () => Promise<void> | undefined = () => undefined,
): Promise<boolean> {
  const b = scene.bounds
  if (!b || scene.items.length === 0) return false
  const w = b.w + PADDING * 2
  const h = b.h + PADDING * 2
  const scale = Math.min(area.width / w, area.height / h)
  const left = area.x + (area.width - w * scale) / 2
  const top = area.y + area.height - (area.height - h * scale) / 2
  draw(page, fillColour(BACKGROUND), rectangle(left, top - h * scale, w * scale, h * scale), 'f')
  const fit: Fit = { scale, x0: left + (PADDING - b.x) * scale, y0: top - (PADDING - b.y) * scale }
  for (const d of scene.items) {
    if (d.kind === 'line') drawLine(page, fit, d)
    else drawBoxed(page, fit, d, fonts)
    await pause()
  }
  return true
}
