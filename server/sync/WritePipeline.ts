/**
 * The write path of one document, with group commit.
 *
 * One document: incoming updates are validated against it and applied to it at once, so a
 * write may build on the one before it; each update is applied once. What leaves the server
 * waits for storage instead: writes that accumulate while an append is in flight go to storage
 * together as one merged update, and only after the append resolved are they handed back, in
 * order, to be relayed. Sync step 2 answers are held back the same way (see `Room`). If storage
 * refuses a batch the document holds writes storage does not have, so the room is reloaded
 * (`onFailed`).
 */
import * as Y from 'yjs'
import { getRecordKV } from '../../shared/docLayout'
import type { DocumentStore } from '../storage/DocumentStore'
import { Connection } from './Connection'
import type { Logger } from './types'
import { type DecodedUpdate, updateAddsContent } from './updateContent'
import { PosterUpdateValidator } from './updateValidator'

/** A write accepted into the document and waiting for (or past) storage. */
export interface AcceptedWrite {
  update: Uint8Array
  /** The sync update frame it arrived in, relayed as it is; null: encode one. */
  frame?: Uint8Array | null
  /** The connection it came from; null for the server's own writes. */
  from: Connection | null
  /** When its frame arrived (performance.now() seconds), for relay latency. */
  arrived: number
  /** Settles a `transact` waiting for this write. */
  settle?: (err?: unknown) => void
  /** Position in the order of acceptance. */
  seq?: number
}

/** What the pipeline needs. */
export interface WritePipelineOptions {
  name: string
  store: DocumentStore
  /** The room's document, as loaded from storage; writes are applied to it. */
  doc: Y.Doc
  /** Whether writes are checked against the poster layout and schema. */
  validate: boolean
  logger: Logger
  /** A batch is durable: relay these writes, in order. */
  onDurable(writes: AcceptedWrite[], merged: Uint8Array, seconds: number): void
  /**
   * A batch (and everything accepted after it) could not be stored; nothing of it is durable,
   * and the document holds it: the owner must reload the document from storage.
   */
  onFailed(writes: AcceptedWrite[], err: unknown): void
}

/** Origin of updates that are already durable (the initial copy, other instances). */
const DURABLE_ORIGIN = Symbol('durable')
/** Origin of server-side edits. */
const SERVER_ORIGIN = Symbol('server')
const now = () => performance.now() / 1000

/** Validates, batches and persists the writes of one document. */
export class WritePipeline {
  private readonly doc: Y.Doc
  private validator: PosterUpdateValidator | null = null
  private waiting: AcceptedWrite[] = []
  private flushing: Promise<void> | null = null
  private generated: Uint8Array[] = []
  private closed = false
  private acceptedSeq = 0
  private settledSeq = 0
  private waiters: Array<{ target: number; resolve: () => void }> = []

  constructor(private readonly options: WritePipelineOptions) {
    this.doc = options.doc
    // Client updates are stored as received; only the server's own changes (transact edits and
    // the records store removing duplicate keys after concurrent sets) must be encoded and
    // stored. Yjs encodes an update for every transaction while an 'update' listener exists,
    // so the listener is attached just before Yjs looks for it, and only for the server's
    // transactions.
    this.doc.on('afterTransactionCleanup', this.toggleCapture)
    if (options.validate) {
      this.validator = new PosterUpdateValidator(this.doc)
      // The server removes the losing entries of concurrent writes of one key; clients only
      // read past them (a read-only client must never write).
      const kv = getRecordKV(this.doc)
      kv.cleanUpDuplicates = true
      this.doc.transact(() => kv.cleanUp(), SERVER_ORIGIN)
    }
    this.takeGenerated(now())
    this.startFlush()
  }

  /** True while some accepted write is not stored yet: the document holds more than storage. */
  get pending(): boolean {
    return this.settledSeq < this.acceptedSeq
  }

  /** True when the update would change the document (counting writes not yet stored). */
  addsContent(decoded: DecodedUpdate): boolean {
    return updateAddsContent(this.doc, decoded)
  }

  /** Null when the update may be written, else what is wrong with it. */
  check(decoded: DecodedUpdate): string | null {
    return this.validator?.check(decoded) ?? null
  }

  /** Takes a checked client update: applied to the document now, stored with the next batch. */
  accept(update: Uint8Array, from: Connection, arrived: number, frame: Uint8Array | null = null): void {
    Y.applyUpdate(this.doc, update, from)
    this.enqueue({ update, frame, from, arrived })
    this.takeGenerated(arrived)
    this.startFlush()
  }

  /** Runs a server-side edit on the document; resolves once it is stored (and relayed). */
  transact(fn: (doc: Y.Doc) => void): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`document ${this.options.name} is closed`))
    const arrived = now()
    let failure: unknown = null
    try {
      this.doc.transact(() => fn(this.doc), SERVER_ORIGIN)
    } catch (err) {
      // Whatever the edit changed before it threw is in the document and must be stored too.
      failure = err
    }
    if (this.generated.length === 0) return failure ? Promise.reject(failure) : Promise.resolve()
    const update = this.generated.length === 1 ? this.generated[0] : Y.mergeUpdates(this.generated)
    this.generated = []
    const stored = new Promise<void>((resolve, reject) => {
      this.enqueue({
        update,
        from: null,
        arrived,
        settle: (err?: unknown) => (err ? reject(err) : resolve()),
      })
    })
    this.startFlush()
    return failure ? stored.then(() => Promise.reject(failure)) : stored
  }

  /** Applies an update that is durable elsewhere (another instance, storage) to the document. */
  applyDurable(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, DURABLE_ORIGIN)
    // Duplicate cleanup this triggers is ours to store.
    this.takeGenerated(now())
    this.startFlush()
  }

  /**
   * Null when every write accepted so far has been stored (or refused by storage); otherwise a
   * promise for that moment. Writes accepted later do not delay it.
   */
  whenSettled(): Promise<void> | null {
    if (this.settledSeq >= this.acceptedSeq) return null
    const target = this.acceptedSeq
    return new Promise((resolve) => this.waiters.push({ target, resolve }))
  }

  /** Resolves when every accepted write has been stored (or failed). */
  async flushed(): Promise<void> {
    while (this.flushing) await this.flushing
  }

  /** Stops accepting; pending writes fail. The document stays with its owner. */
  destroy(): void {
    this.closed = true
    this.doc.off('afterTransactionCleanup', this.toggleCapture)
    this.doc.off('update', this.capture)
    const closed = new Error(`document ${this.options.name} was closed before the write was stored`)
    for (const write of this.waiting.splice(0)) write.settle?.(closed)
    this.settleUpTo(this.acceptedSeq)
  }

  private readonly capture = (update: Uint8Array): void => {
    this.generated.push(update)
  }

  private readonly toggleCapture = (transaction: Y.Transaction): void => {
    const origin = transaction.origin
    if (origin === DURABLE_ORIGIN || origin instanceof Connection) this.doc.off('update', this.capture)
    else this.doc.on('update', this.capture)
  }

  private takeGenerated(arrived: number): void {
    if (this.generated.length === 0) return
    for (const update of this.generated.splice(0)) this.enqueue({ update, from: null, arrived })
  }

  private enqueue(write: AcceptedWrite): void {
    write.seq = ++this.acceptedSeq
    this.waiting.push(write)
  }

  private settleUpTo(seq: number): void {
    this.settledSeq = Math.max(this.settledSeq, seq)
    const ready = this.waiters.filter((w) => w.target <= this.settledSeq)
    if (ready.length === 0) return
    this.waiters = this.waiters.filter((w) => w.target > this.settledSeq)
    for (const waiter of ready) waiter.resolve()
  }

  private startFlush(): void {
    if (this.flushing || this.closed) return
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null
    })
  }

  private async flushLoop(): Promise<void> {
    while (this.waiting.length > 0 && !this.closed) {
      const batch = this.waiting.splice(0)
      const merged = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((w) => w.update))
      const started = now()
      try {
        await this.options.store.append(this.options.name, merged)
      } catch (err) {
        this.fail(batch, err)
        return
      }
      this.options.onDurable(batch, merged, now() - started)
      for (const write of batch) write.settle?.()
      this.settleUpTo(batch[batch.length - 1].seq ?? 0)
    }
  }

  /**
   * Storage refused a batch. Writes accepted after it were validated against a document that
   * held it, so they fail with it; the owner reloads the document from storage.
   */
  private fail(batch: AcceptedWrite[], err: unknown): void {
    const lost = [...batch, ...this.waiting.splice(0)]
    this.generated = []
    this.closed = true
    this.options.logger.error('storage refused a write', {
      doc: this.options.name,
      writes: lost.length,
      error: String(err),
    })
    for (const write of lost) write.settle?.(err)
    this.settleUpTo(lost[lost.length - 1].seq ?? 0)
    this.options.onFailed(lost, err)
  }
}
