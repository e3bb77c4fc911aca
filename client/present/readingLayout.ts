/**
 * Lays out the reading view of a presented poster: each question as a block of large note
 * cards, at the largest font size at which everything fits the screen. A projector at the
 * back of a venue is 1280×720 more often than not; drawn to scale, a four-question poster's
 * notes are 8 px there. Here they never go below `minFontPx` (24 px): when the notes of a
 * question do not all fit at that size, the block shows as many as fit and says how many
 * more there are (the presenter then shows that question on its own).
 *
 * Pure and estimated (no DOM): text width is taken as a conservative average glyph width, the
 * blocks are then drawn with CSS columns that fill exactly the way this simulates.
 */

/** One card of the reading view. */
export interface ReadingCard {
  id: string
  text: string
}

/** One question (or the notes outside every question) with its cards, in reading order. */
export interface ReadingQuestion {
  id: string
  title: string
  cards: ReadingCard[]
}

/** Where and how large the reading view draws. */
export interface ReadingLayout {
  /** Font size of note text in CSS px. */
  fontPx: number
  /** Question blocks per row and rows of blocks. */
  columns: number
  rows: number
  /** Per question (same order as given): card columns inside the block, and cards that fit. */
  blocks: Array<{ cardColumns: number; shown: number }>
}

/** Sizes of the reading view in em of the note font (the CSS in present.css uses the same). */
export const READING_EM = {
  /** Average glyph width of a sans-serif text, rounded up so estimates err towards fewer characters per line. */
  glyph: 0.58,
  lineHeight: 1.25,
  /** Card padding: vertical and horizontal, each side. */
  padY: 0.35,
  padX: 0.5,
  /** Gap between cards and between card columns. */
  gap: 0.4,
  /** Gap between question blocks. */
  blockGap: 0.8,
  /** Question title: font size relative to the notes, line height. */
  title: 0.9,
  titleLineHeight: 1.2,
  titleMarginBelow: 0.3,
  /** Narrowest card worth a column of its own. */
  minCardWidth: 8,
} as const

/** Options of `layoutReading`. */
export interface ReadingOptions {
  /** Smallest note text in CSS px (default 24: legible from the back of a room on a 720p projector). */
  minFontPx?: number
  /** Largest note text in CSS px (default: a twelfth of the height, at most 64). */
  maxFontPx?: number
}

/** Lines a text takes at `fontPx` in a box `width` CSS px wide. */
export function linesOf(text: string, width: number, fontPx: number): number {
  const perLine = Math.max(1, Math.floor(width / (fontPx * READING_EM.glyph)))
  let lines = 0
  for (const paragraph of text.split('\n')) {
    let used = 0
    let count = 1
    for (const word of paragraph.split(/\s+/)) {
      if (!word) continue
      // A word longer than a line is broken anywhere (overflow-wrap: anywhere).
      if (word.length > perLine) {
        if (used > 0) count++
        count += Math.ceil(word.length / perLine) - 1
        used = word.length % perLine || perLine
        continue
      }
      const needed = used === 0 ? word.length : used + 1 + word.length
      if (needed <= perLine) used = needed
      else {
        count++
        used = word.length
      }
    }
    lines += count
  }
  return Math.max(1, lines)
}

/** How many cards of a block fit, filling `cardColumns` columns top to bottom like CSS columns. */
function fitBlock(
  q: ReadingQuestion,
  width: number,
  height: number,
  fontPx: number,
  cardColumns: number,
): number {
  const em = READING_EM
  const titleH = q.title
    ? linesOf(q.title, width, fontPx * em.title) * fontPx * em.title * em.titleLineHeight +
      em.titleMarginBelow * fontPx
    : 0
  const gap = em.gap * fontPx
  const cardW = (width - gap * (cardColumns - 1)) / cardColumns
  if (cardW < em.minCardWidth * fontPx && cardColumns > 1) return -1
  const textW = cardW - 2 * em.padX * fontPx
  const heights = q.cards.map(
    (c) => linesOf(c.text, textW, fontPx) * fontPx * em.lineHeight + 2 * em.padY * fontPx,
  )
  const place = (available: number): number => {
    let column = 0
    let used = 0
    for (let i = 0; i < heights.length; i++) {
      const h = heights[i] + (used > 0 ? gap : 0)
      if (used + h <= available) {
        used += h
        continue
      }
      column++
      if (column >= cardColumns || heights[i] > available) return i
      used = heights[i]
    }
    return heights.length
  }
  const all = place(height - titleH)
  if (all === heights.length) return all
  // Not everything fits: keep a line free for "+ N more".
  return place(height - titleH - fontPx * em.lineHeight)
}

/** Lays out `questions` in a `width`×`height` CSS px area. */
export function layoutReading(
  questions: ReadingQuestion[],
  width: number,
  height: number,
  options: ReadingOptions = {},
): ReadingLayout {
  const minFont = options.minFontPx ?? 24
  const maxFont = Math.max(minFont, Math.floor(options.maxFontPx ?? Math.min(64, height / 12)))
  const n = Math.max(1, questions.length)
  let best: { layout: ReadingLayout; shown: number } | null = null
  for (let fontPx = maxFont; fontPx >= minFont; fontPx--) {
    const blockGap = READING_EM.blockGap * fontPx
    for (let columns = 1; columns <= n; columns++) {
      const rows = Math.ceil(n / columns)
      // A layout with an empty last row wastes space that a wider grid would use.
      if (rows > 1 && (rows - 1) * columns >= n) continue
      const cellW = (width - blockGap * (columns - 1)) / columns
      const cellH = (height - blockGap * (rows - 1)) / rows
      if (cellW <= 0 || cellH <= 0) continue
      const maxCardColumns = Math.max(1, Math.floor(cellW / (READING_EM.minCardWidth * fontPx)))
      const blocks = questions.map((q) => {
        let pick = { cardColumns: 1, shown: fitBlock(q, cellW, cellH, fontPx, 1) }
        for (let k = 2; k <= maxCardColumns && pick.shown < q.cards.length; k++) {
          const shown = fitBlock(q, cellW, cellH, fontPx, k)
          if (shown > pick.shown) pick = { cardColumns: k, shown }
        }
        return { cardColumns: pick.cardColumns, shown: Math.max(0, pick.shown) }
      })
      const shown = blocks.reduce((s, b) => s + b.shown, 0)
      const layout = { fontPx, columns, rows, blocks }
      if (blocks.every((b, i) => b.shown === questions[i].cards.length)) return layout
      if (fontPx === minFont && (!best || shown > best.shown)) best = { layout, shown }
    }
  }
  return (
    best?.layout ?? {
      fontPx: minFont,
      columns: n,
      rows: 1,
      blocks: questions.map(() => ({ cardColumns: 1, shown: 0 })),
    }
  )
}
