/**
 * The props of a tldraw sticky note as Plenum writes them (notes-only mode, server copies,
 * fixtures, bench). One place, so every note a non-canvas writer makes passes the schema.
 * Kept free of imports so phone pages can use it without loading tldraw.
 */
import type { JsonValue } from './docLayout'

/** Props of a note with the given rich text; `overrides` replaces single props. */
export function noteProps(
  richText: JsonValue,
  overrides: Record<string, JsonValue> = {},
): Record<string, JsonValue> {
  return {
    color: 'yellow',
    labelColor: 'black',
    size: 'm',
    font: 'draw',
    // 1 = tldraw's normal label size; 0 would draw the text at size 0 until a canvas re-measures it.
    fontSizeAdjustment: 1,
    align: 'middle',
    verticalAlign: 'middle',
    growY: 0,
    url: '',
    scale: 1,
    richText,
    textLastEditedBy: null,
    ...overrides,
  }
}
