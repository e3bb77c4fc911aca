/**
 * The records of a poster document, kept up to date from the key-value store's change events
 * instead of re-reading the whole document on every edit. A record that did not change keeps
 * its object identity, so the drawing of a poster can reuse everything but the changed shapes:
 * that is what lets the wall follow thirty busy tables at once.
 */
import type * as Y from 'yjs'
import {
  fieldsToRecord,
  getRecordKV,
  type JsonRecord,
  type JsonValue,
  jsonEqual,
  parseFieldKey,
  type RecordKV,
} from './docLayout'

type Change = { action: 'add' | 'update' | 'delete'; newValue?: JsonValue }

/** Live records of one document. */
export class RecordCache {
  private readonly kv: RecordKV
  private readonly fields = new Map<string, Map<string, JsonValue>>()
  private readonly current = new Map<string, JsonRecord>()
  private readonly dirty = new Set<string>()
  private reused: ReadonlyMap<string, JsonRecord> | null = null

  constructor(doc: Y.Doc) {
    this.kv = getRecordKV(doc)
    for (const [key, entry] of this.kv.map) this.apply(key, { action: 'add', newValue: entry.val })
    this.kv.on('change', this.onChange)
  }

  private readonly onChange = (changes: Map<string, Change>) => {
    for (const [key, change] of changes) this.apply(key, change)
  }

  private apply(key: string, change: Change): void {
    const parsed = parseFieldKey(key)
    if (!parsed) return
    let fields = this.fields.get(parsed.id)
    if (change.action === 'delete') {
      fields?.delete(parsed.field)
      if (fields && fields.size === 0) this.fields.delete(parsed.id)
    } else {
      if (!fields) {
        fields = new Map()
        this.fields.set(parsed.id, fields)
      }
      fields.set(parsed.field, change.newValue as JsonValue)
    }
    this.dirty.add(parsed.id)
  }

  /**
   * The next `records()` keeps the objects of `previous` (records shown before this document
   * synced) where they are equal, so the drawing does not start over when the live copy arrives.
   */
  reuse(previous: ReadonlyMap<string, JsonRecord>): void {
    this.reused = previous
  }

  /** The records now; unchanged records are the same objects as last time. */
  records(): Map<string, JsonRecord> {
    for (const id of this.dirty) {
      const fields = this.fields.get(id)
      let record = fields ? fieldsToRecord(fields) : null
      const before = this.reused?.get(id)
      if (record && before && jsonEqual(before as JsonValue, record as JsonValue)) record = before
      if (record) this.current.set(id, record)
      else this.current.delete(id)
    }
    this.dirty.clear()
    this.reused = null
    return this.current
  }

  /** Stops listening. */
  destroy(): void {
    this.kv.off('change', this.onChange)
  }
}
