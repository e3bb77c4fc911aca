/**
 * Fast drawing for the report PDF. pdf-lib lays out every `drawText` call with the font engine
 * and keeps every drawing operator as an object until the document is saved, which made a
 * report of thirty posters with 9,000 notes spend seconds shaping the same words again and
 * then block the page while saving. Here each word is measured and encoded once per font, and
 * a page's drawing is written straight into a content-stream string that is compressed when
 * the page is done (`finishPage`); kerning across a space is ignored. The text stays real text:
 * selectable, searchable, and small.
 */
import type { PDFFont, PDFName, PDFPage } from 'pdf-lib'

/** A colour as pdf-lib's `rgb()` makes it, or three channels 0–1. */
export interface Rgb {
  red: number
  green: number
  blue: number
}

/** A number as a content stream writes it (two decimals are finer than a printer dot). */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100
  return Number.isFinite(r) ? String(r) : '0'
}

/** Fill (`rg`) or stroke (`RG`) colour operator. */
export function colourOp(c: Rgb, stroke = false): string {
  return `${num(c.red)} ${num(c.green)} ${num(c.blue)} ${stroke ? 'RG' : 'rg'}`
}

const pending = new WeakMap<PDFPage, string[]>()

/** Appends raw content-stream operators to a page (written when the page is finished). */
export function draw(page: PDFPage, ...ops: string[]): void {
  let parts = pending.get(page)
  if (!parts) {
    parts = []
    pending.set(page, parts)
  }
  for (const op of ops) parts.push(op)
}

/** Compresses what was drawn on a page into its content stream. Call again after drawing more. */
export function finishPage(page: PDFPage): void {
  const parts = pending.get(page)
  if (!parts || parts.length === 0) return
  pending.delete(page)
  // Each finished part is a self-contained q … Q block, so parts can follow one another.
  const stream = page.doc.context.flateStream(`q\n${parts.join('\n')}\nQ\n`)
  page.node.addContentStream(page.doc.context.register(stream))
}

/** Characters a PDF text run cannot show (controls) become spaces. */
export function clean(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ')
}

interface FontCache {
  widths: Map<string, number>
  codes: Map<string, string>
  keys: WeakMap<PDFPage, PDFName>
}

const caches = new WeakMap<PDFFont, FontCache>()

function cacheOf(font: PDFFont): FontCache {
  let cache = caches.get(font)
  if (!cache) {
    cache = { widths: new Map(), codes: new Map(), keys: new WeakMap() }
    caches.set(font, cache)
  }
  return cache
}

/** Width of a piece of text at size 1, cached: laying out text with a custom font is slow. */
export function unitWidth(font: PDFFont, text: string): number {
  const cache = cacheOf(font).widths
  let w = cache.get(text)
  if (w === undefined) {
    w = font.widthOfTextAtSize(text, 1)
    if (cache.size < 50_000) cache.set(text, w)
  }
  return w
}

/** Glyph codes of a word as hex, cached (encoding a word also adds its glyphs to the font subset). */
function codesOf(font: PDFFont, word: string): string {
  const cache = cacheOf(font).codes
  let hex = cache.get(word)
  if (hex === undefined) {
    hex = font.encodeText(word).asString()
    if (cache.size < 50_000) cache.set(word, hex)
  }
  return hex
}

/** The whole line's glyph codes, built from cached words and spaces. */
function lineCodes(font: PDFFont, line: string): string {
  let out = ''
  let word = ''
  for (const ch of line) {
    if (ch === ' ') {
      if (word) out += codesOf(font, word)
      out += codesOf(font, ' ')
      word = ''
    } else word += ch
  }
  if (word) out += codesOf(font, word)
  return out
}

/** The name of the font in the page's resources (added once per page). */
function fontKey(page: PDFPage, font: PDFFont): PDFName {
  const keys = cacheOf(font).keys
  let key = keys.get(page)
  if (!key) {
    key = page.node.newFontDictionary(font.name, font.ref)
    keys.set(page, key)
  }
  return key
}

/**
 * Writes one line of text with its baseline starting at (x, y) in the page's current user space
 * (which may be scaled or rotated by the caller). The line must not contain line breaks.
 */
export function showLine(
  page: PDFPage,
  font: PDFFont,
  line: string,
  at: { x: number; y: number; size: number; colour: Rgb },
): void {
  if (!line.trim()) return
  draw(
    page,
    `BT ${fontKey(page, font).asString()} ${num(at.size)} Tf ${colourOp(at.colour)} 1 0 0 1 ${num(at.x)} ${num(at.y)} Tm <${lineCodes(font, clean(line))}> Tj ET`,
  )
}

/**
 * Splits text into lines no wider than `width`, breaking long words where needed. Words are
 * measured one by one (kerning across a space is ignored), so a long report stays fast.
 */
export function wrapLines(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = []
  const space = unitWidth(font, ' ') * size
  for (const paragraph of clean(text.replace(/\r\n?/g, '\n')).split('\n')) {
    const indent = /^\s*/.exec(paragraph)?.[0] ?? ''
    const indentWidth = unitWidth(font, indent) * size
    let line = indent
    let lineWidth = indentWidth
    for (const word of paragraph.trim().split(/\s+/).filter(Boolean)) {
      const wordWidth = unitWidth(font, word) * size
      const empty = line === indent
      if (lineWidth + (empty ? 0 : space) + wordWidth <= width) {
        line = empty ? `${line}${word}` : `${line} ${word}`
        lineWidth += (empty ? 0 : space) + wordWidth
        continue
      }
      if (!empty) out.push(line)
      line = indent
      lineWidth = indentWidth
      let rest = word
      // A word wider than the line (a URL) is cut into pieces that fit.
      while (indentWidth + unitWidth(font, rest) * size > width && rest.length > 1) {
        let n = rest.length - 1
        while (n > 1 && indentWidth + unitWidth(font, rest.slice(0, n)) * size > width) n--
        out.push(`${indent}${rest.slice(0, n)}`)
        rest = rest.slice(n)
      }
      line = `${indent}${rest}`
      lineWidth = indentWidth + unitWidth(font, rest) * size
    }
    out.push(line)
  }
  return out
}

/** Width of a line of text at `size`, from the cached word widths. */
export function lineWidth(font: PDFFont, line: string, size: number): number {
  const words = line.split(' ')
  let w = unitWidth(font, ' ') * (words.length - 1)
  for (const word of words) if (word) w += unitWidth(font, word)
  return w * size
}

/**
 * Lets the event loop run (input, painting, timers) and continues right after. Browsers delay
 * nested `setTimeout(0)` calls by 4 ms, so a message port is used where there is one (not
 * `scheduler.yield`, whose continuations go before the page's other tasks).
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof window !== 'undefined' && typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        channel.port1.close()
        resolve()
      }
      channel.port2.postMessage(null)
    })
  }
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * A pause for the event loop once `sliceMs` of work has passed since the last one, so a long
 * report keeps the page responding (clicks, scrolling, the progress bar).
 */
export function timeSlicer(sliceMs = 12): () => Promise<void> | undefined {
  let last = performance.now()
  return () => {
    if (performance.now() - last < sliceMs) return undefined
    return yieldToEventLoop().then(() => {
      last = performance.now()
    })
  }
}
