/**
 * Brings an existing poster up to date with its round's edited template (before the round
 * starts): template shapes are rewritten field by field, shapes of the old template that the
 * new one lacks are removed, and whatever people put into a removed frame stays on the page
 * where it was.
 */
import type * as Y from 'yjs'
import {
  deleteRecord,
  fieldNamesOf,
  getRecordKV,
  type JsonRecord,
  readRecords,
  writeRecord,
} from '../../shared/docLayout'
import { POSTER_PAGE_ID } from '../../shared/posterSchema'

/** Replaces `oldRecords` (the template the poster was seeded with) by `newRecords` in `doc`. */
export function applyTemplateChange(doc: Y.Doc, oldRecords: JsonRecord[], newRecords: JsonRecord[]): void {
  const kv = getRecordKV(doc)
  const current = readRecords(doc)
  const newIds = new Set(newRecords.map((r) => r.id))
  doc.transact(() => {
    for (const record of newRecords) {
      // The document and page records may have been renamed by staff; they stay as they are.
      if (record.typeName !== 'shape' && current.has(record.id)) continue
      writeRecord(kv, record, current.get(record.id) ?? null)
    }
    for (const old of oldRecords) {
      const existing = current.get(old.id)
      if (newIds.has(old.id) || !existing || old.typeName !== 'shape') continue
      for (const child of current.values()) {
        if (child.parentId !== old.id || newIds.has(child.id) || oldRecords.some((r) => r.id === child.id))
          continue
        const moved = {
          ...child,
          parentId: POSTER_PAGE_ID,
          x: (child.x as number) + (existing.x as number),
          y: (child.y as number) + (existing.y as number),
        }
        writeRecord(kv, moved, child)
      }
      deleteRecord(kv, old.id, fieldNamesOf(existing))
    }
  }, 'template')
}
