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
    index: `a${(index + 1).toString(36)}`,
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
