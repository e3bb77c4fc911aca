/**
 * Checks a Yjs update against the poster document layout (shared/docLayout.ts) before it is
 * applied: every item it adds to the `records` array must be a `{ key, val }` entry with a
 * field key, and every record it touches, reassembled from the document's current fields with
 * the update's fields laid over them, must pass the tldraw schema. Nested Yjs types, text and
 * other content are refused, as is any root type other than `records` and `meta`.
 */
import * as Y from 'yjs'
import {
  EXISTENCE_FIELD,
  fieldKey,
  fieldsToRecord,
  getRecordKV,
  type JsonRecord,
  type JsonValue,
  META_MAP,
  parseFieldKey,
  RECORDS_ARRAY,
  type RecordKV,
} from '../../shared/docLayout'
import { validatePosterRecord } from '../../shared/posterSchema'
import { type DecodedUpdate, forEachKnownDeletedStruct } from './updateContent'

type Struct = Y.Item | Y.GC | Y.Skip
type Place = 'records' | 'meta' | 'discarded' | { refused: string }

/** True when `value` is plain JSON (what YKeyValue entries and tldraw records hold). */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > 64) return false
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1))
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as object).every((v) => isJsonValue(v, depth + 1))
  }
  return false
}

/**
 * Validates updates for one poster document. The values of a record's fields are read from the
 * document's key-value store; this class keeps only which fields each record has (the store is
 * keyed by `id/field` and cannot list one record's fields without a scan).
 */
export class PosterUpdateValidator {
  private readonly kv: RecordKV
  private readonly records: Y.Array<unknown>
  private readonly meta: Y.Map<unknown>
  /** The names of each record's current fields, kept in step through the store's change events. */
  private readonly fieldNamesById = new Map<string, string[]>()
  /** One string per distinct field name, shared by every record that has the field. */
  private readonly names = new Map<string, string>()
  /**
   * The last version of each record that passed, to validate the next one against: tldraw then
   * checks only the parts that are not the very same values (a move checks x, y and meta).
   */
  private readonly validated = new Map<string, JsonRecord>()

  constructor(private readonly doc: Y.Doc) {
    this.kv = getRecordKV(doc)
    this.records = doc.getArray(RECORDS_ARRAY)
    this.meta = doc.getMap(META_MAP)
    for (const key of this.kv.map.keys()) this.addField(key)
    this.kv.on('change', (changes: Map<string, { action: string }>) => {
      for (const [key, change] of changes) {
        // A changed value keeps the field; only its presence matters here.
        if (change.action === 'add') this.addField(key)
        else if (change.action === 'delete') this.deleteField(key)
      }
    })
  }

  /** The current fields of a record (a copy), empty when it has none. */
  fieldsOf(id: string): Map<string, JsonValue> {
    const fields = new Map<string, JsonValue>()
    for (const name of this.fieldNamesById.get(id) ?? []) {
      const entry = this.kv.map.get(fieldKey(id, name))
      if (entry) fields.set(name, entry.val)
    }
    return fields
  }

  /** Returns null when the update may be applied, or a message saying what is wrong. */
  check(update: Uint8Array | DecodedUpdate): string | null {
    const decoded = update instanceof Uint8Array ? Y.decodeUpdate(update) : update
    const byClient = new Map<number, Struct[]>()
    for (const struct of decoded.structs) {
      let list = byClient.get(struct.id.client)
      if (!list) {
        list = []
        byClient.set(struct.id.client, list)
      }
      list.push(struct)
    }
    const placeCache = new Map<Y.Item, Place>()
    const newFields = new Map<string, JsonValue>()
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue
      const place = this.placeOf(struct, byClient, placeCache)
      if (typeof place === 'object') return place.refused
      if (place === 'discarded') continue
      const content = struct.content
      if (content instanceof Y.ContentType) return 'nested types are not allowed'
      if (content instanceof Y.ContentDeleted) continue
      if (place === 'meta') {
        if (!(content instanceof Y.ContentAny))
          return `meta entries must be plain values (${content.constructor.name})`
        if (!content.arr.every((v) => isJsonValue(v))) return 'meta entries must be JSON'
        continue
      }
      if (struct.parentSub !== null) return 'the records array has no keyed entries'
      if (!(content instanceof Y.ContentAny))
        return `records entries must be plain values (${content.constructor.name})`
      for (const entry of content.arr) {
        const message = checkEntry(entry)
        if (message) return message
        const { key, val } = entry as { key: string; val: JsonValue }
        newFields.set(key, val)
      }
    }
    const deletedKeys = this.deletedKeys(decoded.ds)
    const touched = new Map<string, Map<string, JsonValue>>()
    const fieldsFor = (id: string) => {
      let fields = touched.get(id)
      if (!fields) {
        fields = this.fieldsOf(id)
        touched.set(id, fields)
      }
      return fields
    }
    for (const key of deletedKeys) {
      const parsed = parseFieldKey(key)
      if (parsed && !newFields.has(key)) fieldsFor(parsed.id).delete(parsed.field)
    }
    for (const [key, val] of newFields) {
      const parsed = parseFieldKey(key)!
      fieldsFor(parsed.id).set(parsed.field, val)
    }
    for (const [id, fields] of touched) {
      if (!fields.has(EXISTENCE_FIELD)) continue
      const record = fieldsToRecord(fields)!
      if (record.id !== id) return `record ${id}: its id field is ${JSON.stringify(record.id)}`
      const known = this.validated.get(id)
      // fieldsToRecord builds a new props object; the known one, when it holds the very same
      // values, lets the validator skip the props (the note's text) as a whole.
      if (known && sameEntries(known.props, record.props)) record.props = known.props
      const message = validatePosterRecord(record, known)
      if (message) return `record ${id}: ${message}`
      this.validated.set(id, record)
    }
    return null
  }

  private addField(key: string): void {
    const parsed = parseFieldKey(key)
    if (!parsed) return
    let name = this.names.get(parsed.field)
    if (name === undefined) {
      name = parsed.field
      this.names.set(name, name)
    }
    const list = this.fieldNamesById.get(parsed.id)
    if (!list) this.fieldNamesById.set(parsed.id, [name])
    else if (!list.includes(name)) list.push(name)
  }

  private deleteField(key: string): void {
    const parsed = parseFieldKey(key)
    if (!parsed) return
    if (parsed.field === EXISTENCE_FIELD) this.validated.delete(parsed.id)
    const list = this.fieldNamesById.get(parsed.id)
    if (!list) return
    const at = list.indexOf(parsed.field)
    if (at >= 0) list.splice(at, 1)
    if (list.length === 0) this.fieldNamesById.delete(parsed.id)
  }

  /** Keys whose current value the update deletes. */
  private deletedKeys(ds: DecodedUpdate['ds']): Set<string> {
    const keys = new Set<string>()
    forEachKnownDeletedStruct(this.doc, ds, (struct, from, to) => {
      if (!(struct instanceof Y.Item) || struct.deleted || struct.parent !== this.records) return undefined
      if (!(struct.content instanceof Y.ContentAny)) return undefined
      for (const entry of struct.content.arr.slice(from, to)) {
        const key = (entry as { key?: unknown })?.key
        if (typeof key === 'string' && this.kv.map.get(key) === entry) keys.add(key)
      }
      return undefined
    })
    return keys
  }

  /**
   * Finds which root type an item of the update will be integrated into, following origins
   * (an item inserted next to another has no parent of its own on the wire). Iterative: a
   * sync step 2 may hold chains of thousands of items.
   */
  private placeOf(item: Y.Item, byClient: Map<number, Struct[]>, cache: Map<Y.Item, Place>): Place {
    const chain: Y.Item[] = []
    const seen = new Set<Y.Item>()
    let current = item
    let place: Place | undefined = cache.get(current)
    while (place === undefined) {
      if (seen.has(current)) {
        place = { refused: 'items whose origins form a cycle' }
        break
      }
      seen.add(current)
      chain.push(current)
      const parent = current.parent as unknown
      if (typeof parent === 'string') {
        place =
          parent === RECORDS_ARRAY
            ? 'records'
            : parent === META_MAP
              ? 'meta'
              : { refused: `unknown root type "${parent}"` }
      } else if (parent instanceof Y.AbstractType) {
        place =
          parent === this.records
            ? 'records'
            : parent === this.meta
              ? 'meta'
              : { refused: 'unknown parent type' }
      } else if (parent !== null) {
        place = { refused: 'nested types are not allowed' }
      } else {
        const origin = [current.origin, current.rightOrigin]
          .filter((id): id is Y.ID => id !== null)
          .map((id) => this.findStruct(id, byClient))
          .find((struct) => struct !== null)
        if (origin === undefined) {
          place = { refused: 'update depends on content the server does not have' }
        } else if (!(origin instanceof Y.Item)) {
          // Yjs drops an item whose neighbour was garbage collected: it never becomes content.
          place = 'discarded'
        } else {
          current = origin
          place = cache.get(current)
        }
      }
    }
    for (const link of chain) cache.set(link, place)
    return place
  }

  private findStruct(id: Y.ID, byClient: Map<number, Struct[]>): Struct | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      return Y.getItem(this.doc.store, id) as Y.Item | Y.GC
    }
    for (const struct of byClient.get(id.client) ?? []) {
      if (struct.id.clock <= id.clock && id.clock < struct.id.clock + struct.length) return struct
    }
    return null
  }
}

/** True when both are objects with the same keys holding the very same values. */
function sameEntries(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    if (
      !Object.hasOwn(b, key) ||
      !Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
    )
      return false
  }
  return true
}

function checkEntry(entry: unknown): string | null {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry))
    return 'records entries must be { key, val } objects'
  const { key, val } = entry as { key?: unknown; val?: unknown }
  if (typeof key !== 'string' || !parseFieldKey(key))
    return `records entry has no field key (${JSON.stringify(key)})`
  if (Object.keys(entry).length !== 2 || !('val' in entry))
    return `records entry ${key} must have exactly key and val`
  if (!isJsonValue(val)) return `records entry ${key} is not JSON`
  return null
}
