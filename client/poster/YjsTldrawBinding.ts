/**
 * Keeps a tldraw store and a poster's Y.Doc in step, both ways, using the field-per-key layout
 * of shared/docLayout.ts.
 *
 * - Local user edits (`source: 'user'`, document scope) are written field by field in one
 *   transaction with origin `LOCAL_ORIGIN`. While a shape is dragged the store changes every
 *   frame; writes are coalesced to at most one transaction per `flushIntervalMs`.
 * - Remote edits (any other origin: the WebSocket provider, IndexedDB) are merged into the
 *   store with `mergeRemoteChanges`, so they are neither echoed back nor undoable. Fields the
 *   user changed but that are not yet written win over the remote values of those fields only.
 * - On start the document is migrated with the schema stored in its meta map, and the
 *   migrated records are written back. The binding never seeds: the server does.
 */
import type { TLRecord, TLStore } from 'tldraw'
import type * as Y from 'yjs'
import {
  changedRecordIds,
  deleteRecord,
  fieldNamesOf,
  fieldsToRecord,
  getMetaMap,
  getRecordKV,
  type JsonRecord,
  type JsonValue,
  jsonEqual,
  type RecordKV,
  readRecords,
  readRecordsById,
  recordToFields,
  SCHEMA_KEY,
  writeRecord,
} from '../../shared/docLayout'

/** Transaction origin of every write this client makes from local user edits. */
export const LOCAL_ORIGIN = Symbol('plenum.local')

/** Default coalescing window for outgoing writes (one write per ~3 frames while dragging). */
export const DEFAULT_FLUSH_INTERVAL_MS = 50

/** Thrown when a document cannot be loaded into this client's schema. */
export class PosterLoadError extends Error {
  override name = 'PosterLoadError'
  /** Why loading failed, e.g. `target-version-too-old` when the poster is newer than this client. */
  readonly reason: string
  constructor(reason: string) {
    super(`poster could not be loaded: ${reason}`)
    this.reason = reason
  }
}

/** Options of a binding. */
export interface BindingOptions {
  /** Minimum time between two outgoing transactions; 0 writes every change at once. */
  flushIntervalMs?: number
  /** Called for remote records this client's schema rejects (they are skipped). */
  onInvalidRecord?: (record: JsonRecord, error: unknown) => void
}

type KVChanges = Map<string, unknown>

/** Binds one tldraw store to one Y.Doc; call `start()` once the document has loaded. */
export class YjsTldrawBinding {
  private readonly kv: RecordKV
  /** Each record as the document holds it, as far as this client knows (last read or written). */
  private readonly known = new Map<string, JsonRecord>()
  /** Ids with local edits not yet written to the document. */
  private readonly pending = new Set<string>()
  private readonly flushIntervalMs: number
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastFlushAt = Number.NEGATIVE_INFINITY
  private unlistenStore: (() => void) | null = null
  private started = false

  constructor(
    readonly store: TLStore,
    readonly doc: Y.Doc,
    private readonly options: BindingOptions = {},
  ) {
    this.kv = getRecordKV(doc)
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS
  }

  /** Loads the document into the store (migrating it) and starts syncing both ways. */
  start(): void {
    if (this.started) return
    this.load()
    this.unlistenStore = this.store.listen(
      (entry) => {
        for (const id of Object.keys(entry.changes.added)) this.pending.add(id)
        for (const id of Object.keys(entry.changes.updated)) this.pending.add(id)
        for (const id of Object.keys(entry.changes.removed)) this.pending.add(id)
        this.scheduleFlush()
      },
      { source: 'user', scope: 'document' },
    )
    this.kv.on('change', this.onDocChange)
    this.started = true
  }

  /** True while local edits wait to be written to the document. */
  hasPendingWrites(): boolean {
    return this.pending.size > 0
  }

  /** Writes pending local edits to the document now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.pending.size === 0) return
    const ids = [...this.pending]
    this.pending.clear()
    this.lastFlushAt = now()
    this.doc.transact(() => {
      for (const id of ids) {
        const current = this.store.get(id as TLRecord['id']) as unknown as JsonRecord | undefined
        const previous = this.known.get(id) ?? null
        if (current) {
          if (previous && jsonEqual(current as unknown as JsonValue, previous as unknown as JsonValue))
            continue
          writeRecord(this.kv, current, previous)
          this.known.set(id, current)
        } else if (previous) {
          deleteRecord(this.kv, id, fieldNamesOf(previous))
          this.known.delete(id)
        }
      }
    }, LOCAL_ORIGIN)
  }

  /** Writes what is pending and stops syncing. */
  destroy(): void {
    if (!this.started) return
    this.flush()
    this.unlistenStore?.()
    this.kv.off('change', this.onDocChange)
    this.started = false
  }

  private scheduleFlush(): void {
    if (this.flushIntervalMs <= 0) {
      this.flush()
      return
    }
    if (this.timer) return
    // Leading edge: the first change after a quiet spell goes out at once; a drag's
    // following frames are coalesced into one write per interval.
    const wait = this.lastFlushAt + this.flushIntervalMs - now()
    if (wait <= 0) {
      this.flush()
      return
    }
    this.timer = setTimeout(() => {
      this.timer = null
      this.flush()
    }, wait)
  }

  private load(): void {
    const stored = readRecords(this.doc)
    const schema = getMetaMap(this.doc).get(SCHEMA_KEY) as JsonValue | undefined
    let records = stored
    if (schema) {
      const result = this.store.schema.migrateStoreSnapshot({
        store: Object.fromEntries(stored) as never,
        schema: schema as never,
      })
      if (result.type === 'error') throw new PosterLoadError(String(result.reason))
      records = new Map(Object.entries(result.value as unknown as Record<string, JsonRecord>))
      this.writeBackMigration(stored, records, schema)
    }
    for (const [id, record] of records) this.known.set(id, record)
    const valid = this.validRecords(records.values())
    const keep = new Set(valid.map((r) => r.id))
    const stale = this.store
      .allRecords()
      .filter((r) => this.isDocumentRecord(r.typeName) && !keep.has(r.id))
      .map((r) => r.id)
    this.store.mergeRemoteChanges(() => {
      if (stale.length) this.store.remove(stale)
      if (valid.length) this.store.put(valid)
    })
  }

  private writeBackMigration(
    stored: Map<string, JsonRecord>,
    migrated: Map<string, JsonRecord>,
    schema: JsonValue,
  ): void {
    const current = this.store.schema.serialize() as unknown as JsonValue
    const changed = [...migrated.values()].filter(
      (r) => !jsonEqual(r as unknown as JsonValue, (stored.get(r.id) ?? null) as unknown as JsonValue),
    )
    const removed = [...stored.keys()].filter((id) => !migrated.has(id))
    if (changed.length === 0 && removed.length === 0 && jsonEqual(current, schema)) return
    this.doc.transact(() => {
      for (const record of changed) writeRecord(this.kv, record, stored.get(record.id) ?? null)
      for (const id of removed) deleteRecord(this.kv, id, fieldNamesOf(stored.get(id)!))
      getMetaMap(this.doc).set(SCHEMA_KEY, current)
    }, LOCAL_ORIGIN)
  }

  private readonly onDocChange = (changes: KVChanges, transaction: Y.Transaction): void => {
    if (transaction.origin === LOCAL_ORIGIN) return
    const fromDoc = readRecordsById(this.kv, changedRecordIds(changes))
    const puts: JsonRecord[] = []
    const removes: string[] = []
    for (const [id, docRecord] of fromDoc) {
      const before = this.known.get(id) ?? null
      if (docRecord) this.known.set(id, docRecord)
      else this.known.delete(id)
      const local = this.store.get(id as TLRecord['id']) as unknown as JsonRecord | undefined
      if (!docRecord) {
        // A remote delete wins over unwritten local edits of the same record.
        if (local) removes.push(id)
        this.pending.delete(id)
        continue
      }
      if (this.pending.has(id)) {
        // Deleted here but not yet written: the delete goes out with the next flush.
        if (!local) continue
        puts.push(mergeUnwritten(local, before, docRecord))
      } else {
        puts.push(docRecord)
      }
    }
    const valid = this.validRecords(puts)
    if (valid.length === 0 && removes.length === 0) return
    this.store.mergeRemoteChanges(() => {
      if (removes.length) this.store.remove(removes as TLRecord['id'][])
      if (valid.length) this.store.put(valid)
    })
  }

  private isDocumentRecord(typeName: string): boolean {
    const type = (this.store.schema.types as Record<string, { scope: string } | undefined>)[typeName]
    return type?.scope === 'document'
  }

  /** Keeps the records this client can show: document-scoped and accepted by the schema. */
  private validRecords(records: Iterable<JsonRecord>): TLRecord[] {
    const out: TLRecord[] = []
    for (const record of records) {
      try {
        if (!this.isDocumentRecord(record.typeName))
          throw new Error(`not a document record: ${record.typeName}`)
        const type = (this.store.schema.types as Record<string, { validate(r: unknown): unknown }>)[
          record.typeName
        ]
        out.push(type.validate(record) as TLRecord)
      } catch (error) {
        this.options.onInvalidRecord?.(record, error)
      }
    }
    return out
  }
}

/**
 * The record to show when a remote edit arrives for a record with unwritten local edits:
 * fields the user changed since `base` (the document's previous value) keep the local value,
 * all other fields take the document's new value.
 */
export function mergeUnwritten(local: JsonRecord, base: JsonRecord | null, remote: JsonRecord): JsonRecord {
  if (!base) return local
  const localFields = new Map(recordToFields(local))
  const baseFields = new Map(recordToFields(base))
  const merged = new Map(recordToFields(remote))
  for (const [field, value] of localFields) {
    if (!jsonEqual(value, baseFields.get(field))) merged.set(field, value)
  }
  for (const field of baseFields.keys()) {
    if (!localFields.has(field)) merged.delete(field)
  }
  return fieldsToRecord(merged) ?? local
}

function now(): number {
  return Date.now()
}
