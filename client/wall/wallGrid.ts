/**
 * How the wall lays out its tiles: the grid of columns × rows that draws the posters largest
 * in the space below the controls, for 3 to 30 tables. When even the best grid would make
 * tiles too small to recognise anything (a narrow window, many tables), the wall scrolls.
 */

/** Height of a tile's name bar and footer together, in CSS px (wall.css). */
export const TILE_CHROME_PX = 66
/** Gap between tiles, in CSS px (wall.css). */
export const TILE_GAP_PX = 12
/** Below this poster size a tile scrolls instead of shrinking further (wall.css keeps 100 px
 * as a floor, a little under this, for name bars and footers a little taller than estimated). */
const MIN_POSTER = { w: 220, h: 110 }

/** A grid of tiles, or scrolling. */
export type WallGrid = { kind: 'grid'; columns: number; rows: number } | { kind: 'scroll' }

/** The grid for `count` tiles in a `width`×`height` CSS px area, for posters of `aspect` (w/h). */
export function wallGrid(count: number, width: number, height: number, aspect = 1.5): WallGrid {
  if (count <= 0) return { kind: 'scroll' }
  let best: { columns: number; rows: number; drawn: number } | null = null
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns)
    const cellW = (width - TILE_GAP_PX * (columns - 1)) / columns
    const posterH = (height - TILE_GAP_PX * (rows - 1)) / rows - TILE_CHROME_PX
    if (cellW < MIN_POSTER.w || posterH < MIN_POSTER.h) continue
    // Width of the poster as drawn (fitted into the tile keeping its aspect).
    const drawn = Math.min(cellW, posterH * aspect)
    if (!best || drawn > best.drawn + 0.5) best = { columns, rows, drawn }
  }
  return best ? { kind: 'grid', columns: best.columns, rows: best.rows } : { kind: 'scroll' }
}
