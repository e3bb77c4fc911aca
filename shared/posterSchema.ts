/**
 * The tldraw schema every poster is written with, and the records of a blank poster.
 * Used by the server to seed and validate documents and by the client to migrate them.
 */
import { createTLSchema, DocumentRecordType, PageRecordType, type TLRecord } from '@tldraw/tlschema'
import type { JsonRecord, JsonValue } from './docLayout'

/** The tldraw store schema with tldraw's default shapes, bindings and styles. */
export const posterSchema = createTLSchema()

/** The id of the single page of a poster. */
export const POSTER_PAGE_ID = 'page:poster'

/** The serialized schema stored in a document's meta map. */
export function serializedPosterSchema(): JsonValue {
  return posterSchema.serialize() as unknown as JsonValue
}

/** The records of a blank poster: the document record and one page. */
export function blankPosterRecords(pageName = 'Poster'): JsonRecord[] {
  const document = DocumentRecordType.create({ id: 'document:document' as never, name: '' })
  const page = PageRecordType.create({
    id: POSTER_PAGE_ID as ReturnType<typeof PageRecordType.createId>,
    name: pageName,
    index: 'a1' as never,
  })
  return [document, page].map((r) => r as unknown as JsonRecord)
}

/**
 * Validates a record against the poster schema. Returns null when valid, or a message
 * saying what is wrong. `knownGood`: an earlier version of the record that passed; parts of
 * `record` that are the very same values (by reference) as in it are not checked again
 * (tldraw's `validateUsingKnownGoodVersion`), so moving a note checks `x` and `y`, not its text.
 */
export function validatePosterRecord(record: JsonRecord, knownGood?: JsonRecord | null): string | null {
  const type = posterSchema.types[record.typeName as TLRecord['typeName']]
  if (!type) return `unknown record type "${record.typeName}"`
  try {
    type.validate(record as unknown, (knownGood ?? undefined) as never)
    return null
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}
