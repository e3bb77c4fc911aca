/**
 * tldraw records used by the load generator and the document size measurement: sticky notes
 * as a poster holds them, valid under the poster schema.
 */

import type { JsonRecord, JsonValue } from '../../shared/docLayout'
import { noteProps } from '../../shared/noteProps'
import { POSTER_PAGE_ID } from '../../shared/posterSchema'

/** A sticky note with a line of text, placed on the poster page. */
export function noteRecord(id: string, index: number, text: string): JsonRecord {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'note',
    x: (index % 20) * 220,
    y: Math.floor(index / 20) * 220,
    rotation: 0,
    index: fractionalIndex(index + 1),
    parentId: POSTER_PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: noteProps(richText(text)),
  }
}

/** tldraw's rich-text document for one paragraph. */
export function richText(text: string): JsonValue {
  return { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] }
}

/** The same record moved to a new position, optionally carrying a meta payload. */
export function movedRecord(record: JsonRecord, x: number, y: number, meta?: JsonValue): JsonRecord {
  return { ...record, x, y, meta: meta ?? record.meta ?? {} }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** The n-th of an ascending run of tldraw fractional indices ("a1" … "az", then "b10" …). */
function fractionalIndex(n: number): string {
  if (n < 62) return `a${BASE62[n]}`
  return `b${BASE62[Math.floor(n / 62) % 62]}${BASE62[n % 62]}`
}
