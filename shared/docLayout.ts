/**
 * The layout of a poster's Y.Doc, shared by client, server and tests.
 *
 * - `records`: a root Y.Array of `{ key, val }` entries in y-utility YKeyValue's format, read and
 *   written through our incremental `KeyValueStore` (./KeyValueStore.ts). Each tldraw record is stored as
 *   one entry per field, keyed `<recordId>/<field>`; the fields of `props` get one entry each,
 *   keyed `<recordId>/props.<name>`. Two people editing different fields of one shape (one
 *   moves a note while another types in it) therefore write different keys and both edits
 *   survive; a whole-record value would let the later write erase the earlier one.
 *   This key-value layout (rather than a Y.Map) keeps the document small under many edits of the same key.
 * - A record exists while its `typeName` field exists. Fields left behind by an edit that
 *   raced a delete ("orphans") are ignored when reading and may be removed by anyone.
 * - `meta`: a root Y.Map holding `schema`, the serialized tldraw store schema the records were
 *   written with, so a client can migrate older documents on load.
 */

import type * as Y from 'yjs'
import { KeyValueStore } from './KeyValueStore'

/** Name of the root Y.Array holding record fields. */
export const RECORDS_ARRAY = 'records'
/** Name of the root Y.Map holding document metadata. */
export const META_MAP = 'meta'
/** Key in the meta map holding the serialized tldraw schema. */
export const SCHEMA_KEY = 'schema'
/** The field whose presence marks a record as existing. */
export const EXISTENCE_FIELD = 'typeName'

/** A JSON value as stored in the document. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }
/** A tldraw record in plain JSON form (id, typeName, ... props). */
export type JsonRecord = { id: string; typeName: string; [field: string]: JsonValue | undefined }
/** The key-value store over the `records` array. */
export type RecordKV = KeyValueStore<JsonValue>

const kvCache = new WeakMap<Y.Doc, RecordKV>()

/** Returns the (cached) key-value store over a document's `records` array. */
export function getRecordKV(doc: Y.Doc): RecordKV {
  let kv = kvCache.get(doc)
  if (!kv) {
    kv = new KeyValueStore<JsonValue>(doc.getArray(RECORDS_ARRAY))
    kvCache.set(doc, kv)
  }
  return kv
}

/** Returns the document's meta map. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_MAP)
}

/** Builds the key of one field of one record. */
export function fieldKey(recordId: string, field: string): string {
  return `${recordId}/${field}`
}

/** Splits a field key into record id and field; field names never contain '/'. */
export function parseFieldKey(key: string): { id: string; field: string } | null {
  const slash = key.lastIndexOf('/')
  if (slash <= 0 || slash === key.length - 1) return null
  return { id: key.slice(0, slash), field: key.slice(slash + 1) }
}

/** Flattens a record into `[field, value]` pairs, expanding `props` one level. */
export function recordToFields(record: JsonRecord): Array<[string, JsonValue]> {
  const out: Array<[string, JsonValue]> = []
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue
    if (name === 'props' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [prop, propValue] of Object.entries(value)) {
        if (propValue !== undefined) out.push([`props.${prop}`, propValue])
      }
    } else {
      out.push([name, value])
    }
  }
  return out
}

/** Rebuilds a record from its fields, or returns null when it has no existence field. */
export function fieldsToRecord(fields: Map<string, JsonValue>): JsonRecord | null {
  if (!fields.has(EXISTENCE_FIELD)) return null
  const record: Record<string, JsonValue> = {}
  let props: Record<string, JsonValue> | null = null
  for (const [field, value] of fields) {
    if (field.startsWith('props.')) {
      props ??= {}
      props[field.slice(6)] = value
    } else {
      record[field] = value
    }
  }
  if (props || fields.has('props')) record.props = { ...((record.props as object) ?? {}), ...(props ?? {}) }
  return record as JsonRecord
}

/** Deep equality of two JSON values. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true
  if (a === null || b === null || a === undefined || b === undefined) return false
  if (typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as JsonValue[]
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]))
  }
  const ao = a as Record<string, JsonValue>
  const bo = b as Record<string, JsonValue>
  const ak = Object.keys(ao)
  if (ak.length !== Object.keys(bo).length) return false
  return ak.every((k) => k in bo && jsonEqual(ao[k], bo[k]))
}

/** Collects the fields of every record in the store, grouped by record id. */
export function readFieldsById(kv: RecordKV): Map<string, Map<string, JsonValue>> {
  const byId = new Map<string, Map<string, JsonValue>>()
  for (const [key, entry] of kv.map) {
    const parsed = parseFieldKey(key)
    if (!parsed) continue
    let fields = byId.get(parsed.id)
    if (!fields) {
      fields = new Map()
      byId.set(parsed.id, fields)
    }
    fields.set(parsed.field, entry.val)
  }
  return byId
}

/** Reads every existing record of a document. */
export function readRecords(doc: Y.Doc): Map<string, JsonRecord> {
  const out = new Map<string, JsonRecord>()
  for (const [id, fields] of readFieldsById(getRecordKV(doc))) {
    const record = fieldsToRecord(fields)
    if (record) out.set(id, record)
  }
  return out
}

/**
 * Reads the records with the given ids. `fieldNamesOf` lets callers that already know a
 * record's field names (the client binding) avoid scanning the whole store.
 */
export function readRecordsById(kv: RecordKV, ids: Iterable<string>): Map<string, JsonRecord | null> {
  const wanted = new Set(ids)
  const fieldsById = new Map<string, Map<string, JsonValue>>()
  for (const id of wanted) fieldsById.set(id, new Map())
  for (const [key, entry] of kv.map) {
    const parsed = parseFieldKey(key)
    if (parsed && wanted.has(parsed.id)) fieldsById.get(parsed.id)!.set(parsed.field, entry.val)
  }
  const out = new Map<string, JsonRecord | null>()
  for (const [id, fields] of fieldsById) out.set(id, fieldsToRecord(fields))
  return out
}

/**
 * Writes a record, touching only the fields that differ from `previous` (the record as last
 * written or read). Fields that disappeared are deleted. Call inside a transaction.
 */
export function writeRecord(kv: RecordKV, record: JsonRecord, previous?: JsonRecord | null): void {
  const next = new Map(recordToFields(record))
  const prev = previous ? new Map(recordToFields(previous)) : null
  // The existence field is written last so a reader never sees a record half written.
  for (const [field, value] of next) {
    if (field === EXISTENCE_FIELD) continue
    if (prev && jsonEqual(prev.get(field), value)) continue
    kv.set(fieldKey(record.id, field), value)
  }
  if (prev) {
    for (const field of prev.keys()) if (!next.has(field)) kv.delete(fieldKey(record.id, field))
  }
  if (!prev || !jsonEqual(prev.get(EXISTENCE_FIELD), record.typeName)) {
    kv.set(fieldKey(record.id, EXISTENCE_FIELD), record.typeName)
  }
}

/** Deletes every field of a record (the existence field first). Call inside a transaction. */
export function deleteRecord(kv: RecordKV, id: string, knownFields?: Iterable<string>): void {
  kv.delete(fieldKey(id, EXISTENCE_FIELD))
  const fields = knownFields ? [...knownFields] : [...(readFieldsById(kv).get(id)?.keys() ?? [])]
  for (const field of fields) kv.delete(fieldKey(id, field))
}

/** Field names of a record as stored (for `deleteRecord`). */
export function fieldNamesOf(record: JsonRecord): string[] {
  return recordToFields(record).map(([field]) => field)
}

/** The record ids touched by a records-store change event. */
export function changedRecordIds(changes: Map<string, unknown>): Set<string> {
  const ids = new Set<string>()
  for (const key of changes.keys()) {
    const parsed = parseFieldKey(key)
    if (parsed) ids.add(parsed.id)
  }
  return ids
}

/**
 * Seeds an empty document with records and the schema, in one transaction. Only the server
 * seeds documents, so two clients opening an empty poster at once cannot race.
 */
export function seedDocument(doc: Y.Doc, records: Iterable<JsonRecord>, schema: JsonValue): void {
  doc.transact(() => {
    getMetaMap(doc).set(SCHEMA_KEY, schema)
    const kv = getRecordKV(doc)
    for (const record of records) writeRecord(kv, record)
  }, 'seed')
}

/** True when the document has never been seeded (no schema in meta). */
export function isSeeded(doc: Y.Doc): boolean {
  return getMetaMap(doc).has(SCHEMA_KEY)
}
