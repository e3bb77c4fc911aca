/**
 * Loads each document once, hands connections to its room, and unloads rooms nobody uses.
 * Concurrent first connections share one load (`Map<string, Promise<Room>>`); frames that
 * arrive while a room loads are queued per connection and replayed in order.
 */
import type * as Y from 'yjs'
import { CloseCode, type CloseCodeValue, CloseReason } from '../../shared/closeCodes'
import { DocKind, parseDocName } from '../../shared/docNames'
import type { Config } from '../config'
import type { DocumentStore } from '../storage/DocumentStore'
import type { Connection } from './Connection'
import { Room, type RoomObserver } from './Room'
import { closeCodeOf, SyncError } from './SyncError'
import type { Access, Authorize, Fanout, Logger, RoomHooks, SyncSocket } from './types'

/** What the registry needs. */
export interface RoomRegistryOptions {
  store: DocumentStore
  config: Pick<
    Config,
    | 'maxMessageBytes'
    | 'maxDocumentBytes'
    | 'maxBufferedBytes'
    | 'compactAfterUpdates'
    | 'maxQueuedMessages'
    | 'roomUnloadGraceMs'
  > &
    Partial<Pick<Config, 'awarenessHz' | 'maxAwarenessPerSecond' | 'maxSandboxBytes'>>
  logger: Logger
  fanout?: Fanout | null
  /** Decides who may open a document (called for every new connection, before `connect`). */
  authorize: Authorize
  /** The domain's hooks, in order (see `RoomHooks`). */
  hooks?: readonly RoomHooks[]
  observer?: RoomObserver
}

/**
 * One `RoomHooks` calling `list` in order: the first non-null initial state; every upgrade
 * (one edit running each hook's in turn); every `afterLoad`.
 */
export function composeHooks(list: readonly RoomHooks[]): RoomHooks {
  return {
    upgrade: (docName, doc) => {
      const edits = list.flatMap((hooks) => hooks.upgrade?.(docName, doc) ?? [])
      if (edits.length === 0) return null
      return (target) => {
        for (const edit of edits) edit(target)
      }
    },
    initialState: async (docName) => {
      for (const hooks of list) {
        const state = hooks.initialState ? await hooks.initialState(docName) : null
        if (state) return state
      }
      return null
    },
    afterLoad: (docName, doc) => {
      for (const hooks of list) hooks.afterLoad?.(docName, doc)
    },
  }
}

/** The handle a transport keeps for one socket: feed it frames, tell it when the socket closed. */
export interface ConnectionHandle {
  /** Passes one binary frame from the client. */
  receive(data: Uint8Array): void
  /** The socket closed (by either side). */
  closed(): void
}

/** Rooms by document name. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>()
  private readonly loaded = new Map<string, Room>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>()
  private readonly holds = new Map<string, number>()
  private closing = false
  private readonly hooks: RoomHooks

  constructor(private readonly options: RoomRegistryOptions) {
    this.hooks = composeHooks(options.hooks ?? [])
  }

  /** What a token may do with a document; throws (with a close code) to refuse. */
  authorize(docName: string, token: string | null): Promise<Access> {
    return this.options.authorize(docName, token)
  }

  /** Number of loaded rooms. */
  get size(): number {
    return this.loaded.size
  }

  /** Open connections over all rooms. */
  get connectionCount(): number {
    let n = 0
    for (const room of this.loaded.values()) n += room.connectionCount
    return n
  }

  /** The room of a document, loading it (once) when needed. */
  get(docName: string): Promise<Room> {
    if (this.closing)
      return Promise.reject(new SyncError(CloseCode.Restarting, 'the server is shutting down'))
    this.cancelUnload(docName)
    let room = this.rooms.get(docName)
    if (!room) {
      room = this.load(docName)
      this.rooms.set(docName, room)
      room.catch(() => {
        if (this.rooms.get(docName) === room) this.rooms.delete(docName)
      })
    }
    return room
  }

  /** Connects a socket to a document; frames are queued until its room has loaded. */
  connect(docName: string, socket: SyncSocket, access: Access): ConnectionHandle {
    const queued: Uint8Array[] = []
    let queuedBytes = 0
    let conn: Connection | null = null
    let room: Room | null = null
    let gone = false
    const { maxQueuedMessages, maxMessageBytes } = this.options.config
    // Frames wait in memory while the room loads: bounded in number and in bytes.
    const maxQueuedBytes = maxMessageBytes * 4
    const refuse = (code: CloseCodeValue) => {
      gone = true
      queued.length = 0
      this.options.observer?.closedWith?.(code)
      socket.close(code, CloseReason[code])
    }
    this.hold(docName)
    this.get(docName)
      .then((loadedRoom) => {
        if (gone || socket.readyState > 1) return
        room = loadedRoom
        conn = loadedRoom.join(socket, access)
        for (const data of queued.splice(0)) loadedRoom.receive(conn, data)
      })
      .catch((err) => {
        this.options.logger.warn('room load failed', { doc: docName, error: String(err) })
        if (!gone) refuse((closeCodeOf(err) as CloseCodeValue | null) ?? CloseCode.StorageError)
      })
      .finally(() => this.release(docName))
    return {
      receive: (data) => {
        if (gone) return
        if (conn && room) {
          room.receive(conn, data)
        } else if (data.byteLength > maxMessageBytes) {
          refuse(CloseCode.MessageTooLarge)
        } else if (queued.length >= maxQueuedMessages || queuedBytes + data.byteLength > maxQueuedBytes) {
          refuse(CloseCode.QueueOverflow)
        } else {
          queued.push(data)
          queuedBytes += data.byteLength
        }
      },
      closed: () => {
        gone = true
        queued.length = 0
        if (conn && room) room.leave(conn)
      },
    }
  }

  /**
   * Runs a server-side edit of a document (loading it if needed), persisted and broadcast
   * like a client update. The room stays loaded while the edit runs.
   */
  async transact(docName: string, fn: (doc: Y.Doc) => void): Promise<void> {
    this.hold(docName)
    try {
      const room = await this.get(docName)
      await room.transact(fn)
    } finally {
      this.release(docName)
    }
  }

  /** Reads a document as stored (`Room.read`), loading its room when needed. */
  async read<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T> {
    this.hold(docName)
    try {
      return await (await this.get(docName)).read(fn)
    } finally {
      this.release(docName)
    }
  }

  /**
   * Deletes a document: its open connections are closed with NotFound once pending writes
   * landed, the room is unloaded, and storage forgets it.
   */
  async deleteDocument(docName: string): Promise<void> {
    this.cancelUnload(docName)
    const loading = this.rooms.get(docName)
    const room = loading ? await loading.catch(() => null) : null
    if (room) {
      await room.flush().catch(() => {})
      room.closeAll(CloseCode.NotFound)
      if (this.loaded.get(docName) === room) {
        this.loaded.delete(docName)
        this.rooms.delete(docName)
      }
      room.destroy()
    }
    await this.unloading.get(docName)
    await this.options.store.delete(docName)
  }

  /** Merges storage into the loaded rooms of these documents (fan-out messages may be lost). */
  async resync(docNames: string[]): Promise<void> {
    await Promise.allSettled(docNames.map((name) => this.loaded.get(name)?.mergeFromStorage()))
  }

  /** Finishes pending writes, closes every connection with `code` and unloads every room. */
  async closeAll(code: CloseCodeValue = CloseCode.Restarting): Promise<void> {
    this.closing = true
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    // Rooms still loading are dropped when their load finishes (see `load`); storage that hangs
    // must not hang the shutdown.
    for (const room of [...this.loaded.values()]) {
      await room.flush().catch(() => {})
      room.closeAll(code)
      room.destroy()
    }
    await Promise.allSettled([...this.unloading.values()])
    this.rooms.clear()
    this.loaded.clear()
  }

  private async load(docName: string): Promise<Room> {
    // A room that is still unloading may have writes in flight: load only after they landed.
    await this.unloading.get(docName)
    const started = performance.now()
    const room = await Room.load({
      name: docName,
      store: this.options.store,
      // Anonymous sandbox posters get the smaller bound of the sandbox quota.
      limits:
        parseDocName(docName)?.kind === DocKind.Sandbox && this.options.config.maxSandboxBytes
          ? { ...this.options.config, maxDocumentBytes: this.options.config.maxSandboxBytes }
          : this.options.config,
      logger: this.options.logger,
      fanout: this.options.fanout,
      hooks: this.hooks,
      observer: this.options.observer,
      onIdle: () => this.scheduleUnload(docName),
      onBroken: (broken) => this.discard(docName, broken),
    })
    if (this.closing) {
      room.destroy()
      throw new SyncError(CloseCode.Restarting, 'the server is shutting down')
    }
    this.loaded.set(docName, room)
    this.options.logger.info('room loaded', { doc: docName, ms: Math.round(performance.now() - started) })
    return room
  }

  private hold(docName: string): void {
    this.holds.set(docName, (this.holds.get(docName) ?? 0) + 1)
    this.cancelUnload(docName)
  }

  private release(docName: string): void {
    const n = (this.holds.get(docName) ?? 1) - 1
    if (n > 0) {
      this.holds.set(docName, n)
      return
    }
    this.holds.delete(docName)
    const room = this.loaded.get(docName)
    if (room && room.connectionCount === 0) this.scheduleUnload(docName)
  }

  private cancelUnload(docName: string): void {
    const timer = this.unloadTimers.get(docName)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(docName)
  }

  private scheduleUnload(docName: string): void {
    if (this.closing) return
    this.cancelUnload(docName)
    const timer = setTimeout(() => {
      this.unloadTimers.delete(docName)
      const room = this.loaded.get(docName)
      if (!room || room.connectionCount > 0 || this.holds.has(docName)) return
      this.drop(docName, room)
    }, this.options.config.roomUnloadGraceMs)
    timer.unref?.()
    this.unloadTimers.set(docName, timer)
  }

  /** Forgets a room that closed itself (storage refused a write); the next use loads it again. */
  private discard(docName: string, room: Room): void {
    this.cancelUnload(docName)
    if (this.loaded.get(docName) !== room) return
    this.loaded.delete(docName)
    this.rooms.delete(docName)
    this.options.logger.warn('room reloads from storage after a refused write', { doc: docName })
  }

  private drop(docName: string, room: Room): void {
    if (this.loaded.get(docName) !== room) return
    this.loaded.delete(docName)
    this.rooms.delete(docName)
    this.cancelUnload(docName)
    const done = room
      .flush()
      .catch(() => {})
      .then(() => {
        room.closeAll(CloseCode.Restarting)
        room.destroy()
        this.options.logger.info('room unloaded', { doc: docName })
      })
      .finally(() => {
        if (this.unloading.get(docName) === done) this.unloading.delete(docName)
      })
    this.unloading.set(docName, done)
  }
}
