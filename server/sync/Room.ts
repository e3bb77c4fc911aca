/**
 * One loaded document: its Y.Doc, awareness, connections and persistence. Speaks the standard
 * y-websocket protocol with each connection.
 *
 * Writes are handled in arrival order: checked and applied to `doc` (once), then handed to the
 * `WritePipeline`, which stores them (batching writes that arrive while an append is in
 * flight) and only then gives them back to be relayed. A sync step 2 answer waits until the
 * writes before it are stored, and is read from storage rather than `doc` while later writes
 * are still on their way: nothing is relayed, and no sync reply shows anything, before it is
 * durable, so a crash loses nothing a client was told about. Awareness does not touch storage.
 */
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { DocKind, parseDocName } from '../../shared/docNames'
import { PermissionDeniedReason } from '../../shared/protocol'
import type { Config } from '../config'
import type { DocumentStore } from '../storage/DocumentStore'
import { Compactor } from './Compactor'
import { Connection, type ConnectionObserver } from './Connection'
import { loadDocument } from './loadDocument'
import {
  type ClientFrame,
  decodeClientFrame,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2Of,
  encodeUpdate,
} from './messages'
import { PresenceRelay } from './PresenceRelay'
import type { SyncError } from './SyncError'
import type { Access, Fanout, Logger, RoomHooks, SyncSocket } from './types'
import { type DecodedUpdate, updateAddsContent } from './updateContent'
import { type AcceptedWrite, WritePipeline } from './WritePipeline'

/** Timings and counts a room reports; implemented by the metrics registry. */
export interface RoomObserver extends ConnectionObserver {
  /** A frame arrived from a client. */
  received?(bytes: number): void
  /** An update was appended to storage, taking `seconds`. */
  persisted?(seconds: number): void
  /** An update was relayed `seconds` after it arrived. */
  relayed?(seconds: number): void
}

/** The limits a room enforces. */
export type RoomLimits = Pick<
  Config,
  'maxMessageBytes' | 'maxDocumentBytes' | 'maxBufferedBytes' | 'compactAfterUpdates'
> &
  Partial<Pick<Config, 'awarenessHz' | 'maxAwarenessPerSecond'>>

/** Everything a room needs. */
export interface RoomOptions {
  name: string
  store: DocumentStore
  limits: RoomLimits
  logger: Logger
  fanout?: Fanout | null
  hooks?: RoomHooks
  observer?: RoomObserver
  /** Called when the last connection left. */
  onIdle?(room: Room): void
  /**
   * Called when storage refused a write the document already holds: the room has closed every
   * connection and must be dropped, so the next one loads the document from storage again.
   */
  onBroken?(room: Room): void
}

const LOAD_ORIGIN = Symbol('load')
const FANOUT_ORIGIN = Symbol('fanout')

/** Document kinds whose updates are checked against the poster layout and schema. */
const POSTER_KINDS: ReadonlySet<string> = new Set([
  DocKind.Sandbox,
  DocKind.Poster,
  DocKind.Private,
  DocKind.Synthesis,
])

const now = () => performance.now() / 1000

/** A loaded document and its connections. */
export class Room {
  readonly name: string
  readonly kind: string
  readonly doc = new Y.Doc()
  private readonly presence: PresenceRelay
  private readonly connections = new Set<Connection>()
  private pipeline: WritePipeline | null = null
  private size = 0
  private compactor: Compactor | null = null
  private destroyed = false

  private constructor(private readonly options: RoomOptions) {
    this.name = options.name
    this.kind = parseDocName(options.name)?.kind ?? ''
    this.presence = new PresenceRelay(
      this.doc,
      () => this.connections,
      options.fanout ? (update) => options.fanout?.publish(this.name, 'awareness', update) : null,
      options.limits,
    )
  }

  /** Loads a document from storage, seeding it when storage has nothing. */
  static async load(options: RoomOptions): Promise<Room> {
    const room = new Room(options)
    try {
      await room.init()
      const upgrade = options.hooks?.upgrade?.(options.name, room.doc)
      if (upgrade) await room.transact(upgrade)
    } catch (err) {
      room.destroy()
      throw err
    }
    return room
  }

  private async init(): Promise<void> {
    const { store, name, hooks, fanout } = this.options
    // Subscribe before reading storage: an update another instance stores and publishes while
    // this one loads is then either in the loaded state or delivered by the fan-out (Yjs
    // applies it in any order), never lost between the two.
    if (fanout) await fanout.subscribe(name, this.onFanout)
    const loaded = await loadDocument(this.doc, name, store, hooks, LOAD_ORIGIN)
    this.size = loaded.bytes
    this.compactor = new Compactor(
      store,
      name,
      this.options.limits.compactAfterUpdates,
      this.options.logger,
      loaded.pendingUpdates,
      () => {
        if (!this.destroyed) this.size = Y.encodeStateAsUpdate(this.doc).byteLength
      },
    )
    this.pipeline = new WritePipeline({
      name,
      store,
      doc: this.doc,
      validate: POSTER_KINDS.has(this.kind),
      logger: this.options.logger,
      onDurable: (writes, merged, seconds) => this.onDurable(writes, merged, seconds),
      onFailed: (writes) => this.onFailed(writes),
    })
    hooks?.afterLoad?.(name, this.doc)
  }

  /** The document's presence states (y-protocols awareness). */
  get awareness(): PresenceRelay['awareness'] {
    return this.presence.awareness
  }

  /** Number of open connections. */
  get connectionCount(): number {
    return this.connections.size
  }

  /** Adds a connection and starts the handshake (the server's sync step 1 and current awareness). */
  join(socket: SyncSocket, access: Access): Connection {
    const conn = new Connection(
      socket,
      access,
      this.options.limits.maxBufferedBytes,
      this.options.observer,
      (c) => this.leave(c),
    )
    this.connections.add(conn)
    conn.send(encodeSyncStep1(this.doc))
    const presence = this.presence.frameOfAll()
    if (presence) conn.send(presence)
    return conn
  }

  /** Removes a connection (socket closed); its awareness states are removed for everyone. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    this.presence.forget(conn)
    if (this.connections.size === 0) this.options.onIdle?.(this)
  }

  /** Handles one binary frame from a connection. Never throws: errors close that connection only. */
  receive(conn: Connection, data: Uint8Array): void {
    if (conn.closeCode !== null || this.destroyed) return
    const arrived = now()
    this.options.observer?.received?.(data.byteLength)
    if (data.byteLength > this.options.limits.maxMessageBytes) {
      this.refuse(conn, CloseCode.MessageTooLarge, `message of ${data.byteLength} bytes`)
      return
    }
    let frame: ClientFrame
    try {
      frame = decodeClientFrame(data)
    } catch (err) {
      this.refuse(conn, CloseCode.MalformedMessage, (err as Error).message)
      return
    }
    switch (frame.type) {
      case 'step1':
        this.answerStep1(conn, frame.stateVector)
        return
      case 'step2':
        this.receiveUpdate(conn, frame.update, frame.decoded, arrived, null)
        return
      case 'update':
        this.receiveUpdate(conn, frame.update, frame.decoded, arrived, frame.relay)
        return
      case 'awareness':
        this.presence.receive(conn, frame.entries, frame.relay)
        return
      case 'queryAwareness': {
        const presence = this.presence.frameOfAll()
        if (presence) conn.send(presence)
        return
      }
      case 'auth':
        return
    }
  }

  /**
   * Runs a server-side edit (seeding, control doc, reveal): applied, persisted and broadcast
   * like a client update, in order with them.
   */
  transact(fn: (doc: Y.Doc) => void): Promise<void> {
    if (this.destroyed || !this.pipeline) return Promise.reject(new Error(`room ${this.name} is closed`))
    return this.pipeline.transact(fn)
  }

  /**
   * Reads the document as stored: from `doc` once every write accepted so far has reached
   * storage; while later writes are still on their way, from storage (as a sync answer does).
   */
  async read<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    await this.pipeline?.whenSettled()
    if (this.destroyed) throw new Error(`room ${this.name} is closed`)
    if (!this.pipeline?.pending) return fn(this.doc)
    const stored = await this.options.store.load(this.name)
    const doc = new Y.Doc()
    try {
      if (stored) Y.applyUpdate(doc, stored)
      return fn(doc)
    } finally {
      doc.destroy()
    }
  }

  /**
   * Merges what storage holds into the room (after the fan-out lost messages) and relays
   * whatever was missing to the clients.
   */
  async mergeFromStorage(): Promise<void> {
    const state = await this.options.store.load(this.name)
    if (!state || this.destroyed) return
    const missing = Y.diffUpdate(state, Y.encodeStateVector(this.doc))
    if (!updateAddsContent(this.doc, missing)) return
    this.applyDurable(missing)
  }

  /** Resolves once every queued write has been handled. */
  async flush(): Promise<void> {
    await this.pipeline?.flushed()
    await this.compactor?.idle()
  }

  /** Closes every connection with a code. */
  closeAll(code: (typeof CloseCode)[keyof typeof CloseCode]): void {
    for (const conn of [...this.connections]) conn.close(code)
  }

  /** Releases the document, awareness and fan-out subscription. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.pipeline?.destroy()
    this.presence.destroy()
    this.doc.destroy()
    this.options.fanout?.unsubscribe(this.name).catch((err) => {
      this.options.logger.warn('fanout unsubscribe failed', { doc: this.name, error: String(err) })
    })
  }

  /**
   * Answers a sync step 1 once every write accepted before it is stored, so a client may take
   * the answer as confirmation that its earlier updates are durable. The answer never shows
   * anything that is not stored: while later writes are still on their way to storage it is
   * read from storage instead of `doc`.
   */
  private answerStep1(conn: Connection, stateVector: Uint8Array): void {
    const settled = this.pipeline?.whenSettled() ?? null
    if (!settled && !conn.replies && !this.pipeline?.pending) {
      conn.send(encodeSyncStep2(this.doc, stateVector))
      return
    }
    const reply = (conn.replies ?? Promise.resolve())
      .then(() => settled)
      .then(async () => {
        if (this.destroyed) return
        if (!this.pipeline?.pending) {
          conn.send(encodeSyncStep2(this.doc, stateVector))
          return
        }
        const stored = await this.options.store.load(this.name)
        if (this.destroyed) return
        conn.send(encodeSyncStep2Of(stored ?? new Uint8Array([0, 0]), stateVector))
      })
      .catch((err) => {
        this.refuse(conn, CloseCode.StorageError, `sync answer failed: ${String(err)}`, 'error')
      })
    conn.replies = reply
    void reply.finally(() => {
      if (conn.replies === reply) conn.replies = null
    })
  }

  private writable(conn: Connection): boolean {
    return this.kind !== DocKind.Control && conn.access.canWrite()
  }

  /** `relay`: the frame as received, when it can be relayed as it is (a sync update message). */
  private receiveUpdate(
    conn: Connection,
    update: Uint8Array,
    decoded: DecodedUpdate,
    arrived: number,
    relay: Uint8Array | null,
  ): void {
    const pipeline = this.pipeline
    if (!pipeline) return
    // A reconnecting client's sync step 2 usually holds nothing new: no write, no refusal.
    if (!pipeline.addsContent(decoded)) return
    if (!this.writable(conn)) {
      conn.send(encodePermissionDenied(PermissionDeniedReason.ReadOnly))
      return
    }
    if (this.size + update.byteLength > this.options.limits.maxDocumentBytes) {
      this.refuse(
        conn,
        CloseCode.DocumentTooLarge,
        `document would exceed ${this.options.limits.maxDocumentBytes} bytes`,
      )
      return
    }
    let problem: string | null
    try {
      problem = pipeline.check(decoded)
    } catch (err) {
      // A structure the checks did not foresee is refused, never applied.
      problem = `update could not be checked: ${String(err)}`
    }
    if (problem) {
      this.refuse(conn, CloseCode.InvalidRecord, problem)
      return
    }
    this.size += update.byteLength
    pipeline.accept(update, conn, arrived, relay)
  }

  /** A batch reached storage: apply it to the document and relay each write, in order. */
  private onDurable(writes: AcceptedWrite[], merged: Uint8Array, seconds: number): void {
    if (this.destroyed) return
    const { observer, fanout } = this.options
    observer?.persisted?.(seconds)
    this.compactor?.appended()
    const done = now()
    for (const write of writes) {
      this.broadcast(write.frame ?? encodeUpdate(write.update), write.from)
      if (write.from) observer?.relayed?.(done - write.arrived)
    }
    fanout?.publish(this.name, 'update', merged)
  }

  /**
   * Storage refused writes: their senders are told (StorageError); nothing was relayed. The
   * document holds them, so the room closes: everyone else reconnects (Restarting) to a room
   * loaded again from storage, and re-sends what it has in its sync step 2.
   */
  private onFailed(writes: AcceptedWrite[]): void {
    for (const conn of new Set(writes.map((w) => w.from))) {
      if (conn) this.refuse(conn, CloseCode.StorageError, 'storage refused the write', 'error')
    }
    this.closeAll(CloseCode.Restarting)
    this.options.onBroken?.(this)
    this.destroy()
  }

  /** Applies an update that is durable already (another instance, storage) and relays it. */
  private applyDurable(update: Uint8Array): void {
    if (this.destroyed) return
    if (this.pipeline) this.pipeline.applyDurable(update)
    else Y.applyUpdate(this.doc, update, FANOUT_ORIGIN)
    this.size += update.byteLength
    this.broadcast(encodeUpdate(update), null)
  }

  private broadcast(frame: Uint8Array, except: Connection | null): void {
    for (const conn of this.connections) if (conn !== except) conn.send(frame)
  }

  private refuse(
    conn: Connection,
    code: SyncError['closeCode'],
    detail: string,
    level: 'warn' | 'error' = 'warn',
  ): void {
    this.options.logger[level]('connection closed', { doc: this.name, code, detail, role: conn.access.role })
    conn.close(code)
  }

  private readonly onFanout = (kind: 'update' | 'awareness', payload: Uint8Array): void => {
    if (this.destroyed) return
    if (kind === 'awareness') {
      this.presence.applyRemote(payload)
      return
    }
    // Another instance stored this update already.
    this.applyDurable(payload)
  }
}
