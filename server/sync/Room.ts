/**
 * One loaded document: its Y.Doc, awareness, connections and persistence. Speaks the standard
 * y-websocket protocol with each connection.
 *
 * Every document write runs through one promise queue per room, in arrival order, as
 * validate → append to storage → apply → relay. Nothing is relayed (and no sync reply shows
 * anything) before storage has it, so a crash loses nothing a client was told about.
 * Awareness does not touch storage and bypasses the queue.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { seedDocument } from '../../shared/docLayout'
import { blankPosterRecords, serializedPosterSchema } from '../../shared/posterSchema'
import { DocKind, PermissionDeniedReason, parseDocName } from '../../shared/protocol'
import type { Config } from '../config'
import type { DocumentStore } from '../storage/DocumentStore'
import { Connection, type ConnectionObserver } from './Connection'
import {
  type ClientFrame,
  decodeClientFrame,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './messages'
import type { SyncError } from './SyncError'
import type { Access, Fanout, Logger, RoomHooks, SyncSocket } from './types'
import { updateAddsContent } from './updateContent'
import { PosterUpdateValidator } from './updateValidator'

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
>

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
  /** Called when storage failed for a server-side write: the in-memory doc is no longer trusted. */
  onBroken?(room: Room): void
}

const LOAD_ORIGIN = Symbol('load')
const FANOUT_ORIGIN = Symbol('fanout')
const SERVER_ORIGIN = Symbol('server')

/** Document kinds whose updates are checked against the poster layout and schema. */
const POSTER_KINDS: ReadonlySet<string> = new Set([DocKind.Sandbox, DocKind.Poster, DocKind.Private])

/** The state of a blank sandbox poster. */
export function blankPosterState(): Uint8Array {
  const doc = new Y.Doc()
  seedDocument(doc, blankPosterRecords(), serializedPosterSchema())
  return Y.encodeStateAsUpdate(doc)
}

const now = () => performance.now() / 1000

/** A loaded document and its connections. */
export class Room {
  readonly name: string
  readonly kind: string
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  private readonly connections = new Set<Connection>()
  private validator: PosterUpdateValidator | null = null
  private queue: Promise<void> = Promise.resolve()
  private generated: Uint8Array[] = []
  private size = 0
  private pendingUpdates = 0
  private compaction: Promise<void> | null = null
  private destroyed = false

  private constructor(private readonly options: RoomOptions) {
    this.name = options.name
    this.kind = parseDocName(options.name)?.kind ?? ''
    // The server is not a participant: it must not announce an awareness state of its own.
    this.awareness.setLocalState(null)
  }

  /** Loads a document from storage, seeding it when storage has nothing. */
  static async load(options: RoomOptions): Promise<Room> {
    const room = new Room(options)
    try {
      await room.init()
    } catch (err) {
      room.destroy()
      throw err
    }
    return room
  }

  private async init(): Promise<void> {
    const { store, name, hooks, fanout } = this.options
    const state = await store.load(name)
    if (state) {
      Y.applyUpdate(this.doc, state, LOAD_ORIGIN)
      this.size = state.byteLength
      this.pendingUpdates = await store.pendingUpdates(name)
    } else {
      let initial = hooks?.initialState ? await hooks.initialState(name) : null
      if (!initial && this.kind === DocKind.Sandbox) initial = blankPosterState()
      if (initial) {
        // Stored before anyone sees it, like every other write.
        await store.append(name, initial)
        Y.applyUpdate(this.doc, initial, LOAD_ORIGIN)
        this.size = initial.byteLength
        this.pendingUpdates = 1
      }
    }
    if (POSTER_KINDS.has(this.kind)) this.validator = new PosterUpdateValidator(this.doc)
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
    if (fanout) await fanout.subscribe(name, this.onFanout)
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
    if (this.awareness.getStates().size > 0)
      conn.send(this.awarenessFrame([...this.awareness.getStates().keys()]))
    this.options.hooks?.onConnectionsChanged?.(this.name, this.connections.size)
    return conn
  }

  /** Removes a connection (socket closed); its awareness states are removed for everyone. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    const gone = [...conn.awarenessClients].filter((id) => this.awareness.states.has(id))
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, conn)
    this.options.hooks?.onConnectionsChanged?.(this.name, this.connections.size)
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
      case 'step1': {
        const { stateVector } = frame
        void this.enqueue(async () => conn.send(encodeSyncStep2(this.doc, stateVector)))
        return
      }
      case 'step2':
      case 'update': {
        const { update } = frame
        void this.enqueue(() => this.applyClientUpdate(conn, update, arrived))
        return
      }
      case 'awareness':
        for (const entry of frame.entries) {
          if (entry.state === null) conn.awarenessClients.delete(entry.clientID)
          else conn.awarenessClients.add(entry.clientID)
        }
        awarenessProtocol.applyAwarenessUpdate(this.awareness, frame.update, conn)
        return
      case 'queryAwareness':
        conn.send(this.awarenessFrame([...this.awareness.getStates().keys()]))
        return
      case 'auth':
        return
    }
  }

  /**
   * Runs a server-side edit (seeding, control doc, reveal): applied, persisted and broadcast
   * like a client update, in order with them.
   */
  transact(fn: (doc: Y.Doc) => void): Promise<void> {
    return this.enqueue(async () => {
      if (this.destroyed) throw new Error(`room ${this.name} is closed`)
      try {
        this.doc.transact(() => fn(this.doc), SERVER_ORIGIN)
      } finally {
        await this.persistGenerated()
      }
    })
  }

  /**
   * Merges what storage holds into the room (after the fan-out lost messages) and relays
   * whatever was missing to the clients.
   */
  mergeFromStorage(): Promise<void> {
    return this.enqueue(async () => {
      const state = await this.options.store.load(this.name)
      if (!state || this.destroyed) return
      const missing = Y.diffUpdate(state, Y.encodeStateVector(this.doc))
      if (!updateAddsContent(this.doc, missing)) return
      Y.applyUpdate(this.doc, missing, FANOUT_ORIGIN)
      this.broadcast(encodeUpdate(missing), null)
      await this.persistGenerated()
    })
  }

  /** Resolves once every queued write has been handled. */
  async flush(): Promise<void> {
    await this.queue
    await this.compaction
  }

  /** Closes every connection with a code. */
  closeAll(code: (typeof CloseCode)[keyof typeof CloseCode]): void {
    for (const conn of [...this.connections]) conn.close(code)
  }

  /** Releases the document, awareness and fan-out subscription. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
    this.options.fanout?.unsubscribe(this.name).catch((err) => {
      this.options.logger.warn('fanout unsubscribe failed', { doc: this.name, error: String(err) })
    })
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task)
    this.queue = run.catch((err) => {
      this.options.logger.error('room task failed', { doc: this.name, error: String(err) })
    })
    return run
  }

  private writable(conn: Connection): boolean {
    return this.kind !== DocKind.Control && conn.access.canWrite()
  }

  private async applyClientUpdate(conn: Connection, update: Uint8Array, arrived: number): Promise<void> {
    if (conn.closeCode !== null || this.destroyed) return
    const decoded = Y.decodeUpdate(update)
    // A reconnecting client's sync step 2 usually holds nothing new: no write, no refusal.
    if (!updateAddsContent(this.doc, decoded)) return
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
    const problem = this.validator?.check(decoded) ?? null
    if (problem) {
      this.refuse(conn, CloseCode.InvalidRecord, problem)
      return
    }
    const started = now()
    try {
      await this.options.store.append(this.name, update)
    } catch (err) {
      this.refuse(conn, CloseCode.StorageError, `append failed: ${String(err)}`, 'error')
      return
    }
    this.options.observer?.persisted?.(now() - started)
    this.noteStored(update)
    if (this.destroyed) return
    Y.applyUpdate(this.doc, update, conn)
    this.broadcast(encodeUpdate(update), conn)
    this.options.fanout?.publish(this.name, 'update', update)
    this.options.observer?.relayed?.(now() - arrived)
    this.notifyUpdate(update, conn.access)
    await this.persistGenerated()
  }

  /** Persists and relays updates the server made itself (transact, YKeyValue duplicate cleanup). */
  private async persistGenerated(): Promise<void> {
    if (this.generated.length === 0 || this.destroyed) return
    const update = this.generated.length === 1 ? this.generated[0] : Y.mergeUpdates(this.generated)
    this.generated = []
    const started = now()
    try {
      await this.options.store.append(this.name, update)
    } catch (err) {
      // The in-memory doc now holds a write storage lacks: drop the room so it reloads from storage.
      this.options.logger.error('storage failed for a server write', { doc: this.name, error: String(err) })
      this.closeAll(CloseCode.StorageError)
      this.options.onBroken?.(this)
      throw err
    }
    this.options.observer?.persisted?.(now() - started)
    this.noteStored(update)
    this.broadcast(encodeUpdate(update), null)
    this.options.fanout?.publish(this.name, 'update', update)
    this.notifyUpdate(update, null)
  }

  private noteStored(update: Uint8Array): void {
    this.size += update.byteLength
    this.pendingUpdates++
    if (this.compaction || this.pendingUpdates < this.options.limits.compactAfterUpdates) return
    const { store, logger } = this.options
    this.compaction = (async () => {
      try {
        await store.compact(this.name)
        this.pendingUpdates = await store.pendingUpdates(this.name)
        if (!this.destroyed) this.size = Y.encodeStateAsUpdate(this.doc).byteLength
      } catch (err) {
        logger.warn('compaction failed', { doc: this.name, error: String(err) })
        this.pendingUpdates = 0
      } finally {
        this.compaction = null
      }
    })()
  }

  private notifyUpdate(update: Uint8Array, access: Access | null): void {
    try {
      this.options.hooks?.onUpdate?.(this.name, update, access)
    } catch (err) {
      this.options.logger.error('onUpdate hook failed', { doc: this.name, error: String(err) })
    }
  }

  private broadcast(frame: Uint8Array, except: Connection | null): void {
    for (const conn of this.connections) if (conn !== except) conn.send(frame)
  }

  private awarenessFrame(clients: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
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

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin instanceof Connection || origin === LOAD_ORIGIN || origin === FANOUT_ORIGIN) return
    this.generated.push(update)
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    // Only changes that advanced a clock get here: clients echo every awareness update they
    // receive, and those echoes stop at this point instead of circling between clients.
    const clients = [...change.added, ...change.updated, ...change.removed]
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
    const frame = encodeAwareness(update)
    for (const conn of this.connections) if (conn !== origin) conn.send(frame)
    if (origin !== FANOUT_ORIGIN) this.options.fanout?.publish(this.name, 'awareness', update)
  }

  private readonly onFanout = (kind: 'update' | 'awareness', payload: Uint8Array): void => {
    if (this.destroyed) return
    if (kind === 'awareness') {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, FANOUT_ORIGIN)
      return
    }
    // Another instance stored this update already; apply and relay it in order with local writes.
    void this.enqueue(async () => {
      if (this.destroyed) return
      Y.applyUpdate(this.doc, payload, FANOUT_ORIGIN)
      this.size += payload.byteLength
      this.broadcast(encodeUpdate(payload), null)
      this.notifyUpdate(payload, null)
      await this.persistGenerated()
    })
  }
}
