/**
 * One live document on this device: its Y.Doc kept in sync over one y-websocket connection,
 * optionally with an IndexedDB copy and a presence (awareness) entry, and the connection state
 * pages show (online / offline / saving / saved / refused). Every page that holds a live
 * document opens it through this class, so reconnecting, close codes, permission-denied
 * answers and the browser's offline/online events are handled the same way everywhere.
 *
 * Reconnecting is ours, not the provider's: jittered backoff, never after a fatal close code,
 * and at once when the browser says the network or the tab is back. When the browser says the
 * network is gone the socket is dropped at once instead of waiting for the provider's 30 s
 * silence watchdog, so the page can say "offline" while the user is still looking.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as authProtocol from 'y-protocols/auth'
import { Awareness } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { FATAL_CLOSE_CODES } from '../../shared/closeCodes'
import { MessageType, PermissionDeniedReason, SyncMessageType } from '../../shared/protocol'
import { nextBackoffMs } from './backoff'
import { localCopyName } from './localCopies'
import { markOffline } from './offlineDocs'
import { syncServerUrl } from './syncUrl'

/** What a connection indicator shows. */
export type ConnectionStatus = 'connecting' | 'offline' | 'saving' | 'saved' | 'refused'

/** A snapshot of the connection state. */
export interface ConnectionState {
  status: ConnectionStatus
  /** True once the document can be shown: synced with the server or read from IndexedDB. */
  ready: boolean
  /** True while connected and synced with the server. */
  synced: boolean
  /** True once the IndexedDB copy has been read (whether or not it held the document). */
  localLoaded: boolean
  /** The server refuses edits from this connection (screen, locked round, other table). */
  readOnly: boolean
  /** Reason of the last permission-denied answer (a write the server refused), or null. */
  denied: string | null
  /** Local edits not yet confirmed by the server (also while offline). */
  unsaved: boolean
  /** Number of local edits the server has confirmed; compare with `editCount()`. */
  confirmed: number
  /** The close code that made us stop reconnecting, when refused. */
  closeCode: number | null
}

/** Options of a document connection. */
export interface DocConnectionOptions {
  docName: string
  /** Participant or staff token, sent as `?token=` on the WebSocket. */
  token?: string | null
  /** Base URL of the sync server, default this origin's sync endpoint. */
  serverUrl?: string
  /** Keep an IndexedDB copy, shared by every page of this device that opens the document. */
  persist?: boolean
  /**
   * Announce this device in the document's awareness (default true). Watchers (wall tiles,
   * projector, control document) pass false, so watching a table never shows up as a person at it.
   */
  presence?: boolean
  /** When the document may be shown once synced or loaded (default: always). */
  isReady?: (doc: Y.Doc) => boolean
  /** Close codes after which reconnecting cannot succeed (default `FATAL_CLOSE_CODES`). */
  fatalCloseCodes?: ReadonlySet<number>
  /**
   * Open the socket at once (default true); otherwise on `connect()`. Wall tiles drawn from
   * records fetched beforehand open theirs once the page has drawn them.
   */
  connect?: boolean
  /** WebSocket implementation where the platform has none (Node tests). */
  WebSocketPolyfill?: typeof WebSocket
}

/** Quiet time after a local edit before asking the server to confirm it. */
const CONFIRM_DELAY_MS = 250

/** The state of a connection before anything happened (also what a page shows without one). */
export const INITIAL_CONNECTION_STATE: ConnectionState = Object.freeze({
  status: 'connecting',
  ready: false,
  synced: false,
  localLoaded: false,
  readOnly: false,
  denied: null,
  unsaved: false,
  confirmed: 0,
  closeCode: null,
})

/** Owns one live document and everything that keeps it in sync. */
export class DocConnection {
  readonly doc = new Y.Doc()
  readonly awareness = new Awareness(this.doc)
  readonly provider: WebsocketProvider
  private readonly local: IndexeddbPersistence | null = null
  private state: ConnectionState = INITIAL_CONNECTION_STATE
  private readonly listeners = new Set<() => void>()
  private readonly isReady: (doc: Y.Doc) => boolean
  private readonly fatal: ReadonlySet<number>
  /** Local edits counted, and the count the server has confirmed by a round trip. */
  private editSeq = 0
  private readonly inFlight: number[] = []
  private confirmTimer: ReturnType<typeof setTimeout> | null = null
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private attempts = 0
  /** The server refused a write on the current socket: its round trips confirm nothing. */
  private refusedOnSocket = false
  private destroyed = false

  constructor(readonly options: DocConnectionOptions) {
    this.isReady = options.isReady ?? (() => true)
    this.fatal = options.fatalCloseCodes ?? FATAL_CLOSE_CODES
    if (options.presence === false) this.awareness.setLocalState(null)
    const params: Record<string, string> = options.token ? { token: options.token } : {}
    this.provider = new WebsocketProvider(options.serverUrl ?? syncServerUrl(), options.docName, this.doc, {
      awareness: this.awareness,
      params,
      // Tabs go through the server, which enforces who may edit.
      disableBc: true,
      // Reconnecting is ours to schedule (jittered, and never after a fatal close).
      shouldReconnect: () => false,
      connect: options.connect ?? true,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    })
    this.hookProtocol()
    this.provider.on('status', () => this.update())
    this.provider.on('sync', (synced: boolean) => {
      if (synced) {
        this.attempts = 0
        this.checkReady()
        this.requestConfirmation()
      }
      this.update()
    })
    this.doc.on('update', this.onDocUpdate)
    if (options.persist && typeof indexedDB !== 'undefined') {
      this.local = new IndexeddbPersistence(localCopyName(options.docName), this.doc)
      this.local.whenSynced.then(() => {
        if (this.destroyed) return
        this.set({ localLoaded: true })
        this.checkReady()
      })
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.reconnectNow)
      window.addEventListener('offline', this.dropSocket)
      document.addEventListener('visibilitychange', this.onVisible)
      // Opened while the browser already knows it is offline: say so at once.
      if (typeof navigator !== 'undefined' && navigator.onLine === false) this.dropSocket()
    }
  }

  /** The current state (same object until something changes). */
  getState = (): ConnectionState => this.state

  /** Subscribes to state changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** True when the IndexedDB copy has been read (whether or not it held the document). */
  hasLocalCopyLoaded(): boolean {
    return this.state.localLoaded
  }

  /** How many local edits this connection has made; an edit is confirmed once `confirmed` reaches it. */
  editCount(): number {
    return this.editSeq
  }

  /** Opens the socket of a connection created with `connect: false` (no-op when open or opening). */
  connect(): void {
    if (!this.provider.ws) this.reconnectNow()
  }

  /** Closes the socket and the local copy; the document stays in IndexedDB. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (this.confirmTimer) clearTimeout(this.confirmTimer)
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.reconnectNow)
      window.removeEventListener('offline', this.dropSocket)
      document.removeEventListener('visibilitychange', this.onVisible)
    }
    markOffline(this, false)
    this.doc.off('update', this.onDocUpdate)
    this.provider.destroy()
    this.local?.destroy()
    this.awareness.destroy()
    this.doc.destroy()
    this.listeners.clear()
  }

  private set(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch }
    if (Object.entries(next).every(([k, v]) => this.state[k as keyof ConnectionState] === v)) return
    this.state = next
    markOffline(this, next.status === 'offline' && !this.destroyed)
    for (const listener of this.listeners) listener()
  }

  private update(): void {
    if (this.destroyed) return
    const unsaved = this.editSeq > this.state.confirmed
    const synced = this.provider.wsconnected && this.provider.synced
    if (this.state.status === 'refused') {
      this.set({ unsaved, synced: false })
      return
    }
    let status: ConnectionStatus
    if (synced) status = unsaved ? 'saving' : 'saved'
    else if (this.provider.wsconnecting && this.attempts === 0) status = 'connecting'
    else status = 'offline'
    this.set({ status, unsaved, synced })
  }

  /**
   * The document can be shown once it is usable (`isReady`), from the server or from the
   * IndexedDB copy (then the server's changes merge in when it answers).
   */
  private checkReady(): void {
    if (this.state.ready || !this.isReady(this.doc)) return
    if (this.provider.synced || this.state.localLoaded) this.set({ ready: true })
  }

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Updates that came from the server or from the IndexedDB copy need no confirmation.
    if (origin === this.provider || (this.local !== null && origin === this.local)) {
      this.checkReady()
      return
    }
    this.editSeq++
    this.update()
    if (this.confirmTimer) clearTimeout(this.confirmTimer)
    this.confirmTimer = setTimeout(() => this.requestConfirmation(), CONFIRM_DELAY_MS)
  }

  /**
   * Asks the server for a round trip: a sync step 1 is answered with a step 2 only after the
   * server has handled (and stored) every message sent before it on this socket.
   */
  private requestConfirmation(): void {
    this.confirmTimer = null
    const ws = this.provider.ws
    // Before the first sync the provider's own step 1 is still unanswered; ours would be
    // matched with its reply. The 'sync' handler asks again once synced.
    if (!ws || !this.provider.synced || ws.readyState !== 1 /* OPEN */) return
    if (this.editSeq <= this.state.confirmed) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    ws.send(encoding.toUint8Array(encoder))
    this.inFlight.push(this.editSeq)
  }

  /** Wraps the provider's handlers to see step 2 replies and permission-denied messages. */
  private hookProtocol(): void {
    const handlers = this.provider.messageHandlers
    const sync = handlers[MessageType.Sync]
    handlers[MessageType.Sync] = (encoder, decoder, provider, emitSynced, messageType) => {
      // Replies come in the order of our step 1s. The provider's own step 1 on connect is not
      // queued (the queue is empty then), so its reply confirms nothing; take the entry
      // before handling, because handling the first reply fires 'sync', which queues ours.
      const seq = decoding.peekVarUint(decoder) === SyncMessageType.Step2 ? this.inFlight.shift() : undefined
      sync(encoder, decoder, provider, emitSynced, messageType)
      // After a refusal we cannot tell which of the edits since the last confirmation were
      // stored, so none counts as saved; the next socket sends them again.
      if (seq !== undefined && !this.refusedOnSocket) {
        this.set({ confirmed: Math.max(this.state.confirmed, seq) })
        this.update()
      }
    }
    handlers[MessageType.Auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => {
        this.refusedOnSocket = true
        this.set({
          denied: reason,
          ...(reason === PermissionDeniedReason.ReadOnly ? { readOnly: true } : {}),
        })
      })
    }
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      this.inFlight.length = 0
      this.refusedOnSocket = false
      if (event && this.fatal.has(event.code)) {
        this.set({ status: 'refused', closeCode: event.code, synced: false })
        return
      }
      if (this.destroyed) return
      this.scheduleReconnect()
      // The provider resets its flags after this event; read them once it has.
      queueMicrotask(() => this.update())
    })
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return
    const delay = nextBackoffMs(this.attempts++)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      if (!this.destroyed && this.state.status !== 'refused') this.provider.connect()
    }, delay)
  }

  private readonly reconnectNow = (): void => {
    if (this.destroyed || this.state.status === 'refused' || this.provider.wsconnected) return
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
    this.provider.connect()
  }

  /**
   * The browser knows the network is gone: close the socket now instead of waiting for the
   * silent-connection watchdog. Reconnect attempts continue with backoff and at once on `online`.
   */
  private readonly dropSocket = (): void => {
    if (this.destroyed) return
    // disconnect() closes synchronously; our close handler then schedules the reconnects.
    if (this.provider.ws) this.provider.disconnect()
    else this.update()
  }

  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') this.reconnectNow()
  }
}
